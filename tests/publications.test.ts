/**
 * Scheduled publishing (issue 16): an editor's publish or unpublish of one entry in one
 * locale at an instant runs once, within seconds, through the document service; a failure
 * is kept with its reason and noticed to the default team group. A real Strapi on a
 * temporary SQLite database, on the real clock; the test runs the publisher's rounds itself
 * (API tests run no loops), every 250 ms as the loop would every second.
 */
import crypto from 'crypto';
import request from 'supertest';
import { DateTime } from 'luxon';
import { Webhook } from 'standardwebhooks';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { startFakePlatform, type FakePlatform } from './helpers/fake-platform';

jest.setTimeout(90_000);

let app: TestApp;
let fake: FakePlatform;
let token: string;
let readOnly: string;
let jwt: string;
const REPORT = 'api::daily-report.daily-report';
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const bearer = (t = token) => ({ Authorization: `Bearer ${t}` });
const teamSecret = `whsec_${crypto.randomBytes(24).toString('base64')}`;
const errorPaths = (res: request.Response) => (res.body.error?.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'));
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const post = (body: Record<string, unknown>, t = token) =>
  request(app.server).post('/api/scheduler/publications').set(bearer(t)).send(body);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs publisher rounds until `done` holds (at most 15 s). */
async function until(done: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    await plugin().service('publisher').tick();
    if (await done()) return;
    if (Date.now() > deadline) throw new Error('not within 15 s');
    await sleep(250);
  }
}
const publication = async (id: number) => (await plugin().service('publications-store').findById(id)) as any;
const publicReports = async (locale: string) =>
  (await request(app.server).get(`/api/daily-reports?locale=${locale}`).set(bearer(readOnly))).body.data as any[];

// The next 08:00 and 21:00 in Shanghai (the posts readiness checks).
const shanghai = () => DateTime.now().setZone('Asia/Shanghai');
const nextAt = (hour: number) => {
  let t = shanghai().set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (t <= shanghai().plus({ minutes: 5 })) t = t.plus({ days: 1 });
  return t;
};

beforeAll(async () => {
  fake = await startFakePlatform();
  app = await startStrapi();
  token = await createApiToken(app.strapi);
  readOnly = await createApiToken(app.strapi, 'read-only');
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
  jwt = res.body.data.token;
  await docs('api::group.group').create({
    data: {
      name: 'Ops',
      slug: 'team-ops',
      platform: 'webhook',
      endpoint: `${fake.url}/hook/team-ops`,
      secret: teamSecret,
      timezone: 'Asia/Shanghai',
      locale: 'en',
      stage: 'growth',
      purpose: 'team',
      defaultTeam: true,
    },
  });
  const zh = await docs('api::group.group').create({
    data: { name: 'zh-1', slug: 'zh-1', platform: 'manual', timezone: 'Asia/Shanghai', locale: 'zh-Hans', stage: 'growth' },
  });
  for (const [source, hour] of [
    ['morning-report', 8],
    ['evening-report', 21],
  ] as const) {
    await docs('plugin::scheduler.schedule').create({
      data: {
        name: source,
        rule: `FREQ=DAILY;BYHOUR=${hour};BYMINUTE=0`,
        timezone: 'Asia/Shanghai',
        startsAt: '2026-01-01T00:00:00.000Z',
        source,
        groups: [zh.documentId],
      },
    });
  }
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

const readinessLine = async (source: string) => {
  const res = await request(app.server).get('/api/scheduler/readiness').set(bearer());
  expect(res.status).toBe(200);
  return res.body.data.find((l: any) => l.source === source && l.locale === 'zh-Hans');
};

describe('a zh-Hans morning report published at an instant', () => {
  let reportId: string;
  let id: number;

  it('is a draft, then scheduled in readiness once a publication is planned before its post', async () => {
    const report = await docs(REPORT).create({
      locale: 'zh-Hans',
      data: { date: nextAt(8).toISODate(), edition: 'morning', greeting: '早上好' },
    });
    reportId = report.documentId;
    expect((await readinessLine('morning-report')).state).toBe('draft');

    const res = await post({ uid: REPORT, documentId: reportId, locale: 'zh-Hans', action: 'publish', at: inMs(2000) });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      uid: REPORT,
      documentId: reportId,
      locale: 'zh-Hans',
      action: 'publish',
      status: 'planned',
      createdBy: 'api',
    });
    id = res.body.data.id;
    expect(await readinessLine('morning-report')).toMatchObject({ state: 'scheduled', entry: { uid: REPORT, documentId: reportId } });
    expect(await publicReports('zh-Hans')).toEqual([]);
  });

  it('the same request again is the same publication (200), not a second one', async () => {
    const first = await publication(id);
    const res = await post({ uid: REPORT, documentId: reportId, locale: 'zh-Hans', action: 'publish', at: first.at.toISOString() });
    expect([res.status, res.body.data.id]).toEqual([200, id]);
    const list = await request(app.server).get(`/api/scheduler/publications?uid=${REPORT}&documentId=${reportId}`).set(bearer(readOnly));
    expect(list.status).toBe(200);
    expect(list.body.data.map((p: any) => p.id)).toEqual([id]);
  });

  it('runs within seconds of its time: published, readable through the public API, done, once', async () => {
    const started = Date.now();
    await until(async () => (await publication(id)).status === 'done');
    expect(Date.now() - started).toBeLessThan(6000);
    const row = await publication(id);
    expect(row).toMatchObject({ status: 'done', reason: null, runs: 1 });
    expect(row.doneAt.getTime()).toBeGreaterThanOrEqual(row.at.getTime());
    expect((await publicReports('zh-Hans')).map((r: any) => r.documentId)).toEqual([reportId]);
    // The default locale was not touched (the publisher plugin's fault: only the default locale).
    expect(await publicReports('en')).toEqual([]);
    expect((await readinessLine('morning-report')).state).toBe('ready');
  });

  it('a done publication cannot be cancelled (409)', async () => {
    const res = await request(app.server).delete(`/api/scheduler/publications/${id}`).set(bearer());
    expect(res.status).toBe(409);
  });

  it('unpublishes at an instant', async () => {
    const res = await post({ uid: REPORT, documentId: reportId, locale: 'zh-Hans', action: 'unpublish', at: inMs(1000) });
    expect(res.status).toBe(201);
    await until(async () => (await publication(res.body.data.id)).status === 'done');
    expect(await publicReports('zh-Hans')).toEqual([]);
  });
});

describe('a publication after the post is due', () => {
  it('leaves the item a draft, flagged with publishesAfterDue; cancelled, it is no longer flagged', async () => {
    const due = nextAt(21);
    const report = await docs(REPORT).create({ locale: 'zh-Hans', data: { date: due.toISODate(), edition: 'evening' } });
    const at = due.plus({ hours: 1 }).toUTC().toISO();
    const res = await post({ uid: REPORT, documentId: report.documentId, locale: 'zh-Hans', action: 'publish', at });
    expect(res.status).toBe(201);
    expect(await readinessLine('evening-report')).toMatchObject({ state: 'draft', publishesAfterDue: new Date(at!).toISOString() });
    const del = await request(app.server).delete(`/api/scheduler/publications/${res.body.data.id}`).set(bearer());
    expect([del.status, del.body.data.status]).toEqual([200, 'cancelled']);
    expect((await readinessLine('evening-report')).publishesAfterDue).toBeUndefined();
  });
});

describe('cancelled before its time', () => {
  it('nothing happens', async () => {
    const report = await docs(REPORT).create({ locale: 'en', data: { date: '2030-01-01', edition: 'morning' } });
    const res = await post({ uid: REPORT, documentId: report.documentId, locale: 'en', action: 'publish', at: inMs(1000) });
    const del = await request(app.server).delete(`/api/scheduler/publications/${res.body.data.id}`).set(bearer());
    expect(del.status).toBe(200);
    await sleep(1500);
    expect(await plugin().service('publisher').tick()).toBe(0);
    expect((await publication(res.body.data.id)).status).toBe('cancelled');
    expect(await publicReports('en')).toEqual([]);
    // Cancelling again is no change.
    expect((await request(app.server).delete(`/api/scheduler/publications/${res.body.data.id}`).set(bearer())).status).toBe(200);
    expect((await request(app.server).delete('/api/scheduler/publications/999999').set(bearer())).status).toBe(404);
  });
});

describe('failures', () => {
  const noticesToTeam = () => {
    const wh = new Webhook(teamSecret);
    return fake
      .received('/hook/team-ops')
      .map((r) => wh.verify(r.body, r.headers as Record<string, string>) as any)
      .filter((b) => b.type === 'notice' && b.notice.kind === 'publication-failed');
  };

  it('a required field missing at publish time: failed with the reason, and a notice to the default team group', async () => {
    const report = await docs(REPORT).create({ locale: 'en', data: { edition: 'evening' } });
    const res = await post({ uid: REPORT, documentId: report.documentId, locale: 'en', action: 'publish', at: inMs(500) });
    expect(res.status).toBe(201);
    await until(async () => (await publication(res.body.data.id)).status === 'failed');
    const row = await publication(res.body.data.id);
    expect(row.reason).toMatch(/date/);
    await plugin().service('dispatcher').tick();
    const notices = noticesToTeam();
    expect(notices).toHaveLength(1);
    expect(notices[0].notice.text).toContain(`publish of daily-report ${report.documentId} (en)`);
    expect(notices[0].notice.text).toContain(`/admin/content-manager/collection-types/${REPORT}/${report.documentId}`);
  });

  it('an entry deleted before its time: failed', async () => {
    const report = await docs(REPORT).create({ locale: 'en', data: { date: '2030-02-01', edition: 'morning' } });
    const res = await post({ uid: REPORT, documentId: report.documentId, locale: 'en', action: 'publish', at: inMs(500) });
    await docs(REPORT).delete({ documentId: report.documentId, locale: '*' });
    await until(async () => (await publication(res.body.data.id)).status === 'failed');
    expect((await publication(res.body.data.id)).reason).toMatch(/no longer exists/);
    await plugin().service('dispatcher').tick();
    expect(noticesToTeam()).toHaveLength(2);
  });
});

describe('bad requests name their field', () => {
  let reportId: string;
  beforeAll(async () => {
    reportId = (await docs(REPORT).create({ locale: 'en', data: { date: '2030-03-01', edition: 'morning' } })).documentId;
  });
  const ok = () => ({ uid: REPORT, documentId: reportId, locale: 'en', action: 'publish', at: inMs(60_000) });

  it.each<[string, Record<string, unknown>]>([
    ['uid', { uid: 'api::group.group' }],
    ['uid', { uid: 'plugin::scheduler.schedule' }],
    ['documentId', { documentId: 'nosuchdocument000000000' }],
    ['documentId', { documentId: 12 }],
    ['locale', { locale: 'fr' }],
    ['action', { action: 'delete' }],
    ['at', { at: '2030-01-01T08:00:00' }],
    ['at', { at: 'tomorrow' }],
    ['at', { at: new Date(Date.now() - 120_000).toISOString() }],
  ])('%s (%p)', async (field, over) => {
    const res = await post({ ...ok(), ...over });
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toEqual([field]);
  });

  it('a read-only token reads but cannot schedule or cancel', async () => {
    expect((await request(app.server).get('/api/scheduler/publications').set(bearer(readOnly))).status).toBe(200);
    expect((await post(ok(), readOnly)).status).toBe(403);
    expect((await request(app.server).delete('/api/scheduler/publications/1').set(bearer(readOnly))).status).toBe(403);
  });

  it('the admin mirror records the admin', async () => {
    const res = await request(app.server).post('/scheduler/publications').set(bearer(jwt)).send(ok());
    expect([res.status, res.body.data.createdBy]).toEqual([201, 'ada@example.com']);
    const list = await request(app.server).get(`/scheduler/publications?documentId=${reportId}`).set(bearer(jwt));
    expect(list.body.data).toHaveLength(1);
    expect((await request(app.server).delete(`/scheduler/publications/${res.body.data.id}`).set(bearer(jwt))).status).toBe(200);
  });
});

describe('exactly once with two claimers', () => {
  it('two instances claiming together (in process, one database): each publication claimed and run once', async () => {
    const ids: number[] = [];
    const at = inMs(1500);
    for (let i = 0; i < 12; i++) {
      const doc = await docs(REPORT).create({
        locale: 'en',
        data: { date: `2031-01-${String(i + 1).padStart(2, '0')}`, edition: 'morning' },
      });
      ids.push((await post({ uid: REPORT, documentId: doc.documentId, locale: 'en', action: 'publish', at })).body.data.id);
    }
    await sleep(1600);
    const publisher = plugin().service('publisher');
    const counts = await Promise.all([publisher.tick('instance-a'), publisher.tick('instance-b'), publisher.tick('instance-c')]);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(12);
    const rows = await Promise.all(ids.map(publication));
    expect(rows.map((r) => [r.status, r.runs])).toEqual(ids.map(() => ['done', 1]));
  });
});

describe('an instance that dies mid-run', () => {
  it('leaves a running row whose lease runs out; another instance claims and runs it again', async () => {
    const doc = await docs(REPORT).create({ locale: 'en', data: { date: '2032-01-01', edition: 'morning' } });
    const res = await post({ uid: REPORT, documentId: doc.documentId, locale: 'en', action: 'publish', at: inMs(0) });
    const store = plugin().service('publications-store');
    const clock = plugin().service('clock');
    // Instance A claims it and dies before running it.
    const claimed = await store.claimDue('instance-dead', clock.now(), 60_000);
    expect(claimed.map((r: any) => r.id)).toEqual([res.body.data.id]);
    expect(await plugin().service('publisher').tick('instance-b')).toBe(0);
    clock.advance(61_000);
    try {
      expect(await plugin().service('publisher').tick('instance-b')).toBe(1);
    } finally {
      clock.reset();
    }
    expect(await publication(res.body.data.id)).toMatchObject({ status: 'done', runs: 2, leaseOwner: 'instance-b' });
    // A's late outcome is not recorded (its lease token is no longer the row's).
    expect(await store.finish(res.body.data.id, claimed[0].leaseToken, { status: 'failed', reason: 'late', doneAt: new Date() })).toBe(
      false
    );
  });
});
