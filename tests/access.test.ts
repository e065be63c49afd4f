/**
 * Who may change what: a read-only API token reads but changes nothing, a bot must show its
 * lease token to finish a post, and end users cannot register themselves. A real Strapi on a
 * temporary database; each call is a real HTTP request with a real token.
 */
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';

let app: TestApp;
let readOnly: string;
let full: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startStrapi();
  readOnly = await createApiToken(app.strapi, 'read-only');
  full = await createApiToken(app.strapi, 'full-access');
});

afterAll(async () => {
  await app?.stop();
});

describe('a read-only API token', () => {
  it.each([['/api/daily-reports'], ['/api/schedules'], ['/api/deliveries'], ['/api/scheduler/health']])('reads %s', async (path) => {
    expect((await request(app.server).get(path).set(as(readOnly))).status).toBe(200);
  });

  it.each([
    ['post', '/api/deliveries/lease', {}],
    ['post', '/api/deliveries/x1/ack', { leaseToken: 't' }],
    ['post', '/api/deliveries/x1/nack', { leaseToken: 't', reason: 'r' }],
    ['post', '/api/deliveries/x1/retry', {}],
    ['post', '/api/deliveries/x1/cancel', {}],
    ['post', '/api/deliveries/x1/send-now', {}],
    ['post', '/api/schedules/x1/run-now', {}],
    ['post', '/api/groups/some-group/joins', {}],
    ['post', '/api/schedules', { data: { name: 'x', rule: 'FREQ=DAILY', source: 'text', text: 'x' } }],
    ['put', '/api/schedules/x1', { data: { name: 'y' } }],
    ['post', '/api/groups', { data: { name: 'g', slug: 'g', platform: 'webhook', timezone: 'UTC', locale: 'en' } }],
    ['delete', '/api/groups/x1', {}],
    ['post', '/api/daily-reports', { data: { date: '2026-12-01', edition: 'morning' } }],
  ] as const)('cannot %s %s', async (method, path, body) => {
    const before = await app.strapi.db.query('api::group.group').count();
    const res = await request(app.server)[method](path).set(as(readOnly)).send(body);
    expect(res.status).toBe(403);
    expect(await app.strapi.db.query('api::group.group').count()).toBe(before);
  });
});

describe('bots finish only what they leased', () => {
  it.each(['ack', 'nack'])('%s without leaseToken is a 400 naming it', async (action) => {
    const res = await request(app.server)
      .post(`/api/deliveries/x1/${action}`)
      .set(as(full))
      .send(action === 'nack' ? { reason: 'r' } : {});
    expect(res.status).toBe(400);
    const paths = (res.body.error.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'));
    expect(paths).toContain('leaseToken');
  });
});

describe('end-user self-registration', () => {
  it('is off unless USERS_ALLOW_REGISTER=true: no account is made', async () => {
    const before = await app.strapi.db.query('plugin::users-permissions.user').count();
    const res = await request(app.server)
      .post('/api/auth/local/register')
      .send({ username: 'mallory', email: 'mallory@example.com', password: 'Passw0rd!x' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Register action is currently disabled');
    expect(await app.strapi.db.query('plugin::users-permissions.user').count()).toBe(before);
  });
});
