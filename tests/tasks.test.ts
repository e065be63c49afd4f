/**
 * Staff tasks: a manual group's posts are planned like any other and become tasks for the
 * group's owners at their time, never requests (a loopback receiver stands by and must get
 * nothing). Real Strapi on a temporary database; the scheduler's clock is moved.
 */
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { startFakePlatform, type FakePlatform } from './helpers/fake-platform';

let app: TestApp;
let fake: FakePlatform;
let token: string;
let readOnly: string;
let jwt: string;
const plugin = () => app.strapi.plugin('scheduler');
const planner = () => plugin().service('planner');
const dispatcher = () => plugin().service('dispatcher');
const clock = () => plugin().service('clock');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

function setNow(iso: string) {
  clock().reset();
  clock().advance(Date.parse(iso) - Date.now());
}

/** Plan, and run the dispatcher as every instance would: it must send nothing. */
async function round(iso: string) {
  setNow(iso);
  await planner().planAll({ force: true });
  await dispatcher().tick();
}

const list = (query: string, t = token) => request(app.server).get(`/api/tasks${query}`).set(bearer(t));
const post = (path: string, body: Record<string, unknown> = {}, t = token) => request(app.server).post(path).set(bearer(t)).send(body);

const LONG = Array.from({ length: 30 }, (_, i) =>
  `第${i + 1}条：今天的打卡任务是读完一章书并写下三点收获，然后在群里分享。`.repeat(3)
).join('\n\n');

beforeAll(async () => {
  fake = await startFakePlatform();
  app = await startStrapi({ env: { SCHEDULER_HORIZON_HOURS: '48', WECOM_BASE_URL: fake.url } });
  token = await createApiToken(app.strapi);
  readOnly = await createApiToken(app.strapi, 'read-only');
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
  expect(res.status).toBe(200);
  jwt = res.body.data.token;
  const ada = await app.strapi.db.query('admin::user').findOne({ where: { email: 'ada@example.com' } });
  const bob = await app.strapi.db.query('admin::user').create({
    data: { firstname: 'Bob', lastname: 'Post', email: 'bob@example.com', isActive: true, blocked: false },
  });
  const shanghai = await docs('api::group.group').create({
    data: {
      name: '习惯营·微信群1群',
      slug: 'camp-sh',
      platform: 'manual',
      timezone: 'Asia/Shanghai',
      locale: 'zh-Hans',
      stage: 'growth',
      owners: [ada.id],
    },
  });
  const newYork = await docs('api::group.group').create({
    data: {
      name: 'Habit camp NY',
      slug: 'camp-ny',
      platform: 'manual',
      timezone: 'America/New_York',
      locale: 'en',
      stage: 'growth',
      owners: [bob.id],
    },
  });
  const schedule = (name: string, timezone: string, text: string, group: string) =>
    docs('plugin::scheduler.schedule').create({
      data: {
        name,
        rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
        timezone,
        startsAt: '2026-12-01T00:00:00.000Z',
        source: 'text',
        title: name,
        text,
        graceSeconds: 86400,
        groups: [group],
      },
    });
  await schedule('早报', 'Asia/Shanghai', LONG, shanghai.documentId);
  await schedule('Morning', 'America/New_York', 'Good morning **{{group.name}}**!', newYork.documentId);
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

afterEach(() => {
  // Whatever happened, nothing was sent anywhere.
  expect(fake.requests).toHaveLength(0);
});

describe('a manual group', () => {
  it('takes no endpoint nor secret (400 naming the field)', async () => {
    const res = await request(app.server)
      .post('/api/groups')
      .set(bearer(token))
      .send({
        data: { name: 'X', slug: 'x-manual', platform: 'manual', endpoint: 'https://example.com/hook', timezone: 'UTC', locale: 'en' },
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('endpoint');
  });

  it('does not show its owners (admin users) in /api/groups', async () => {
    for (const q of ['', '?populate=*', '?populate[owners]=true']) {
      const res = await request(app.server).get(`/api/groups${q}`).set(bearer(token));
      // The relation is private: not shown, and asking to populate it is refused.
      expect(JSON.stringify(res.body)).not.toContain('example.com');
      expect(JSON.stringify(res.body)).not.toContain('password');
      if (res.status === 200) expect(res.body.data.every((g: any) => !('owners' in g))).toBe(true);
      else expect(res.body.error.message).toBe('Invalid key owners');
    }
  });
});

describe('tasks', () => {
  let sh: any;
  let ny: any;

  it('are planned like any post, listed with parts and the group’s local time', async () => {
    await round('2026-12-01T20:00:00Z');
    const res = await list('');
    expect(res.status).toBe(200);
    // The window is now ± 24 h: 08:00 in Shanghai on the 2nd (00:00 UTC) and 08:00 in New York on the 2nd (13:00 UTC, EST).
    expect(res.body.data.map((t: any) => [t.group.slug, t.dueAt, t.localDate, t.localTime, t.status])).toEqual([
      ['camp-sh', '2026-12-02T00:00:00.000Z', '2026-12-02', '08:00', 'planned'],
      ['camp-ny', '2026-12-02T13:00:00.000Z', '2026-12-02', '08:00', 'planned'],
    ]);
    [sh, ny] = res.body.data;
    expect(sh.group).toEqual({ slug: 'camp-sh', name: '习惯营·微信群1群', timezone: 'Asia/Shanghai' });
    expect(sh.owners).toEqual(['ada@example.com']);
    expect(ny.owners).toEqual(['bob@example.com']);
    expect(sh.source).toBe('text');
    expect(sh.title).toBe('早报');
    // 2,000 characters a part: the long report comes in parts, each within the limit.
    expect(sh.parts.length).toBeGreaterThan(1);
    for (const p of sh.parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(ny.parts).toEqual(['Good morning Habit camp NY!']);
    expect(Object.keys(sh).sort()).toEqual(
      [
        'doneAt',
        'doneBy',
        'dueAt',
        'group',
        'id',
        'localDate',
        'localTime',
        'onTime',
        'origin',
        'owners',
        'parts',
        'problem',
        'reason',
        'scheduledFor',
        'source',
        'status',
        'title',
      ].sort()
    );
  });

  it('cannot be done long before its time (409)', async () => {
    const res = await post(`/api/tasks/${sh.id}/done`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('not yet due');
  });

  it('wait from their time; the dispatcher sends nothing; health counts them apart', async () => {
    await round('2026-12-02T00:04:00Z');
    const res = await list('?status=waiting');
    expect(res.body.data.map((t: any) => t.id)).toEqual([sh.id]);
    const row = await plugin().service('delivery-store').byDocumentId(sh.id);
    expect(row.status).toBe('planned');
    // Its text is fixed at its due time, like a sent payload.
    expect(row.payload.renditions.text.parts).toEqual(sh.parts);
    const health = await request(app.server).get('/api/scheduler/health').set(bearer(token));
    expect(health.body.data.tasks).toEqual({ waiting: 1, late: 0 });
    expect(health.body.data.due).toBe(0);
  });

  it('filter by group (slug or id) and assignee (email or id); bad values name the field', async () => {
    expect((await list('?group=camp-ny')).body.data.map((t: any) => t.id)).toEqual([ny.id]);
    expect((await list('?assignee=ada@example.com&status=waiting')).body.data.map((t: any) => t.id)).toEqual([sh.id]);
    const adaId = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'ada@example.com' } })).id;
    expect((await list(`?assignee=${adaId}&status=waiting,done`)).body.data.map((t: any) => t.id)).toEqual([sh.id]);
    const nyGroup = await docs('api::group.group').findFirst({ filters: { slug: 'camp-ny' } });
    expect((await list(`?group=${nyGroup.documentId}`)).body.data.map((t: any) => t.id)).toEqual([ny.id]);
    const bad = await list('?assignee=nobody@example.com');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('assignee');
    const badGroup = await list('?group=nope');
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.error.message).toContain('group');
    const badStatus = await list('?status=sent');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.message).toContain('status');
    expect((await list('?limit=501')).status).toBe(400);
  });

  it('read-only tokens may list but not mark', async () => {
    expect((await list('', readOnly)).status).toBe(200);
    expect((await post(`/api/tasks/${sh.id}/done`, {}, readOnly)).status).toBe(403);
    expect((await post(`/api/tasks/${sh.id}/skip`, { reason: 'x' }, readOnly)).status).toBe(403);
  });

  it('done by someone who is not an owner: 400 naming by', async () => {
    const res = await post(`/api/tasks/${sh.id}/done`, { by: 'bob@example.com' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^by: /);
  });

  it('done on time records who and when; done again is the same', async () => {
    const res = await post(`/api/tasks/${sh.id}/done`, { by: 'ada@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'done', doneBy: 'ada@example.com', onTime: true });
    expect(res.body.data.doneAt).toMatch(/^2026-12-02T00:04:0/);
    setNow('2026-12-02T00:30:00Z');
    const again = await post(`/api/tasks/${sh.id}/done`, { by: 'ada@example.com' });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(res.body.data);
    const skip = await post(`/api/tasks/${sh.id}/skip`, { reason: 'changed my mind' });
    expect(skip.status).toBe(409);
  });

  it('done late (admin route, the logged-in admin recorded) is not on time', async () => {
    await round('2026-12-02T13:30:00Z');
    const res = await request(app.server).post(`/scheduler/tasks/${ny.id}/done`).set(bearer(jwt)).send({});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'done', doneBy: 'ada@example.com', onTime: false });
    expect(res.body.data.doneAt).toMatch(/^2026-12-02T13:30:0/);
  });

  it('skip needs a reason (400 naming reason) and keeps it', async () => {
    await round('2026-12-03T00:02:00Z');
    const next = (await list('?group=camp-sh&status=waiting')).body.data[0];
    expect(next.dueAt).toBe('2026-12-03T00:00:00.000Z');
    const none = await post(`/api/tasks/${next.id}/skip`, {});
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('reason');
    const long = await post(`/api/tasks/${next.id}/skip`, { reason: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    const res = await post(`/api/tasks/${next.id}/skip`, { reason: 'group muted for an event', by: 'ada@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'skipped', doneBy: 'ada@example.com', doneAt: null });
    expect(res.body.data.reason).toContain('group muted for an event');
    expect((await post(`/api/tasks/${next.id}/skip`, { reason: 'again' })).status).toBe(200);
  });

  it('not done within the cut-off: missed, and done then is a 409', async () => {
    await round('2026-12-03T18:59:00Z');
    const waiting = (await list('?group=camp-ny&status=waiting')).body.data[0];
    expect(waiting.dueAt).toBe('2026-12-03T13:00:00.000Z');
    await round('2026-12-03T19:00:00Z');
    const missed = (await list('?group=camp-ny&status=missed')).body.data;
    expect(missed.map((t: any) => t.id)).toEqual([waiting.id]);
    const res = await post(`/api/tasks/${waiting.id}/done`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('missed');
    const health = await request(app.server).get('/api/scheduler/health').set(bearer(token));
    expect(health.body.data.byStatus.missed).toBe(1);
    expect(health.body.data.byStatus.skipped).toBe(1);
  });

  it('admin routes: mine by default, everyone’s with mine=false', async () => {
    const from = '2026-12-01T00:00:00.000Z';
    const to = '2026-12-03T23:00:00.000Z';
    const mine = await request(app.server).get(`/scheduler/tasks?from=${from}&to=${to}`).set(bearer(jwt));
    expect(mine.status).toBe(200);
    expect(new Set(mine.body.data.map((t: any) => t.group.slug))).toEqual(new Set(['camp-sh']));
    const all = await request(app.server).get(`/scheduler/tasks?mine=false&from=${from}&to=${to}`).set(bearer(jwt));
    expect(new Set(all.body.data.map((t: any) => t.group.slug))).toEqual(new Set(['camp-sh', 'camp-ny']));
    expect(all.body.data.map((t: any) => t.status)).toEqual(['done', 'done', 'skipped', 'missed']);
    expect((await request(app.server).get('/scheduler/tasks')).status).toBe(401);
  });
  it('a group switched to manual after planning: its planned post becomes a task, not a request', async () => {
    const group = await docs('api::group.group').create({
      data: {
        name: 'Was a webhook',
        slug: 'was-webhook',
        platform: 'webhook',
        endpoint: `${fake.url}/hook/was-webhook`,
        secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdA==',
        timezone: 'UTC',
        locale: 'en',
        stage: 'growth',
      },
    });
    await docs('plugin::scheduler.schedule').create({
      data: {
        name: 'Evening',
        rule: 'FREQ=DAILY;BYHOUR=20;BYMINUTE=0',
        timezone: 'UTC',
        startsAt: '2026-12-01T00:00:00.000Z',
        source: 'text',
        text: 'Hi',
        graceSeconds: 86400,
        groups: [group.documentId],
      },
    });
    await round('2026-12-03T19:30:00Z');
    await docs('api::group.group').update({ documentId: group.documentId, data: { platform: 'manual', endpoint: null, secret: null } });
    await round('2026-12-03T20:00:00Z');
    const [row] = (await plugin().service('deliveries').list({ group: 'was-webhook' })).data;
    expect(row).toMatchObject({ status: 'planned', platform: 'manual', dueAt: '2026-12-03T20:00:00.000Z' });
    expect((await list('?group=was-webhook&status=waiting')).body.data.map((t: any) => t.id)).toEqual([row.id]);
  });
});

describe('time slots (admin, the Tasks page)', () => {
  const admin = (method: 'get' | 'post', path: string) => request(app.server)[method](path).set(bearer(jwt));
  let ids: { a: string; b: string };

  beforeAll(async () => {
    const ada = await app.strapi.db.query('admin::user').findOne({ where: { email: 'ada@example.com' } });
    const group = (slug: string, name: string) =>
      docs('api::group.group').create({
        data: { name, slug, platform: 'manual', timezone: 'Asia/Tokyo', locale: 'en', stage: 'growth', owners: [ada.id] },
      });
    const a = await group('slot-a', 'Slot camp A');
    const b = await group('slot-b', 'Slot camp B');
    await docs('plugin::scheduler.schedule').create({
      data: {
        name: 'Tokyo morning',
        rule: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30',
        timezone: 'Asia/Tokyo',
        startsAt: '2026-12-01T00:00:00.000Z',
        source: 'text',
        title: 'Tokyo morning',
        text: 'おはよう {{group.name}}',
        graceSeconds: 86400,
        groups: [a.documentId, b.documentId],
      },
    });
    // 09:30 in Tokyo (UTC+9) on the 4th is 00:30Z; a minute later both tasks wait.
    await round('2026-12-04T00:31:00Z');
  });

  const tokyoSlots = async () => {
    const res = await admin('get', '/scheduler/tasks/slots?from=2026-12-04T00:00:00.000Z&to=2026-12-04T01:00:00.000Z');
    expect(res.status).toBe(200);
    return res.body.data.filter((s: any) => s.timezone === 'Asia/Tokyo');
  };

  it("groups two groups' tasks of one schedule into one slot, at the groups' local time, with counts", async () => {
    const slots = await tokyoSlots();
    expect(slots).toHaveLength(1);
    const [slot] = slots;
    expect(slot).toMatchObject({
      dueAt: '2026-12-04T00:30:00.000Z',
      localDate: '2026-12-04',
      localTime: '09:30',
      timezone: 'Asia/Tokyo',
      source: 'text',
      title: 'Tokyo morning',
      counts: { waiting: 2 },
      open: 2,
    });
    expect(slot.tasks.map((t: any) => [t.group.slug, t.status])).toEqual([
      ['slot-a', 'waiting'],
      ['slot-b', 'waiting'],
    ]);
    expect(slot.tasks[0].parts).toEqual(['おはよう Slot camp A']);
    ids = { a: slot.tasks[0].id, b: slot.tasks[1].id };
  });

  it('marks a slot done at once: an already skipped task is reported in failed, the other is done', async () => {
    const skip = await admin('post', `/scheduler/tasks/${ids.b}/skip`).send({ reason: 'group muted today' });
    expect(skip.status).toBe(200);
    const res = await admin('post', '/scheduler/tasks/done').send({ ids: [ids.a, ids.b] });
    expect(res.status).toBe(200);
    expect(res.body.data.done.map((t: any) => [t.id, t.status, t.doneBy, t.onTime])).toEqual([[ids.a, 'done', 'ada@example.com', true]]);
    expect(res.body.data.failed).toHaveLength(1);
    expect(res.body.data.failed[0].id).toBe(ids.b);
    expect(res.body.data.failed[0].message).toEqual(expect.stringContaining('skipped'));
    const [slot] = await tokyoSlots();
    expect(slot).toMatchObject({ counts: { done: 1, skipped: 1 }, open: 0 });
  });

  it('done for a slot needs ids (400 for none)', async () => {
    const res = await admin('post', '/scheduler/tasks/done').send({ ids: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('ids');
    expect((await admin('post', '/scheduler/tasks/done').send({})).status).toBe(400);
  });
});
