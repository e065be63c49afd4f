/**
 * No credential anywhere, per platform: each group's secret (a whsec signing secret, a WeCom
 * robot key, a Telegram bot token, a Slack webhook URL, a DingTalk access_token, a Feishu hook id) is searched for, in plain and encoded
 * forms, in every REST and admin response the test gets, in every row of every table, and
 * in every log line. The fake platform is hostile: its error answers echo the request path
 * (which carries the key, token or webhook path) and headers back.
 */
import crypto from 'crypto';
import request from 'supertest';
import { setNow as setClock } from './helpers/scheduler-clock';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { captureLogs } from './helpers/log-capture';
import { everyRowText } from './helpers/every-row';
import { startFakePlatform, type FakePlatform } from './helpers/fake-platform';
import { isSealed, open } from '../src/plugins/scheduler/server/src/secrets/secret-box';

let app: TestApp;
let fake: FakePlatform;
let token: string;
let readOnly: string;
let jwt: string;
const logged: string[] = [];
const responses: string[] = [];
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;

const setNow = (iso: string) => setClock(app.strapi, iso);

/** GETs a path and keeps the response text for the grep. */
async function get(path: string, bearer: string) {
  const res = await request(app.server)
    .get(path)
    .set({ Authorization: `Bearer ${bearer}` });
  responses.push(`${path} ${res.status} ${res.text}`);
  return res;
}

/** Every row of every table, as text (SQLite or PostgreSQL). */
const everyRow = () => everyRowText(app.strapi);

/** The credential as it may appear: plain, percent-encoded, a Slack URL's path; slashes escaped once or twice; inside JSON text. */
const forms = (secret: string) => {
  const base = new Set([secret, encodeURIComponent(secret)]);
  try {
    base.add(new URL(secret).pathname); // a Slack URL's path is the credential
  } catch {
    // not a URL
  }
  const out = new Set<string>();
  for (const b of base)
    for (const v of [b, b.replace(/\//g, '\\/'), b.replace(/\//g, '\\\\/')]) out.add(v).add(JSON.stringify(v).slice(1, -1));
  return [...out];
};

const secrets: Record<string, string> = {};

beforeAll(async () => {
  fake = await startFakePlatform();
  app = await startStrapi({
    env: {
      WECOM_BASE_URL: fake.url,
      TELEGRAM_BASE_URL: fake.url,
      DINGTALK_BASE_URL: fake.url,
      FEISHU_BASE_URL: fake.url,
      SCHEDULER_TIMEOUT_MS: '1000',
      SCHEDULER_MAX_ATTEMPTS: '2',
    },
  });
  captureLogs(app.strapi, logged);
  token = await createApiToken(app.strapi);
  readOnly = await createApiToken(app.strapi, 'read-only');
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
  jwt = res.body.data.token;
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

const PLATFORMS = [
  {
    platform: 'webhook',
    secret: () => `whsec_${crypto.randomBytes(24).toString('base64')}`,
    endpoint: (slug: string) => `${fake.url}/hook/${slug}`,
  },
  { platform: 'wecom', secret: () => crypto.randomUUID(), endpoint: () => null },
  {
    platform: 'telegram',
    secret: () => `7${crypto.randomInt(1e8, 1e9)}:AA${crypto.randomBytes(16).toString('base64url')}`,
    endpoint: () => '-1001234567890',
  },
  {
    platform: 'slack',
    secret: () => `${fake.url}/services/T0${crypto.randomBytes(4).toString('hex')}/B0${crypto.randomBytes(8).toString('hex')}`,
    endpoint: () => null,
  },
  { platform: 'dingtalk', secret: () => crypto.randomBytes(32).toString('hex'), endpoint: () => null },
  { platform: 'feishu', secret: () => crypto.randomUUID(), endpoint: () => null },
];

it.each(PLATFORMS)('$platform: the secret is in no response, row or log line', async ({ platform, secret: makeSecret, endpoint }) => {
  const slug = `cred-${platform}`;
  const secret = makeSecret();
  secrets[platform] = secret;
  // Hostile answers: first a 500 echoing the request (path, headers, body), then a 404 doing the same; the post dies.
  fake.defaultAnswer('/', { status: 500 });
  const created = await request(app.server)
    .post('/api/groups')
    .set({ Authorization: `Bearer ${token}` })
    .send({ data: { name: slug, slug, platform, endpoint: endpoint(slug), secret, timezone: 'UTC', locale: 'en', stage: 'growth' } });
  expect(created.status).toBe(201);
  responses.push(created.text);
  const group = created.body.data;
  await docs('plugin::scheduler.schedule').create({
    data: {
      name: slug,
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'UTC',
      startsAt: '2026-12-01T00:00:00.000Z',
      source: 'text',
      text: 'Hello',
      groups: [group.documentId],
    },
  });
  const echo = (req: { path: string; headers: unknown; body: string }) =>
    JSON.stringify({ error: `no route for ${req.path}`, headers: req.headers, body: req.body, escaped: req.path.replace(/\//g, '\\/') });
  const before = fake.requests.length;
  setNow('2026-12-02T07:00:00Z');
  await plugin().service('planner').planAll();
  // The fake answers what it was asked, echoed: script answers once the request is known.
  const original = fake.requests.push.bind(fake.requests);
  fake.requests.push = (...items) => {
    for (const r of items) fake.script(r.path, { status: r.path.length % 2 ? 500 : 404, body: echo(r) });
    return original(...items);
  };
  try {
    for (const at of ['2026-12-02T08:00:30Z', '2026-12-02T09:00:30Z', '2026-12-02T12:00:30Z']) {
      setNow(at);
      await plugin().service('dispatcher').tick();
    }
  } finally {
    fake.requests.push = original;
  }
  const sentTo = fake.requests.slice(before);
  expect(sentTo.length).toBeGreaterThan(0);
  // The attack is real: the platform's requests carry the credential (except webhooks, which only sign with it).
  if (platform !== 'webhook') expect(sentTo.some((r) => forms(secret).some((f) => r.path.includes(f)))).toBe(true);

  const { data: rows } = await plugin().service('deliveries').list({ group: slug, limit: 10 });
  const row = rows.find((r: any) => r.scheduledFor === '2026-12-02T08:00:00.000Z');
  expect(['failed', 'dead']).toContain(row.status);
  expect(row.lastError).toBeTruthy();

  await get(`/api/groups/${group.documentId}`, token);
  await get(`/api/groups?populate=*`, readOnly);
  await get(`/api/deliveries?group=${slug}`, token);
  await get(`/api/deliveries?group=${slug}`, readOnly);
  await get(`/api/deliveries/${row.id}`, readOnly);
  await get('/api/scheduler/health', readOnly);
  await get(`/scheduler/deliveries/${row.id}`, jwt);
  await get(`/scheduler/groups/${group.documentId}/timeline`, jwt);
  await get('/scheduler/widgets/attention', jwt);
  await get(`/content-manager/collection-types/api::group.group/${group.documentId}`, jwt);

  const haystacks = { responses: responses.join('\n'), rows: await everyRow(), log: logged.join('\n') };
  for (const [where, text] of Object.entries(haystacks)) {
    for (const form of forms(secret)) {
      if (text.includes(form))
        throw new Error(
          `${platform}'s secret found in ${where}: …${text.slice(Math.max(0, text.indexOf(form) - 80), text.indexOf(form) + 20)}…`
        );
    }
  }
  // The grep itself works: the responses carry the row we looked for.
  expect(haystacks.responses).toContain(`/api/deliveries/${row.id} 200`);
});

describe('signingSecret (a platform-neutral request-signing key)', () => {
  it('is sealed at rest bound to its group, in no response, and unchanged by a write that omits it', async () => {
    const signingSecret = `SEC${crypto.randomBytes(32).toString('hex')}`;
    const slug = 'cred-signing';
    const created = await request(app.server)
      .post('/api/groups')
      .set({ Authorization: `Bearer ${token}` })
      .send({ data: { name: slug, slug, platform: 'webhook', endpoint: `${fake.url}/hook/${slug}`, signingSecret, timezone: 'UTC' } });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    const seen = [created.text];

    const row = () => app.strapi.db.query('api::group.group').findOne({ where: { documentId } });
    const stored = (await row()).signingSecret;
    expect(isSealed(stored)).toBe(true);
    expect(stored).not.toContain(signingSecret);
    expect(open(stored, process.env.ENCRYPTION_KEY!, `group:${documentId}:signingSecret`)).toBe(signingSecret);
    // Bound to the field: it does not open as the group's secret.
    expect(() => open(stored, process.env.ENCRYPTION_KEY!, `group:${documentId}:secret`)).toThrow();

    // Writes that omit it, or send the sealed value back (the admin form), leave it as it is.
    for (const data of [{ name: 'Renamed' }, { signingSecret: stored, name: 'Renamed again' }]) {
      const res = await request(app.server)
        .put(`/api/groups/${documentId}`)
        .set({ Authorization: `Bearer ${token}` })
        .send({ data });
      expect(res.status).toBe(200);
      seen.push(res.text);
      expect((await row()).signingSecret).toBe(stored);
    }
    seen.push((await get(`/api/groups/${documentId}`, token)).text);
    seen.push((await get('/api/groups?populate=*', readOnly)).text);
    seen.push((await get(`/content-manager/collection-types/api::group.group/${documentId}`, jwt)).text);
    for (const text of seen.slice(0, -1)) expect(text).not.toContain('signingSecret');
    const haystacks = [...seen, await everyRow(), logged.join('\n')].join('\n');
    for (const form of forms(signingSecret)) expect(haystacks.includes(form)).toBe(false);

    // Empty clears it: no signature.
    const cleared = await request(app.server)
      .put(`/api/groups/${documentId}`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ data: { signingSecret: '' } });
    expect(cleared.status).toBe(200);
    expect((await row()).signingSecret).toBeNull();
  });
});
