/**
 * What the dispatcher does when receivers fail, against a real HTTP server on loopback
 * and a real Strapi: a group's posts stay in order through an outage (later ones wait,
 * unattempted, behind the failing one); the first success on a receiver releases the
 * others waiting on it; a 410 Gone disables the group's endpoint until it is changed;
 * posts that wait while the scheduler runs are not "missed" (only downtime is); posts
 * planned after their time follow catchUp. The scheduler's clock is moved, not mocked.
 */
import crypto from 'crypto';
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { startFakePlatform, type FakePlatform } from './helpers/fake-platform';

let app: TestApp;
let fake: FakePlatform;
let token: string;
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const secret = `whsec_${crypto.randomBytes(24).toString('base64')}`;

function setNow(iso: string | number) {
  plugin().service('clock').reset();
  plugin()
    .service('clock')
    .advance((typeof iso === 'number' ? iso : Date.parse(iso)) - Date.now());
}

/** The scheduler running from `from` to `to`: a dispatch round every `stepMs` of scheduler time. */
async function run(from: string, to: string, stepMs = 20_000) {
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMs) {
    setNow(t);
    await plugin().service('dispatcher').tick();
  }
}

async function rowsOf(group: string) {
  return (await plugin().service('deliveries').list({ group, limit: 1000 })).data as any[];
}

async function group(slug: string, endpoint: string, extra: Record<string, unknown> = {}) {
  return docs('api::group.group').create({
    data: { name: slug, slug, platform: 'webhook', endpoint, secret, timezone: 'UTC', locale: 'en', stage: 'growth', ...extra },
  });
}

async function schedule(name: string, groups: string[], extra: Record<string, unknown> = {}) {
  return docs('plugin::scheduler.schedule').create({
    data: {
      name,
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'UTC',
      startsAt: '2026-12-01T00:00:00.000Z',
      source: 'text',
      text: 'Post for {{group.name}}',
      groups,
      ...extra,
    },
  });
}

const idsAt = (prefix: string) => fake.received(prefix).map((r) => r.headers['webhook-id'] as string);

beforeAll(async () => {
  fake = await startFakePlatform();
  app = await startStrapi({ env: { SCHEDULER_TIMEOUT_MS: '1000', SCHEDULER_MAX_ATTEMPTS: '6' } });
  token = await createApiToken(app.strapi);
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('a receiver outage', () => {
  it("keeps a group's posts in order: later posts wait unattempted behind the failing one, none is skipped as missed", async () => {
    const g = await group('order-a', `${fake.url}/hook/order-a`);
    await schedule('every 10 min', [g.documentId], { rule: 'FREQ=MINUTELY;INTERVAL=10', startsAt: '2026-12-01T08:00:00.000Z' });
    fake.defaultAnswer('/hook/order-a', { status: 503, body: 'down for maintenance' });
    setNow('2026-12-01T07:59:00Z');
    await plugin().service('planner').planAll();

    // Down from 08:00 to 08:25; the scheduler runs all along (a round every 20 s).
    await run('2026-12-01T08:00:01Z', '2026-12-01T08:25:00Z');
    const duringOutage = idsAt('/hook/order-a');
    const rows = await rowsOf('order-a');
    const head = rows.find((r) => r.scheduledFor === '2026-12-01T08:00:00.000Z');
    // Only the first post went to the receiver (08:00, +5 s, +5 min ±20%, and a probe a
    // minute that is not an attempt); the 08:10 and 08:20 posts waited.
    expect(new Set(duringOutage)).toEqual(new Set([head.key]));
    expect(duringOutage.length).toBeGreaterThan(15);
    expect(duringOutage.length).toBeLessThan(30);
    expect(head).toMatchObject({ status: 'failed', attempts: 3 });
    const waiting = rows.filter((r) => ['2026-12-01T08:10:00.000Z', '2026-12-01T08:20:00.000Z'].includes(r.scheduledFor));
    expect(waiting.map((r) => [r.status, r.attempts])).toEqual([
      ['planned', 0],
      ['planned', 0],
    ]);

    // Back at 08:25. The first post's next retry is 30 min ±20% after 08:05, but a probe
    // finds the receiver back within a minute.
    fake.defaultAnswer('/hook/order-a', { status: 200 });
    await run('2026-12-01T08:25:20Z', '2026-12-01T08:27:00Z');
    expect((await rowsOf('order-a')).filter((r) => r.scheduledFor <= '2026-12-01T08:20:00.000Z').map((r) => r.status)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);
    await run('2026-12-01T08:27:20Z', '2026-12-01T08:50:00Z');
    const after = await rowsOf('order-a');
    const due = after.filter((r) => r.scheduledFor <= '2026-12-01T08:40:00.000Z');
    expect(due.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    // Arrival order of the successful requests = scheduled order.
    const sentKeys = fake
      .received('/hook/order-a')
      .map((r) => r.headers['webhook-id'] as string)
      .filter((id, i, all) => all.lastIndexOf(id) === i);
    const sentRows = after.filter((r) => r.status === 'sent');
    expect(sentKeys).toEqual([...sentRows].sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor)).map((r) => r.key));
    // The posts that waited were sent on their first attempt, with the same id as planned.
    for (const r of due.slice(1)) expect(idsAt('/hook/order-a').filter((id) => id === r.key)).toHaveLength(1);
  });

  it('one success on a receiver releases the posts of other groups waiting on it; another receiver keeps waiting', async () => {
    const a = await group('rel-a', `${fake.url}/hook/rel-a`);
    const b = await group('rel-b', `${fake.url}/hook/rel-b`);
    // Same server, other origin (localhost vs 127.0.0.1): not the same receiver.
    const c = await group('rel-c', `${fake.url.replace('127.0.0.1', 'localhost')}/hook/relc`);
    await schedule('release', [a.documentId, b.documentId, c.documentId]);
    fake.defaultAnswer('/hook/rel-', { status: 502, body: 'bad gateway' });
    fake.defaultAnswer('/hook/relc', { status: 502, body: 'bad gateway' });
    setNow('2026-12-01T07:59:00Z');
    await plugin().service('planner').planAll();
    await run('2026-12-01T08:00:01Z', '2026-12-01T08:00:21Z', 10_000);
    // Pretend b and c are further along their backoff: their next retry is half an hour away.
    const s = plugin().service('delivery-store');
    await s
      .knex()(s.table())
      .whereIn(s.col('groupSlug'), ['rel-b', 'rel-c'])
      .update({ [s.col('nextAttemptAt')]: new Date('2026-12-01T08:40:00Z') });
    const [rowA] = await rowsOf('rel-a');
    expect(rowA).toMatchObject({ status: 'failed', attempts: 2 });

    fake.defaultAnswer('/hook/rel-', { status: 200 });
    // a's own retry (5 min ±20% after 08:00:11) goes through; b follows at once, c waits.
    await run('2026-12-01T08:06:30Z', '2026-12-01T08:06:40Z', 5_000);
    const [sentA] = await rowsOf('rel-a');
    const [sentB] = await rowsOf('rel-b');
    const [waitingC] = await rowsOf('rel-c');
    expect(sentA.status).toBe('sent');
    expect(sentB).toMatchObject({ status: 'sent', attempts: 3 });
    expect(Date.parse(sentB.sentAt)).toBeLessThan(Date.parse('2026-12-01T08:40:00Z'));
    expect(waitingC).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: '2026-12-01T08:40:00.000Z' });
  });

  it('410 Gone disables the endpoint: dead post, said in health, later posts skipped without a request, a new endpoint turns it back on', async () => {
    const g = await group('gone', `${fake.url}/hook/gone`);
    await schedule('hourly', [g.documentId], { rule: 'FREQ=HOURLY;BYMINUTE=0' });
    fake.script('/hook/gone', { status: 410, body: 'this hook was deleted' });
    setNow('2026-12-01T07:59:00Z');
    await plugin().service('planner').planAll();
    await run('2026-12-01T08:00:01Z', '2026-12-01T08:00:01Z');
    const first = (await rowsOf('gone')).find((r) => r.scheduledFor === '2026-12-01T08:00:00.000Z');
    expect(first).toMatchObject({ status: 'dead' });
    expect(first.reason).toMatch(/HTTP 410 Gone/);

    const health = await request(app.server)
      .get('/api/scheduler/health')
      .set({ Authorization: `Bearer ${token}` });
    expect(health.status).toBe(200);
    expect(health.body.data.disabledEndpoints).toEqual([
      { group: 'gone', since: expect.stringMatching(/^2026-12-01T08:00:01/), reason: expect.stringMatching(/410 Gone/) },
    ]);
    const viaApi = await request(app.server)
      .get(`/api/groups/${g.documentId}`)
      .set({ Authorization: `Bearer ${token}` });
    expect(viaApi.body.data.endpointDisabledAt).toMatch(/^2026-12-01T08:00:01/);

    await run('2026-12-01T08:00:21Z', '2026-12-01T09:00:21Z', 20_000);
    const nine = (await rowsOf('gone')).find((r) => r.scheduledFor === '2026-12-01T09:00:00.000Z');
    expect(nine.status).toBe('skipped');
    expect(nine.reason).toMatch(/endpoint disabled since 2026-12-01T08:00:01/);
    expect(fake.received('/hook/gone')).toHaveLength(1);

    // Editing something else keeps it off; a new endpoint turns it back on.
    await docs('api::group.group').update({ documentId: g.documentId, data: { name: 'gone (renamed)' } });
    expect((await app.strapi.db.query('api::group.group').findOne({ where: { id: g.id } })).endpointDisabledAt).not.toBeNull();
    await docs('api::group.group').update({ documentId: g.documentId, data: { endpoint: `${fake.url}/hook/gone-v2` } });
    expect((await app.strapi.db.query('api::group.group').findOne({ where: { id: g.id } })).endpointDisabledAt).toBeNull();
    await run('2026-12-01T09:40:00Z', '2026-12-01T10:00:21Z', 20_000);
    const ten = (await rowsOf('gone')).find((r) => r.scheduledFor === '2026-12-01T10:00:00.000Z');
    expect(ten.status).toBe('sent');
    expect(fake.received('/hook/gone-v2')).toHaveLength(1);
  });
});

describe('probes', () => {
  it('find a receiver back within the probe interval, long before the next retry; a probe that finds it still down is not an attempt', async () => {
    // Probe leases are per receiver and this file's clock goes back and forth: start clean.
    await app.strapi.db.connection('scheduler_leases').where('name', 'like', 'probe:%').del();
    const a = await group('probe-a', `${fake.url}/hook/probe-a`);
    const b = await group('probe-b', `${fake.url}/hook/probe-b`);
    await schedule('probe', [a.documentId, b.documentId], { rule: 'FREQ=DAILY;BYHOUR=6;BYMINUTE=0' });
    fake.defaultAnswer('/hook/probe-', { status: 503 });
    setNow('2026-12-02T05:59:00Z');
    await plugin().service('planner').planAll();
    await run('2026-12-02T06:00:01Z', '2026-12-02T06:00:11Z', 10_000);
    const s = plugin().service('delivery-store');
    const long = new Date('2026-12-02T06:40:00Z');
    await s
      .knex()(s.table())
      .whereIn(s.col('groupSlug'), ['probe-a', 'probe-b'])
      .update({ [s.col('nextAttemptAt')]: long });
    const before = fake.received('/hook/probe-').length;

    // Still down: one probe a minute for the receiver, not per group; nothing counts.
    await run('2026-12-02T06:01:00Z', '2026-12-02T06:03:50Z', 10_000);
    const probes = fake.received('/hook/probe-').slice(before);
    expect(probes.length).toBeGreaterThanOrEqual(2);
    expect(probes.length).toBeLessThanOrEqual(3);
    for (const r of [...(await rowsOf('probe-a')), ...(await rowsOf('probe-b'))].filter(
      (x) => x.scheduledFor === '2026-12-02T06:00:00.000Z'
    )) {
      expect(r).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: long.toISOString() });
    }

    // Back: the next probe gets through and releases the other group's post.
    fake.defaultAnswer('/hook/probe-', { status: 200 });
    await run('2026-12-02T06:04:00Z', '2026-12-02T06:05:30Z', 10_000);
    const sent = [...(await rowsOf('probe-a')), ...(await rowsOf('probe-b'))].filter((x) => x.scheduledFor === '2026-12-02T06:00:00.000Z');
    expect(sent.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(sent.every((r) => Date.parse(r.sentAt) < Date.parse('2026-12-02T06:05:31Z'))).toBe(true);
    expect(sent.map((r) => r.attempts).sort()).toEqual([3, 3]);
  });
});

describe('posts planned after their time', () => {
  it('follow catchUp: skip skips them, latest sends the newest one now', async () => {
    const skip = await group('late-skip', `${fake.url}/hook/late-skip`);
    const latest = await group('late-latest', `${fake.url}/hook/late-latest`);
    setNow('2026-12-01T10:30:00Z');
    // Created at 10:30 with an hourly rule since midnight: 10:00 had passed when it was planned.
    await schedule('late skip', [skip.documentId], { rule: 'FREQ=HOURLY;BYMINUTE=0', catchUp: 'skip' });
    await schedule('late latest', [latest.documentId], { rule: 'FREQ=HOURLY;BYMINUTE=0', catchUp: 'latest' });
    await plugin().service('planner').planAll();
    const ten = (rows: any[]) => rows.find((r) => r.scheduledFor === '2026-12-01T10:00:00.000Z');
    expect(ten(await rowsOf('late-skip'))).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/its time had passed when it was planned/),
    });
    const revived = ten(await rowsOf('late-latest'));
    expect(revived.status).toBe('planned');
    expect(Math.abs(Date.parse(revived.dueAt) - Date.parse('2026-12-01T10:30:00Z'))).toBeLessThan(1000);
    await plugin().service('dispatcher').tick();
    expect(ten(await rowsOf('late-latest')).status).toBe('sent');
    expect(fake.received('/hook/late-skip')).toHaveLength(0);
  });
});
