/**
 * Content readiness of upcoming posts (issue 16, first step): for every item posts need in a
 * window, ready / draft / missing, one line per item with its groups. A real Strapi on a
 * temporary database; the scheduler's clock is moved, content is written through
 * strapi.documents as an editor's save would.
 */
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { setNow } from './helpers/scheduler-clock';

let app: TestApp;
let token: string;
let readOnly: string;
let jwt: string;
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const REPORT = 'api::daily-report.daily-report';

// Now: 14:00 in Shanghai on 2026-12-02. The next 08:00 there is 2026-12-03T00:00Z.
const NOW = '2026-12-02T06:00:00.000Z';
const get = (query = '', t = token) => request(app.server).get(`/api/scheduler/readiness${query}`).set(bearer(t));
/** Lines of one source (each test's schedules post different sources). */
async function lines(source: string, query = '?to=2026-12-03T06:00:00Z') {
  const res = await get(query);
  expect(res.status).toBe(200);
  return res.body.data.filter((l: any) => l.source === source);
}
const errorPaths = (res: request.Response) => (res.body.error?.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'));

let tagDaily: string;
let course: string;

async function group(slug: string, locale: string, extra: Record<string, unknown> = {}) {
  return docs('api::group.group').create({
    data: { name: slug, slug, platform: 'manual', timezone: 'Asia/Shanghai', locale, stage: 'growth', ...extra },
  });
}
async function schedule(name: string, source: string, hour: number, minute: number, target: Record<string, unknown>, text?: string) {
  return docs('plugin::scheduler.schedule').create({
    data: {
      name,
      rule: `FREQ=DAILY;BYHOUR=${hour};BYMINUTE=${minute}`,
      timezone: 'Asia/Shanghai',
      startsAt: '2026-12-01T00:00:00.000Z',
      source,
      text,
      ...target,
    },
  });
}

beforeAll(async () => {
  app = await startStrapi();
  token = await createApiToken(app.strapi);
  readOnly = await createApiToken(app.strapi, 'read-only');
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
  jwt = res.body.data.token;
  setNow(app.strapi, NOW);

  tagDaily = (await docs('api::tag.tag').create({ data: { name: 'daily', slug: 'daily' } })).documentId;
  course = (
    await docs('api::course.course').create({
      locale: 'en',
      status: 'published',
      data: {
        title: 'Habit camp',
        slug: 'habit-camp',
        classTime: '20:00',
        reminders: [
          { minutesBefore: 660, text: 'Class tonight at {{class.time}}' },
          { minutesBefore: 5, text: 'Starting in 5 minutes' },
        ],
      },
    })
  ).documentId;
  // Lessons in zh-Hans relate to the course's zh-Hans version (a published lesson to a published course).
  await docs('api::course.course').update({ documentId: course, locale: 'zh-Hans', data: { title: '习惯营', slug: 'habit-camp' } });
  await docs('api::course.course').publish({ documentId: course, locale: 'zh-Hans' });
  const zh = await group('zh-1', 'zh-Hans', { tags: [tagDaily], cohortStart: '2026-12-01', course });
  await group('en-1', 'en', { tags: [tagDaily] });
  await schedule('早报', 'morning-report', 8, 0, { tags: [tagDaily] });
  await schedule('Schedule text', 'text', 10, 0, { groups: [zh.documentId] }, 'Drink water');
  await schedule('Lesson', 'lesson', 20, 0, { groups: [zh.documentId] });
  await schedule('Lesson reminder', 'lesson-reminder', 9, 0, { groups: [zh.documentId] });
  await schedule('Rules', 'welcome-rules', 11, 0, { groups: [zh.documentId] });
});

afterAll(async () => {
  await app?.stop();
});

describe('a morning report for two locales', () => {
  let reportId: string;

  it('with no report: missing, one line per locale, with its groups and first due time', async () => {
    expect(await lines('morning-report')).toEqual([
      {
        source: 'morning-report',
        date: '2026-12-03',
        locale: 'en',
        state: 'missing',
        firstDue: '2026-12-03T00:00:00.000Z',
        groups: ['en-1'],
        posts: 1,
        fallbackFrom: null,
        entry: null,
        reason: 'no morning report for 2026-12-03 in en',
      },
      {
        source: 'morning-report',
        date: '2026-12-03',
        locale: 'zh-Hans',
        state: 'missing',
        firstDue: '2026-12-03T00:00:00.000Z',
        groups: ['zh-1'],
        posts: 1,
        fallbackFrom: null,
        entry: null,
        reason: 'no morning report for 2026-12-03 in zh-Hans or en',
      },
    ]);
  });

  it('the default window is the next 48 hours: two mornings', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    // The clock runs on from NOW: the window starts at now and ends 48 hours later.
    expect(res.body.meta.from.slice(0, 15)).toBe('2026-12-02T06:0');
    expect(Date.parse(res.body.meta.to) - Date.parse(res.body.meta.from)).toBe(48 * 3_600_000);
    const mornings = res.body.data.filter((l: any) => l.source === 'morning-report');
    expect(mornings.map((l: any) => [l.date, l.locale, l.firstDue])).toEqual([
      ['2026-12-03', 'en', '2026-12-03T00:00:00.000Z'],
      ['2026-12-03', 'zh-Hans', '2026-12-03T00:00:00.000Z'],
      ['2026-12-04', 'en', '2026-12-04T00:00:00.000Z'],
      ['2026-12-04', 'zh-Hans', '2026-12-04T00:00:00.000Z'],
    ]);
  });

  it('a zh-Hans draft only: draft for the zh-Hans group, with the entry to open', async () => {
    reportId = (
      await docs(REPORT).create({ locale: 'zh-Hans', data: { date: '2026-12-03', edition: 'morning', title: '早报', greeting: '早上好' } })
    ).documentId;
    const [en, zh] = await lines('morning-report');
    expect(en).toMatchObject({ locale: 'en', state: 'missing' });
    expect(zh).toMatchObject({
      locale: 'zh-Hans',
      state: 'draft',
      fallbackFrom: null,
      entry: { uid: REPORT, documentId: reportId },
      reason: 'morning report for 2026-12-03 is only a draft in zh-Hans',
    });
  });

  it('a publish scheduled after the post: still draft, flagged; one before it: scheduled', async () => {
    const schedule = (at: string) =>
      request(app.server)
        .post('/api/scheduler/publications')
        .set(bearer(token))
        .send({ uid: REPORT, documentId: reportId, locale: 'zh-Hans', action: 'publish', at });
    const late = await schedule('2026-12-03T09:00:00+08:00');
    expect(late.status).toBe(201);
    expect((await lines('morning-report'))[1]).toMatchObject({ state: 'draft', publishesAfterDue: '2026-12-03T01:00:00.000Z' });
    const early = await schedule('2026-12-03T07:00:00+08:00');
    expect((await lines('morning-report'))[1]).toMatchObject({
      state: 'scheduled',
      entry: { uid: REPORT, documentId: reportId },
      reason: 'morning report for 2026-12-03 is scheduled to be published at 2026-12-02T23:00:00.000Z in zh-Hans',
    });
    for (const res of [late, early])
      expect((await request(app.server).delete(`/api/scheduler/publications/${res.body.data.id}`).set(bearer(token))).status).toBe(200);
    expect((await lines('morning-report'))[1]).toMatchObject({ state: 'draft' });
  });

  it('published in en only (the default locale): ready for both, the zh-Hans group by fallback', async () => {
    const defaultLocale = await app.strapi.plugin('i18n').service('locales').getDefaultLocale();
    expect(defaultLocale).toBe('en');
    await docs(REPORT).update({
      documentId: reportId,
      locale: 'en',
      data: { date: '2026-12-03', edition: 'morning', title: 'Morning', greeting: 'Good morning' },
    });
    await docs(REPORT).publish({ documentId: reportId, locale: 'en' });
    const entry = { uid: REPORT, documentId: reportId };
    expect((await lines('morning-report')).map((l: any) => [l.groups, l.locale, l.state, l.fallbackFrom, l.entry])).toEqual([
      [['en-1'], 'en', 'ready', null, entry],
      [['zh-1'], 'en', 'ready', 'zh-Hans', entry],
    ]);
    // What compose would post to the zh-Hans group: the English report.
    const zh = await app.strapi.plugin('scheduler').service('targets').bySlug('zh-1');
    const composed = await app.strapi
      .plugin('scheduler')
      .service('compose')
      .compose({ source: 'morning-report', group: zh, at: new Date('2026-12-03T00:00:00.000Z') });
    expect(composed).toMatchObject({ status: 'ok', title: 'Morning' });
  });

  it('published in zh-Hans: ready in zh-Hans, no fallback', async () => {
    await docs(REPORT).publish({ documentId: reportId, locale: 'zh-Hans' });
    const [, zh] = await lines('morning-report');
    expect(zh).toMatchObject({ locale: 'zh-Hans', state: 'ready', fallbackFrom: null, reason: null, groups: ['zh-1'] });
  });
});

describe('schedule text', () => {
  it('is always ready', async () => {
    expect(await lines('text')).toEqual([
      expect.objectContaining({
        date: '2026-12-03',
        locale: 'zh-Hans',
        state: 'ready',
        firstDue: '2026-12-03T02:00:00.000Z',
        groups: ['zh-1'],
      }),
    ]);
  });
});

describe('welcome rules', () => {
  const SCRIPT = 'api::welcome-script.welcome-script';

  it('need the default welcome script: missing without one', async () => {
    expect(await lines('welcome-rules')).toEqual([
      expect.objectContaining({
        date: '2026-12-03',
        locale: 'zh-Hans',
        state: 'missing',
        firstDue: '2026-12-03T03:00:00.000Z',
        reason: 'no default welcome script in zh-Hans or en',
      }),
    ]);
  });

  it('a script in the group’s locale without rules is missing (compose would skip it), with rules ready', async () => {
    const en = await docs(SCRIPT).create({ locale: 'en', status: 'published', data: { body: 'Welcome', rules: 'Be kind.' } });
    expect((await lines('welcome-rules'))[0]).toMatchObject({ state: 'ready', locale: 'en', fallbackFrom: 'zh-Hans' });
    await docs(SCRIPT).update({ documentId: en.documentId, locale: 'zh-Hans', data: { body: '欢迎' } });
    await docs(SCRIPT).publish({ documentId: en.documentId, locale: 'zh-Hans' });
    expect((await lines('welcome-rules'))[0]).toMatchObject({
      state: 'missing',
      locale: 'zh-Hans',
      reason: 'the default welcome script in zh-Hans has no rules',
    });
    await docs(SCRIPT).update({ documentId: en.documentId, locale: 'zh-Hans', data: { rules: '友善交流。' } });
    await docs(SCRIPT).publish({ documentId: en.documentId, locale: 'zh-Hans' });
    expect((await lines('welcome-rules'))[0]).toMatchObject({ state: 'ready', locale: 'zh-Hans', fallbackFrom: null });
  });
});

describe('lessons of the cohort day', () => {
  it('no lesson for the day: missing, naming the course and day', async () => {
    // 20:00 on 2026-12-02 in Shanghai is Day 1 of a cohort that started on 2026-12-01.
    expect(await lines('lesson')).toEqual([
      {
        source: 'lesson',
        date: '2026-12-02',
        locale: 'zh-Hans',
        state: 'missing',
        firstDue: '2026-12-02T12:00:00.000Z',
        groups: ['zh-1'],
        posts: 1,
        fallbackFrom: null,
        entry: null,
        reason: 'no lesson for day 1 of habit-camp in zh-Hans or en',
        course,
        day: 1,
      },
    ]);
  });

  it('a published lesson for the day: ready', async () => {
    const lesson = await docs('api::lesson.lesson').create({
      locale: 'zh-Hans',
      status: 'published',
      data: { course, day: 1, title: '第1课' },
    });
    const [line] = await lines('lesson');
    expect(line).toMatchObject({ state: 'ready', locale: 'zh-Hans', entry: { uid: 'api::lesson.lesson', documentId: lesson.documentId } });
  });

  it('a reminder without its lesson: missing, saying it needs the lesson', async () => {
    // 09:00 on 2026-12-03 is Day 2, which has no lesson.
    expect(await lines('lesson-reminder')).toEqual([
      expect.objectContaining({
        date: '2026-12-03',
        state: 'missing',
        firstDue: '2026-12-03T01:00:00.000Z',
        reason: 'no lesson for day 2 of habit-camp in zh-Hans or en (the reminder needs it)',
        course,
        day: 2,
        time: '09:00',
      }),
    ]);
  });

  it('a reminder with its lesson needs a course reminder in the locale, then is ready', async () => {
    await docs('api::lesson.lesson').create({ locale: 'zh-Hans', status: 'published', data: { course, day: 2, title: '第2课' } });
    // The zh-Hans course has no reminders of its own (they are localized): compose would skip too.
    const [without] = await lines('lesson-reminder');
    expect(without).toMatchObject({ state: 'missing', locale: 'zh-Hans', reason: 'course habit-camp has no reminders' });
    await docs('api::course.course').update({
      documentId: course,
      locale: 'zh-Hans',
      data: { reminders: [{ minutesBefore: 660, text: '今晚{{class.time}}上课' }] },
    });
    await docs('api::course.course').publish({ documentId: course, locale: 'zh-Hans' });
    const [line] = await lines('lesson-reminder');
    expect(line).toMatchObject({ state: 'ready', locale: 'zh-Hans', time: '09:00', reason: null });
  });
});

describe('one report for many groups', () => {
  /** The SQL statements one request makes. */
  async function counted(query: string) {
    const queries: string[] = [];
    const onQuery = (q: { sql: string }) => queries.push(q.sql);
    const knex = app.strapi.db.connection as any;
    knex.on('query', onQuery);
    try {
      const res = await get(query);
      expect(res.status).toBe(200);
      return { lines: res.body.data, queries: queries.length };
    } finally {
      knex.removeListener('query', onQuery);
    }
  }

  it('is one line with every group and post, answered without a query per group', async () => {
    const window = '?to=2026-12-03T06:00:00Z';
    const few = await counted(window);
    const tag = (await docs('api::tag.tag').create({ data: { name: 'big', slug: 'big' } })).documentId;
    for (let i = 1; i <= 40; i++) await group(`big-${String(i).padStart(2, '0')}`, 'zh-Hans', { tags: [tag] });
    await schedule('晚报', 'evening-report', 21, 0, { tags: [tag] });

    const many = await counted(window);
    expect(many.lines.filter((l: any) => l.source === 'evening-report')).toEqual([
      expect.objectContaining({
        date: '2026-12-02',
        locale: 'zh-Hans',
        state: 'missing',
        firstDue: '2026-12-02T13:00:00.000Z',
        posts: 40,
        groups: Array.from({ length: 40 }, (_, i) => `big-${String(i + 1).padStart(2, '0')}`),
      }),
    ]);
    // Groups, schedules, rows at once; each content type a few times per locale: 40 more
    // groups cost no more queries.
    expect(many.queries).toBeLessThanOrEqual(few.queries + 5);
    expect(many.queries).toBeLessThan(80);
  });
});

describe('filters and bad input', () => {
  it('state=missing lists only missing lines', async () => {
    const res = await get('?state=missing&to=2026-12-03T06:00:00Z');
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.every((l: any) => l.state === 'missing')).toBe(true);
    expect(res.body.data.map((l: any) => l.source)).toContain('evening-report');
    expect(res.body.data.map((l: any) => l.source)).not.toContain('text');
  });

  it('state=ready,draft lists those two', async () => {
    const res = await get('?state=ready,draft&to=2026-12-03T06:00:00Z');
    expect(res.status).toBe(200);
    const states = res.body.data.map((l: any) => l.state);
    expect(states).toContain('ready');
    expect(states.every((st: string) => st === 'ready' || st === 'draft')).toBe(true);
  });

  it('lines are sorted by first due instant', async () => {
    const res = await get();
    const due = res.body.data.map((l: any) => l.firstDue);
    expect(due).toEqual([...due].sort());
  });

  it.each([
    ['?from=2026-12-05T00:00:00Z&to=2026-12-04T00:00:00Z', 'from'],
    ['?from=2026-12-02T00:00:00Z&to=2026-12-16T00:00:01Z', 'to'],
    ['?to=2026-12-17T00:00:00Z', 'to'],
    ['?to=2026-12-01T00:00:00Z', 'to'],
    ['?from=tomorrow', 'from'],
    ['?state=ready,late', 'state'],
    ['?state=', 'state'],
  ])('%s is a 400 naming %s', async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toContain(field);
  });

  it('14 days is allowed', async () => {
    expect((await get('?from=2026-12-02T06:00:00Z&to=2026-12-16T06:00:00Z')).status).toBe(200);
  });
});

describe('who may read it', () => {
  it('a read-only API token reads it', async () => {
    expect((await get('', readOnly)).status).toBe(200);
  });

  it('without a token it is refused', async () => {
    const res = await request(app.server).get('/api/scheduler/readiness');
    expect([401, 403]).toContain(res.status);
  });

  it('the admin reads the same with the read permission', async () => {
    const viaAdmin = await request(app.server).get('/scheduler/readiness?to=2026-12-03T06:00:00Z').set(bearer(jwt));
    expect(viaAdmin.status).toBe(200);
    expect(viaAdmin.body.data).toEqual((await get('?to=2026-12-03T06:00:00Z')).body.data);
    expect((await request(app.server).get('/scheduler/readiness')).status).toBe(401);
  });
});

describe('who gets one entry (the edit view panel)', () => {
  const entry = (query: Record<string, string>, t: string | null = jwt) => {
    const req = request(app.server).get(`/scheduler/readiness/entry?${new URLSearchParams(query).toString()}`);
    return t ? req.set(bearer(t)) : req;
  };

  it('a zh-Hans draft evening report for tomorrow: the zh-Hans groups, each with its first post', async () => {
    const draft = await docs(REPORT).create({
      locale: 'zh-Hans',
      data: { date: '2026-12-03', edition: 'evening', title: '晚报', greeting: '晚上好' },
    });
    const res = await entry({ uid: REPORT, documentId: draft.documentId, locale: 'zh-Hans' });
    expect(res.status).toBe(200);
    const { lines, groups } = res.body.data;
    expect(lines).toEqual([
      expect.objectContaining({ source: 'evening-report', date: '2026-12-03', locale: 'zh-Hans', state: 'draft', posts: 40 }),
    ]);
    expect(groups).toHaveLength(40);
    // 21:00 in Shanghai on 2026-12-03.
    expect(groups[0]).toEqual({ slug: 'big-01', name: 'big-01', timezone: 'Asia/Shanghai', firstDue: '2026-12-03T13:00:00.000Z' });
    expect(groups.every((g: any) => g.firstDue === '2026-12-03T13:00:00.000Z')).toBe(true);

    // Its en version (a draft too): the zh-Hans groups read the zh-Hans draft, not this one.
    await docs(REPORT).update({
      documentId: draft.documentId,
      locale: 'en',
      data: { date: '2026-12-03', edition: 'evening', title: 'Evening' },
    });
    const en = await entry({ uid: REPORT, documentId: draft.documentId, locale: 'en' });
    expect(en.status).toBe(200);
    expect(en.body.data).toEqual({ lines: [], groups: [] });
  });

  it('an en morning report goes to the en group only, not to the zh-Hans one (published in zh-Hans)', async () => {
    const [morning] = await docs(REPORT).findMany({ filters: { date: '2026-12-03', edition: 'morning' }, locale: 'en' });
    const res = await entry({ uid: REPORT, documentId: morning.documentId, locale: 'en' });
    expect(res.status).toBe(200);
    expect(res.body.data.groups).toEqual([{ slug: 'en-1', name: 'en-1', timezone: 'Asia/Shanghai', firstDue: '2026-12-03T00:00:00.000Z' }]);
    expect(res.body.data.lines.map((l: any) => [l.locale, l.groups])).toEqual([['en', ['en-1']]]);
  });

  it('a document not saved in the locale has no audience', async () => {
    const [morning] = await docs(REPORT).findMany({ filters: { date: '2026-12-03', edition: 'morning' }, locale: 'en' });
    const res = await entry({ uid: REPORT, documentId: morning.documentId, locale: 'fr' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ lines: [], groups: [] });
  });

  it('bad or missing parameters are a 400 naming each field', async () => {
    const missing = await entry({});
    expect(missing.status).toBe(400);
    expect(errorPaths(missing).sort()).toEqual(['documentId', 'locale', 'uid']);
    const bad = await entry({ uid: 'api::group.group', documentId: 'x/../y', locale: 'zh Hans' });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad).sort()).toEqual(['documentId', 'locale', 'uid']);
  });

  it('needs an admin JWT', async () => {
    expect((await entry({ uid: REPORT, documentId: 'abc', locale: 'en' }, null)).status).toBe(401);
    // An API token is not an admin session.
    expect((await entry({ uid: REPORT, documentId: 'abc', locale: 'en' }, token)).status).toBe(401);
  });
});

describe('planned rows', () => {
  it('count once, like the posts they were planned from', async () => {
    const before = (await get()).body.data;
    await app.strapi.plugin('scheduler').service('planner').planAll({ force: true });
    const rows = await app.strapi.db.query('plugin::scheduler.delivery').count({ where: { status: 'planned' } });
    expect(rows).toBeGreaterThan(40);
    expect((await get()).body.data).toEqual(before);
  });

  it('a finished post is no longer upcoming', async () => {
    // The zh-1 morning task of 2026-12-03, done a few minutes early.
    setNow(app.strapi, '2026-12-02T23:50:00.000Z');
    const { data } = await app.strapi
      .plugin('scheduler')
      .service('tasks')
      .list({ group: 'zh-1', status: ['planned'] });
    const task = data.find((t: any) => t.source === 'morning-report' && t.dueAt === '2026-12-03T00:00:00.000Z');
    await app.strapi.plugin('scheduler').service('tasks').done(task.id, null);
    const mornings = await lines('morning-report');
    expect(mornings.filter((l: any) => l.date === '2026-12-03').map((l: any) => l.groups)).toEqual([['en-1']]);
    setNow(app.strapi, NOW);
  });

  it('a closed group gets nothing further: not listed', async () => {
    const [en] = await docs('api::group.group').findMany({ filters: { slug: 'en-1' } });
    await docs('api::group.group').update({ documentId: en.documentId, data: { stage: 'closed' } });
    const res = await get();
    expect(res.body.data.some((l: any) => l.groups.includes('en-1'))).toBe(false);
    expect(res.body.data.some((l: any) => l.groups.includes('zh-1'))).toBe(true);
  });
});
