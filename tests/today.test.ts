/**
 * GET /api/groups/:slug/today reads the planner's delivery rows (services/group-plan.ts
 * `day`), and computes the plan only beyond how far the planner has planned. Its answer
 * must be the day recomputed from the rules (`recomputedDay`, the path used beyond the
 * horizon, a different code path) for every demo group, and follow the rows where they
 * say something else (re-planned, sent, cancelled by an operator).
 *
 * The demo is seeded as if today were 2026-12-01 (reports 11-30 … 12-06). One planning
 * round runs at T0 = 2026-11-30T15:30Z, which is 23:30 in Shanghai (the demo's easternmost
 * zone) on 11-30: its window [T0 − 1 h, T0 + 48 h] covers 12-01 whole in every zone, and
 * nothing on 12-01 is due before T0 (no row is born late). "Now" in the test is
 * 2026-12-01T12:00Z: 12-01 is today in Shanghai, Berlin and New York alike.
 */
import request from 'supertest';
import { DateTime } from 'luxon';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { setNow } from './helpers/scheduler-clock';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;

const T0 = '2026-11-30T15:30:00.000Z';
const NOW = '2026-12-01T12:00:00.000Z';
const SH = 'habit-camp-shanghai-12';
const BER = 'habit-camp-berlin-3';
const NY = 'habit-camp-new-york-5';
const DEMO_GROUPS = [SH, BER, NY, 'habit-camp-wechat-3', 'ops-team'];

/** What the endpoint serves (the rows path). */
async function served(slug: string, date?: string) {
  const res = await request(app.server)
    .get(`/api/groups/${slug}/today${date ? `?date=${date}` : ''}`)
    .set(auth());
  expect(res.status).toBe(200);
  return res.body.data;
}
/** The oracle: the whole day from the schedules and playbook, as JSON goes over the wire. */
async function recomputed(slug: string, date: string) {
  return JSON.parse(JSON.stringify(await plugin().service('group-plan').recomputedDay(slug, date)));
}
async function plan(iso: string) {
  setNow(app.strapi, iso);
  await plugin()
    .service('planner')
    .planAll({ now: new Date(iso), force: true });
}
async function groupOf(slug: string) {
  return app.strapi.db.query('api::group.group').findOne({ where: { slug }, select: ['id', 'documentId', 'timezone'] });
}
/** The group's rule rows for a local date, straight from the store. */
async function rowsOf(slug: string, date: string) {
  const g = await groupOf(slug);
  const start = DateTime.fromISO(date, { zone: g.timezone }).startOf('day');
  return plugin()
    .service('delivery-store')
    .groupRuleRows(g.id, start.toJSDate(), start.plus({ days: 1 }).minus({ milliseconds: 1 }).toJSDate());
}

beforeAll(async () => {
  app = await startStrapi();
  token = await createApiToken(app.strapi);
  const { seedDemo } = require('../dist/src/seed/seed');
  await seedDemo(app.strapi, { today: '2026-12-01' });
  await plan(T0);
  setNow(app.strapi, NOW);
});

afterAll(async () => {
  await app?.stop();
});

describe('the demo groups: rows and recomputation answer the same', () => {
  const todayIn = (zone: string) => DateTime.fromISO(NOW).setZone(zone).toISODate() as string;

  it('marks how far the planner has planned', async () => {
    const through = await plugin().service('leases').markerValue('planned-through');
    expect(through?.toISOString()).toBe('2026-12-02T15:30:00.000Z');
  });

  it('reads the change marks of several tables in one statement, each as its own mark', async () => {
    const marks = plugin().service('change-marks');
    const uids = ['api::daily-report.daily-report', 'api::lesson.lesson', 'api::channel.channel', 'plugin::scheduler.schedule'];
    expect(await marks.marks(uids)).toBe((await Promise.all(uids.map((uid) => marks.mark(uid)))).join('|'));
  });

  it.each(DEMO_GROUPS)("%s: today (in the group's zone), all from rows", async (slug) => {
    const date = todayIn((await groupOf(slug)).timezone);
    expect(date).toBe('2026-12-01');
    const day = await served(slug, date);
    expect(day).toEqual(await recomputed(slug, date));
    // Every post of the day is a row (none computed): the rows path answered.
    expect((await rowsOf(slug, date)).map((r: any) => r.key)).toEqual(day.posts.map((p: any) => p.key));
    if (slug !== 'ops-team') expect(day.posts.length).toBeGreaterThan(5);
  });

  it.each(DEMO_GROUPS)('%s: tomorrow, rows up to the horizon and the plan beyond it', async (slug) => {
    const day = await served(slug, '2026-12-02');
    expect(day).toEqual(await recomputed(slug, '2026-12-02'));
  });

  it.each(DEMO_GROUPS)('%s: a date beyond the horizon, computed', async (slug) => {
    expect(await rowsOf(slug, '2026-12-05')).toEqual([]);
    const day = await served(slug, '2026-12-05');
    expect(day).toEqual(await recomputed(slug, '2026-12-05'));
    if (slug !== 'ops-team') expect(day.posts.length).toBeGreaterThan(5);
  });

  it('tomorrow in Berlin is split: rows before 16:30 (T0 + 48 h), the plan after', async () => {
    const rows = await rowsOf(BER, '2026-12-02');
    const day = await served(BER, '2026-12-02');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(day.posts.length);
  });

  it('without a date: the group’s today (system clock)', async () => {
    const date = DateTime.now().setZone('Europe/Berlin').toISODate() as string;
    expect(await served(BER)).toEqual(await recomputed(BER, date));
  });
});

describe('quiet hours through the rows', () => {
  beforeAll(async () => {
    const berlin = await groupOf(BER);
    const ny = await groupOf(NY);
    // Demo schedules never fall in quiet hours: one skipped (Berlin 22:00–07:30), one deferred (New York 22:30–07:00).
    for (const data of [
      { name: 'Late note', rule: 'FREQ=DAILY;BYHOUR=23;BYMINUTE=30', quietHours: 'skip', groups: [berlin.documentId] },
      { name: 'Early note', rule: 'FREQ=DAILY;BYHOUR=6;BYMINUTE=0', quietHours: 'defer', groups: [ny.documentId] },
    ])
      await docs('plugin::scheduler.schedule').create({
        data: { ...data, source: 'text', text: 'Hello **{{group.name}}**', startsAt: '2026-11-01T00:00:00.000Z' },
      });
    await plan(T0);
    setNow(app.strapi, NOW);
  });

  it.each([BER, NY])('%s: the same as recomputed, today and tomorrow', async (slug) => {
    for (const date of ['2026-12-01', '2026-12-02']) expect(await served(slug, date)).toEqual(await recomputed(slug, date));
  });

  it('a skipped post reads skipped with its window; a deferred one planned at the window’s end', async () => {
    const late = (await served(BER, '2026-12-01')).posts.find((p: any) => p.title === 'Late note');
    expect(late).toMatchObject({ status: 'skipped', reason: 'quiet hours 22:00-07:30', sendAt: null, quiet: { action: 'skip' } });
    const early = (await served(NY, '2026-12-01')).posts.find((p: any) => p.title === 'Early note');
    expect(early).toMatchObject({
      status: 'planned',
      reason: null,
      sendAt: { local: '2026-12-01T07:00:00.000-05:00' },
      quiet: { action: 'defer', window: '22:30-07:00' },
    });
    expect((await rowsOf(BER, '2026-12-01')).find((r: any) => r.title === 'Late note').status).toBe('skipped');
  });
});

describe('what the rows say that the rules do not', () => {
  it('a planned post whose schedule changes: the answer follows the rows the planner re-plans', async () => {
    const sh = await groupOf(SH);
    const schedule = await docs('plugin::scheduler.schedule').create({
      data: {
        name: 'Noon note',
        rule: 'FREQ=DAILY;BYHOUR=12;BYMINUTE=0',
        source: 'text',
        text: 'Lunch, **{{group.name}}**',
        groups: [sh.documentId],
        startsAt: '2026-11-01T00:00:00.000Z',
      },
    });
    await plan(T0);
    setNow(app.strapi, NOW);
    const noon = (day: any) => day.posts.filter((p: any) => p.title === 'Noon note').map((p: any) => p.scheduledFor.local);
    expect(noon(await served(SH, '2026-12-01'))).toEqual(['2026-12-01T12:00:00.000+08:00']);

    await docs('plugin::scheduler.schedule').update({ documentId: schedule.documentId, data: { rule: 'FREQ=DAILY;BYHOUR=13;BYMINUTE=0' } });
    // Until the planner's next round the rows still say 12:00, and that is what the
    // dispatcher would send: the day view shows the rows, not the edited rule.
    expect(noon(await served(SH, '2026-12-01'))).toEqual(['2026-12-01T12:00:00.000+08:00']);
    expect(noon(await recomputed(SH, '2026-12-01'))).toEqual(['2026-12-01T13:00:00.000+08:00']);

    // The planner's round (its change marks moved) cancels the 12:00 row as re-planned and
    // plans 13:00; the day view leaves re-planned rows out and shows the new one: what will
    // actually be sent, which is again what the rules say.
    await plan('2026-11-30T15:31:00.000Z');
    setNow(app.strapi, NOW);
    const rows = (await rowsOf(SH, '2026-12-01')).filter((r: any) => r.title === 'Noon note');
    expect(rows.map((r: any) => [r.status, r.scheduledFor.toISOString()])).toEqual([
      ['cancelled', '2026-12-01T04:00:00.000Z'],
      ['planned', '2026-12-01T05:00:00.000Z'],
    ]);
    expect(noon(await served(SH, '2026-12-01'))).toEqual(['2026-12-01T13:00:00.000+08:00']);
    expect(await served(SH, '2026-12-01')).toEqual(await recomputed(SH, '2026-12-01'));
  });

  it('a sent post reads sent; a post an operator cancelled reads cancelled, with nothing to send', async () => {
    const [first, second] = await rowsOf(BER, '2026-12-01');
    const store = plugin().service('delivery-store');
    await store.updateIfStatus(first.id, ['planned'], { status: 'sent', sentAt: first.dueAt, updatedAt: new Date() });
    await plugin().service('deliveries').cancel(second.documentId);
    const posts = (await served(BER, '2026-12-01')).posts;
    const sent = posts.find((p: any) => p.key === first.key);
    expect(sent).toMatchObject({ status: 'sent', sendAt: { utc: first.dueAt.toISOString() } });
    expect(sent.renditions.text.body).toEqual(expect.any(String));
    expect(posts.find((p: any) => p.key === second.key)).toMatchObject({
      status: 'cancelled',
      reason: 'cancelled by an operator',
      sendAt: null,
      renditions: null,
    });
  });

  it('a past date before the planner ever ran: what the rows hold (nothing), not the plan', async () => {
    expect((await recomputed(SH, '2026-11-29')).posts.length).toBeGreaterThan(5);
    expect((await served(SH, '2026-11-29')).posts).toEqual([]);
  });

  it('an edited report reaches the day view at once (the lookup cache follows the change marks)', async () => {
    const reports = docs('api::daily-report.daily-report');
    const report = await reports.findFirst({ locale: 'zh-Hans', status: 'published', filters: { date: '2026-12-01', edition: 'morning' } });
    const title = (day: any) => day.posts.find((p: any) => p.source === 'morning-report').title;
    expect(title(await served(SH, '2026-12-01'))).toBe(report.title);
    await reports.update({ documentId: report.documentId, locale: 'zh-Hans', data: { title: '早报：改过的标题' } });
    await reports.publish({ documentId: report.documentId, locale: 'zh-Hans' });
    expect(title(await served(SH, '2026-12-01'))).toBe('早报：改过的标题');
    expect(await served(SH, '2026-12-01')).toEqual(await recomputed(SH, '2026-12-01'));
  });
});
