/**
 * China's calendar in schedules and playbook steps (issue 17), through a real Strapi on a
 * temporary database: saved and refused over REST, planned by the real planner with the
 * scheduler's clock moved, previewed (REST and the admin's editor preview), and the team
 * told once when a schedule reaches a year without holiday data.
 *
 * Expected dates are typed in from the State Council's 2026 arrangement (National Day:
 * 1-7 October off, Sunday 20 September and Saturday 10 October worked) and, for lunar
 * dates, from lunar-typescript (not the package the product reads).
 */
import crypto from 'crypto';
import request from 'supertest';
import { Lunar } from 'lunar-typescript';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { planAndSend, setNow as setClock } from './helpers/scheduler-clock';
import { startFakePlatform, type FakePlatform } from './helpers/fake-platform';

let app: TestApp;
let fake: FakePlatform;
let token: string;
let jwt: string;
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const api = () => ({ Authorization: `Bearer ${token}` });
const admin = () => ({ Authorization: `Bearer ${jwt}` });
const setNow = (iso: string) => setClock(app.strapi, iso);
const plan = (iso: string) => planAndSend(app.strapi, iso);

async function group(slug: string, data: Record<string, unknown> = {}) {
  return docs('api::group.group').create({
    data: { name: slug, slug, platform: 'pull', timezone: 'Asia/Shanghai', locale: 'en', stage: 'growth', ...data },
  });
}

/** Local dates (in the group's zone) of a group's rows from one origin, excluding cancelled ones. */
async function plannedDates(slug: string, originId: string, zone = 'Asia/Shanghai'): Promise<string[]> {
  const { data } = await plugin().service('deliveries').list({ group: slug, limit: 1000 });
  return (data as any[])
    .filter((r) => r.origin.id === originId && r.status !== 'cancelled')
    .map((r) => new Date(r.scheduledFor).toLocaleDateString('sv-SE', { timeZone: zone }))
    .sort();
}

let shanghai: any;
let newYork: any;

beforeAll(async () => {
  fake = await startFakePlatform();
  // A 16-day horizon: one planner round covers the whole National Day break.
  app = await startStrapi({ env: { SCHEDULER_HORIZON_HOURS: '384' } });
  token = await createApiToken(app.strapi);
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
  jwt = res.body.data.token;
  await docs('api::group.group').create({
    data: {
      name: '运营群',
      slug: 'team',
      platform: 'webhook',
      endpoint: `${fake.url}/hook/team`,
      secret: `whsec_${crypto.randomBytes(24).toString('base64')}`,
      timezone: 'Asia/Shanghai',
      locale: 'zh-Hans',
      stage: 'growth',
      purpose: 'team',
      defaultTeam: true,
    },
  });
  shanghai = await group('sh');
  newYork = await group('ny', { timezone: 'America/New_York' });
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('schedules with a calendar', () => {
  it('cn-workdays skips the National Day break and posts on the make-up Saturday', async () => {
    setNow('2026-09-27T12:00:00Z');
    const res = await request(app.server)
      .post('/api/schedules')
      .set(api())
      .send({
        data: {
          name: '工作日早报',
          rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
          calendar: 'cn-workdays',
          source: 'text',
          text: '早上好',
          groups: [shanghai.documentId],
          startsAt: '2026-09-27T00:00:00Z',
        },
      });
    expect(res.status).toBe(201);
    expect(res.body.data.calendar).toBe('cn-workdays');
    await plan('2026-09-27T12:00:00Z');
    expect(await plannedDates('sh', res.body.data.documentId)).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
      '2026-10-13', // the horizon ends at 10-13 12:00Z
    ]);
  });

  it('cn-no-holidays keeps the rule’s own days: a Monday rule loses 5 October only', async () => {
    setNow('2026-09-27T12:00:00Z');
    const s = await docs('plugin::scheduler.schedule').create({
      data: {
        name: 'Weekly call',
        rule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=20;BYMINUTE=0',
        calendar: 'cn-no-holidays',
        source: 'text',
        text: 'Call tonight',
        groups: [shanghai.documentId],
        startsAt: '2026-09-27T00:00:00Z',
      },
    });
    await plan('2026-09-27T12:00:00Z');
    expect(await plannedDates('sh', s.documentId)).toEqual(['2026-09-28', '2026-10-12']);
  });

  it("applies in the group's own zone (New York local days)", async () => {
    setNow('2026-09-27T12:00:00Z');
    const s = await docs('plugin::scheduler.schedule').create({
      data: {
        name: 'NY workdays',
        rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
        calendar: 'cn-workdays',
        source: 'text',
        text: 'Morning',
        groups: [newYork.documentId],
        startsAt: '2026-09-27T00:00:00Z',
      },
    });
    await plan('2026-09-27T12:00:00Z');
    const dates = await plannedDates('ny', s.documentId, 'America/New_York');
    expect(dates.slice(0, 6)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('a lunar schedule posts on Mid-Autumn at 09:00 local time', async () => {
    setNow('2026-09-20T12:00:00Z');
    const s = await docs('plugin::scheduler.schedule').create({
      data: {
        name: '中秋祝福',
        rule: 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0',
        source: 'text',
        text: '中秋快乐',
        groups: [shanghai.documentId],
        startsAt: '2026-09-01T00:00:00Z',
      },
    });
    await plan('2026-09-20T12:00:00Z');
    const { data } = await plugin().service('deliveries').list({ group: 'sh', limit: 1000 });
    const rows = (data as any[]).filter((r) => r.origin.id === s.documentId);
    const expected = Lunar.fromYmd(2026, 8, 15).getSolar().toYmd(); // 2026-09-25
    expect(rows.map((r) => r.scheduledFor)).toEqual([`${expected}T01:00:00.000Z`]);
  });

  it('a UTC start repeats at 13:00Z across New York’s DST change', async () => {
    setNow('2026-03-05T00:00:00Z');
    const s = await docs('plugin::scheduler.schedule').create({
      data: {
        name: 'UTC call',
        rule: 'DTSTART:20260301T130000Z\nRRULE:FREQ=DAILY;COUNT=14',
        source: 'text',
        text: 'Call',
        groups: [newYork.documentId],
      },
    });
    await plan('2026-03-05T00:00:00Z');
    const { data } = await plugin().service('deliveries').list({ group: 'ny', limit: 1000 });
    const rows = (data as any[]).filter((r) => r.origin.id === s.documentId && r.status === 'planned');
    expect(rows.length).toBeGreaterThanOrEqual(7);
    // 08:00 EST before 2026-03-08, 09:00 EDT after: the instant stays.
    expect(new Set(rows.map((r) => r.scheduledFor.slice(11)))).toEqual(new Set(['13:00:00.000Z']));
    expect(new Set(rows.map((r) => r.localTime))).toEqual(new Set(['08:00', '09:00']));
  });
});

describe('bad input names the field, and nothing is kept', () => {
  it.each([
    [{ calendar: 'cn-workdays', rule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=8' }, 'calendar', /cn-workdays picks the days itself/],
    [{ calendar: 'cn-workdays', rule: 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15' }, 'calendar', /lunar or RSCALE rule/],
    [{ rule: 'RSCALE=HEBREW;FREQ=YEARLY' }, 'rule', /RSCALE=HEBREW is not supported/],
    [{ rule: 'FREQ=YEARLY;BYMONTH=5L' }, 'rule', /a leap month needs RSCALE=CHINESE/],
  ])('%j', async (over, field, message) => {
    const before = await app.strapi.db.query('plugin::scheduler.schedule').count();
    const res = await request(app.server)
      .post('/api/schedules')
      .set(api())
      .send({ data: { name: 'Bad', source: 'text', text: 'x', groups: [shanghai.documentId], ...over } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
    expect(await app.strapi.db.query('plugin::scheduler.schedule').count()).toBe(before);
  });

  it('an unknown calendar is a 400', async () => {
    const res = await request(app.server)
      .post('/api/schedules')
      .set(api())
      .send({ data: { name: 'Bad', rule: 'FREQ=DAILY', calendar: 'cn', source: 'text', text: 'x' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/calendar/);
  });

  it('a playbook step names steps[i].calendar', async () => {
    const res = await request(app.server)
      .post('/api/playbooks')
      .set(api())
      .send({
        data: {
          name: 'Camp',
          slug: 'camp-bad',
          lengthDays: 21,
          steps: [
            { day: 0, time: '08:00', source: 'text', text: 'Hi' },
            { day: 1, time: '08:00', rule: 'FREQ=WEEKLY;BYDAY=TU', calendar: 'cn-workdays', source: 'text', text: 'Daily' },
          ],
        },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path.map(String)).toEqual(['steps', '1', 'calendar']);
    expect(res.body.error.message).toMatch(/steps\[1\]\.calendar: calendar cn-workdays picks the days itself/);
  });
});

describe('a playbook step on cn-workdays', () => {
  it('skips the holiday days of a cohort in October', async () => {
    const playbook = await docs('api::playbook.playbook').create({
      data: {
        name: '21-day camp',
        slug: 'camp-cn',
        lengthDays: 13,
        steps: [{ day: 0, time: '07:30', rule: 'FREQ=DAILY', calendar: 'cn-workdays', source: 'text', text: 'Check in' }],
      },
      status: 'published',
    });
    await group('camp-a', { playbook: playbook.documentId, cohortStart: '2026-09-28' });
    await plan('2026-09-27T12:00:00Z');
    expect(await plannedDates('camp-a', playbook.documentId)).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
  });
});

describe('previews list what the calendar changed', () => {
  it('REST preview: skipped and added days with names, and the description', async () => {
    const res = await request(app.server).post('/api/schedules/preview').set(api()).send({
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-09-28T08:00:00',
      calendar: 'cn-workdays',
      count: 6,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.description.en).toBe('every working day in China at 08:00');
    expect(res.body.data.adjustments.map((a: any) => a.text.en)).toEqual([
      '2026-10-01 skipped: National Day / 国庆节',
      '2026-10-02 skipped: National Day / 国庆节',
      '2026-10-05 skipped: National Day / 国庆节',
      '2026-10-06 skipped: National Day / 国庆节',
      '2026-10-07 skipped: National Day / 国庆节',
      '2026-10-10 added: make-up working day / 调休上班',
    ]);
    expect(res.body.data.warnings).toEqual([]);
  });

  it('REST preview refuses an unknown calendar, naming it', async () => {
    const res = await request(app.server)
      .post('/api/schedules/preview')
      .set(api())
      .send({ rule: 'FREQ=DAILY', timezone: 'Asia/Shanghai', calendar: 'lunar' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/calendar must be one of none, cn-workdays, cn-no-holidays/);
  });

  it('the editor preview warns about 2027 per target group', async () => {
    setNow('2026-12-02T00:00:00Z');
    const res = await request(app.server)
      .post('/scheduler/editor/schedule-preview')
      .set(admin())
      .send({ rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', calendar: 'cn-workdays', groups: { connect: [shanghai.documentId] } });
    expect(res.status).toBe(200);
    expect(res.body.data.calendar).toBe('cn-workdays');
    const [target] = res.body.data.targets;
    expect(target.warnings.map((w: any) => w.en)).toEqual(['no China holiday data for 2027 yet: occurrences follow weekdays only']);
    expect(res.body.data.description.zh).toBe('中国工作日（含调休）每天 08:00');
  });
});

describe('a year without holiday data', () => {
  it('health lists the schedule; the team hears once, a fortnight ahead', async () => {
    const s = await docs('plugin::scheduler.schedule').create({
      data: {
        name: '年终早报',
        rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
        calendar: 'cn-workdays',
        source: 'text',
        text: '早',
        groups: [shanghai.documentId],
        startsAt: '2026-12-01T00:00:00Z',
      },
    });
    setNow('2026-12-02T00:00:00Z');
    const health = await request(app.server).get('/api/scheduler/health').set(api());
    expect(health.status).toBe(200);
    expect(health.body.data.chinaCalendar.years.last).toBe(2026);
    const gap = health.body.data.chinaCalendar.gaps.find((g: any) => g.origin.documentId === s.documentId);
    expect(gap).toMatchObject({ year: 2027, calendar: 'cn-workdays', firstAt: '2027-01-01T00:00:00.000Z', group: { slug: 'sh' } });

    const notices = async () =>
      (await app.strapi.db
        .connection('scheduler_deliveries')
        .where('key', 'like', `notice:holiday-data-missing:schedule:${s.documentId}:%`)
        .select('key', 'text')) as { key: string; text: string }[];
    // A month ahead: not yet.
    await plugin().service('holiday-data').round(new Date('2026-12-02T00:00:00Z'), { force: true });
    expect(await notices()).toEqual([]);
    // 14 days before 1 January: one notice, in the team group's language; a second round adds none.
    await plugin().service('holiday-data').round(new Date('2026-12-19T00:00:00Z'), { force: true });
    await plugin().service('holiday-data').round(new Date('2026-12-20T00:00:00Z'), { force: true });
    const rows = await notices();
    expect(rows).toHaveLength(1);
    expect(rows[0].text).toContain('「年终早报」已排到 2027 年');
    expect(rows[0].text).toContain('暂按周一至周五发送');
    expect(rows[0].text).toContain(`/admin/content-manager/collection-types/plugin::scheduler.schedule/${s.documentId}`);
  });

  it('a playbook step on a China calendar is listed and noticed too, once per step and year', async () => {
    const playbook = await docs('api::playbook.playbook').create({
      data: {
        name: 'Winter camp',
        slug: 'winter-camp',
        lengthDays: 30,
        steps: [
          { day: 0, time: '07:30', source: 'text', text: 'Welcome' },
          { day: 0, time: '08:00', rule: 'FREQ=DAILY', calendar: 'cn-no-holidays', source: 'text', text: 'Daily' },
        ],
      },
      status: 'published',
    });
    await group('winter-a', { playbook: playbook.documentId, cohortStart: '2026-12-20' });
    await group('winter-b', { playbook: playbook.documentId, cohortStart: '2026-12-20' });
    setNow('2026-12-02T00:00:01Z');
    const health = await request(app.server).get('/api/scheduler/health').set(api());
    const gaps = health.body.data.chinaCalendar.gaps.filter((g: any) => g.origin.documentId === playbook.documentId);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({
      origin: { kind: 'playbook', step: 1, name: 'Winter camp' },
      calendar: 'cn-no-holidays',
      year: 2027,
      firstAt: '2027-01-01T00:00:00.000Z',
      en: 'no China holiday data for 2027 yet: no public holiday is skipped',
    });
    await plugin().service('holiday-data').round(new Date('2026-12-20T00:00:00Z'), { force: true });
    await plugin().service('holiday-data').round(new Date('2026-12-21T00:00:00Z'), { force: true });
    const keys = (await app.strapi.db
      .connection('scheduler_deliveries')
      .where('key', 'like', `notice:holiday-data-missing:playbook:${playbook.documentId}:%`)
      .select('key')) as { key: string }[];
    // Two groups, one step, one year, one team group: one notice.
    expect(keys.map((k) => k.key)).toEqual([
      expect.stringMatching(new RegExp(`^notice:holiday-data-missing:playbook:${playbook.documentId}:1:2027:\\d+$`)),
    ]);
  });
});
