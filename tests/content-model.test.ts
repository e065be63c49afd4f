/**
 * The content model over REST, on a real Strapi with a temporary SQLite database:
 * create and read back every type, the public role's view, locales, the group's secret,
 * and the 400s for bad input.
 */
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startStrapi();
  token = await createApiToken(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

const api = () => request(app.server);

async function create(plural: string, data: Record<string, unknown>, query = '') {
  const res = await api().post(`/api/${plural}${query}`).set(auth()).send({ data });
  if (res.status !== 201) throw new Error(`create ${plural}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

function expectFieldError(res: request.Response, field: string) {
  expect(res.status).toBe(400);
  expect(res.body.error.name).toBe('ValidationError');
  const paths = (res.body.error.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'));
  expect(paths).toContain(field);
}

describe('every content type can be created and read back', () => {
  const ids: Record<string, string> = {};

  it('tag, channel, course, lesson', async () => {
    const tag = await create('tags', { name: 'Active', slug: 'active' });
    ids.tag = tag.documentId;
    const channel = await create('channels', { name: 'Douyin', code: 'douyin', description: 'short video' });
    ids.channel = channel.documentId;
    const course = await create('courses', {
      title: '7-day writing camp',
      slug: 'writing-7',
      lengthDays: 7,
      classTime: '20:00:00.000',
      reminders: [
        { minutesBefore: 60, text: 'Class in {{minutes}} minutes' },
        { minutesBefore: 5, text: 'Starting soon' },
      ],
    });
    ids.course = course.documentId;
    const lesson = await create('lessons', {
      course: course.documentId,
      day: 0,
      title: 'Opening ceremony',
      body: '## Welcome',
      durationMinutes: 60,
    });
    ids.lesson = lesson.documentId;

    const readCourse = await api().get(`/api/courses/${course.documentId}?status=draft&populate=*`).set(auth());
    expect(readCourse.status).toBe(200);
    expect(readCourse.body.data).toMatchObject({ title: '7-day writing camp', slug: 'writing-7', lengthDays: 7 });
    // SQLite answers 20:00:00.000, PostgreSQL 20:00:00: the time of day is what counts.
    expect(readCourse.body.data.classTime.slice(0, 5)).toBe('20:00');
    expect(readCourse.body.data.reminders.map((r: any) => r.minutesBefore)).toEqual([60, 5]);
    expect(readCourse.body.data.lessons.map((l: any) => l.documentId)).toEqual([lesson.documentId]);
  });

  it('daily report with items and tags, daily topic', async () => {
    const report = await create('daily-reports', {
      date: '2026-12-01',
      edition: 'morning',
      title: 'Morning report',
      greeting: 'Good morning',
      items: [{ title: 'Item one', summary: '**bold** summary', link: 'https://example.com/1' }],
      task: 'Check in with #check-in',
      closing: 'Have a good day',
      tags: [ids.tag],
    });
    const read = await api().get(`/api/daily-reports/${report.documentId}?status=draft&populate=*`).set(auth());
    expect(read.body.data).toMatchObject({ date: '2026-12-01', edition: 'morning', greeting: 'Good morning', closing: 'Have a good day' });
    expect(read.body.data.items[0]).toMatchObject({ title: 'Item one', link: 'https://example.com/1' });
    expect(read.body.data.tags.map((t: any) => t.slug)).toEqual(['active']);

    const topic = await create('daily-topics', {
      date: '2026-12-01',
      title: 'Q',
      prompt: 'What is your goal?',
      hostGuide: 'secret plan',
      summary: 'sum',
    });
    const readTopic = await api().get(`/api/daily-topics/${topic.documentId}?status=draft`).set(auth());
    expect(readTopic.body.data).toMatchObject({ prompt: 'What is your goal?', hostGuide: 'secret plan' });
  });

  it('playbook with steps, group, welcome script', async () => {
    const playbook = await create('playbooks', {
      name: '7-day camp',
      slug: 'camp-7',
      lengthDays: 7,
      steps: [
        { day: 0, time: '19:00:00.000', source: 'text', text: 'Opening!', title: 'Opening' },
        { day: 1, time: '08:00:00.000', rule: 'FREQ=DAILY;COUNT=7', source: 'morning-report' },
        { day: -1, time: '20:00:00.000', source: 'welcome-rules' },
      ],
    });
    const group = await create('groups', {
      name: 'Writing camp #1',
      slug: 'writing-1',
      platform: 'telegram',
      endpoint: '-100123',
      secret: '123:bot-token',
      timezone: 'Europe/Berlin',
      locale: 'en',
      stage: 'launch',
      cohortStart: '2026-12-01',
      course: ids.course,
      playbook: playbook.documentId,
      quietHours: [{ start: '22:00:00.000', end: '07:00:00.000' }],
      maxPostsPerHour: 5,
      tags: [ids.tag],
    });
    const script = await create('welcome-scripts', {
      channel: ids.channel,
      group: group.documentId,
      body: 'Welcome {{member.nickname}} to {{group.name}}',
      selfIntroTemplate: '1. Who you are',
      rules: 'Be kind',
    });

    const readGroup = await api().get(`/api/groups/${group.documentId}?populate=*`).set(auth());
    expect(readGroup.status).toBe(200);
    expect(readGroup.body.data).toMatchObject({
      slug: 'writing-1',
      platform: 'telegram',
      timezone: 'Europe/Berlin',
      stage: 'launch',
      cohortStart: '2026-12-01',
      maxPostsPerHour: 5,
    });
    expect([readGroup.body.data.quietHours[0].start.slice(0, 5), readGroup.body.data.quietHours[0].end.slice(0, 5)]).toEqual([
      '22:00',
      '07:00',
    ]);
    expect(readGroup.body.data.course.documentId).toBe(ids.course);
    expect(readGroup.body.data.playbook.documentId).toBe(playbook.documentId);

    const readPlaybook = await api().get(`/api/playbooks/${playbook.documentId}?status=draft&populate=*`).set(auth());
    expect(readPlaybook.body.data.steps.map((s: any) => [s.day, s.time.slice(0, 5), s.source])).toEqual([
      [0, '19:00', 'text'],
      [1, '08:00', 'morning-report'],
      [-1, '20:00', 'welcome-rules'],
    ]);

    const readScript = await api().get(`/api/welcome-scripts/${script.documentId}?status=draft&populate=*`).set(auth());
    expect(readScript.body.data.channel.code).toBe('douyin');
    expect(readScript.body.data.group.slug).toBe('writing-1');
  });
});

describe('public role', () => {
  let publishedId: string;
  let draftId: string;

  beforeAll(async () => {
    // REST creates publish at once unless asked for a draft.
    const published = await create('daily-topics', { date: '2026-12-05', title: 'Published topic', prompt: 'p' });
    publishedId = published.documentId;
    const draft = await create('daily-topics', { date: '2026-12-06', title: 'Draft topic', prompt: 'd' }, '?status=draft');
    draftId = draft.documentId;
  });

  it('reads published content without a token', async () => {
    const res = await api().get('/api/daily-topics');
    expect(res.status).toBe(200);
    const ids = res.body.data.map((d: any) => d.documentId);
    expect(ids).toContain(publishedId);
    expect(ids).not.toContain(draftId);
  });

  it('never sees drafts, even when asking for them', async () => {
    const list = await api().get('/api/daily-topics?status=draft');
    expect(list.status).toBe(200);
    const titles = list.body.data.map((d: any) => d.title);
    expect(titles).not.toContain('Draft topic');
    const one = await api().get(`/api/daily-topics/${draftId}?status=draft`);
    expect(one.status).toBe(404);
  });

  it('can read every editorial type', async () => {
    for (const plural of ['daily-reports', 'daily-topics', 'courses', 'lessons', 'channels', 'welcome-scripts', 'playbooks', 'tags']) {
      const res = await api().get(`/api/${plural}`);
      expect([plural, res.status]).toEqual([plural, 200]);
    }
  });

  it('cannot write', async () => {
    const res = await api()
      .post('/api/daily-topics')
      .send({ data: { date: '2026-12-09' } });
    expect(res.status).toBe(403);
  });

  it('cannot read groups at all', async () => {
    expect((await api().get('/api/groups')).status).toBe(403);
    const anyGroup = await app.strapi.db.query('api::group.group').findOne({});
    expect((await api().get(`/api/groups/${anyGroup.documentId}`)).status).toBe(403);
  });
});

describe('locales', () => {
  it('has en (default) and zh-Hans after the first boot', async () => {
    const locales = await app.strapi.plugin('i18n').service('locales').find();
    expect(locales.map((l: any) => l.code).sort()).toEqual(['en', 'zh-Hans']);
    expect(await app.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('en');
  });

  it('filters by locale and date', async () => {
    const en = await create('daily-reports', { date: '2026-12-10', edition: 'evening', title: 'Evening report' }, '?status=draft');
    const zh = await api()
      .put(`/api/daily-reports/${en.documentId}?locale=zh-Hans&status=draft`)
      .set(auth())
      .send({ data: { date: '2026-12-10', edition: 'evening', title: '晚报' } });
    expect(zh.status).toBe(200);
    const docs = app.strapi.documents('api::daily-report.daily-report');
    await docs.publish({ documentId: en.documentId, locale: '*' });

    const res = await api().get('/api/daily-reports?filters[date][$eq]=2026-12-10&locale=zh-Hans');
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({ title: '晚报', locale: 'zh-Hans', documentId: en.documentId });

    const def = await api().get('/api/daily-reports?filters[date][$eq]=2026-12-10');
    expect(def.body.data.map((d: any) => d.title)).toEqual(['Evening report']);
  });
});

describe('the group secret', () => {
  it('never appears in any response and is sealed at rest', async () => {
    const secret = 'whsec_' + 'Zm9vYmFyYmF6cXV4cXV1eA==';
    const createRes = await api()
      .post('/api/groups')
      .set(auth())
      .send({
        data: {
          name: 'Secret group',
          slug: 'secret-group',
          platform: 'webhook',
          endpoint: 'http://127.0.0.1:9/x',
          secret,
          timezone: 'Asia/Shanghai',
          locale: 'zh-Hans',
        },
      });
    expect(createRes.status).toBe(201);
    const id = createRes.body.data.documentId;
    const responses = [
      createRes,
      await api().get('/api/groups').set(auth()),
      await api().get(`/api/groups/${id}`).set(auth()),
      await api().get(`/api/groups/${id}?populate=*`).set(auth()),
      await api()
        .put(`/api/groups/${id}`)
        .set(auth())
        .send({ data: { name: 'Secret group 2' } }),
    ];
    for (const res of responses) {
      expect(res.status).toBeLessThan(300);
      expect(JSON.stringify(res.body)).not.toContain('Zm9vYmFy');
      expect(JSON.stringify(res.body)).not.toMatch(/"secret"/);
    }
    const row = await app.strapi.db.query('api::group.group').findOne({ where: { documentId: id } });
    expect(row.secret).toMatch(/^enc:v2:/);
    expect(row.secret).not.toContain('Zm9vYmFy');
    const { open } = require('../src/plugins/scheduler/server/src/secrets/secret-box');
    // Bound to the group's own documentId, which the create gave it.
    expect(open(row.secret, process.env.ENCRYPTION_KEY, `group:${id}:secret`)).toBe(secret);
  });

  it('can be neither selected nor filtered on, even with a full-access token', async () => {
    expect((await api().get('/api/groups?fields[0]=secret&fields[1]=name').set(auth())).status).toBe(400);
    expect((await api().get('/api/groups?filters[secret][$startsWith]=enc').set(auth())).status).toBe(400);
  });
});

describe('bad input is a 400 naming the field, and nothing is written', () => {
  const countRows = (uid: string) => app.strapi.db.query(uid as any).count();

  // Each platform's own rules for endpoint and secret (platforms/*.ts validate): the shapes
  // below are what the platforms' documentation gives (a URL, a Telegram chat id and token).
  it.each([
    ['webhook', { endpoint: 'ftp://127.0.0.1/x' }, 'endpoint'],
    ['webhook', { endpoint: 'not a url' }, 'endpoint'],
    ['telegram', { endpoint: 'https://t.me/mychat', secret: '123:abc' }, 'endpoint'],
    ['telegram', { endpoint: '-1001', secret: 'no colon here' }, 'secret'],
    ['slack', { secret: 'xoxb-123' }, 'secret'],
    ['wecom', { secret: 'two words' }, 'secret'],
  ])('a %s group with %j is refused, naming the field', async (platform, fields, field) => {
    const before = await countRows('api::group.group');
    const res = await api()
      .post('/api/groups')
      .set(auth())
      .send({ data: { name: `Bad ${platform}`, slug: `bad-${platform}-${field}`, platform, timezone: 'UTC', locale: 'en', ...fields } });
    expectFieldError(res, field);
    expect(await countRows('api::group.group')).toBe(before);
    // The credential itself is never echoed.
    if (field === 'secret') expect(JSON.stringify(res.body)).not.toContain((fields as { secret: string }).secret);
  });

  it('an update is checked against the stored platform too', async () => {
    const created = await api()
      .post('/api/groups')
      .set(auth())
      .send({ data: { name: 'Tg', slug: 'tg-update', platform: 'telegram', endpoint: '-1002', timezone: 'UTC', locale: 'en' } });
    expect(created.status).toBe(201);
    const res = await api()
      .put(`/api/groups/${created.body.data.documentId}`)
      .set(auth())
      .send({ data: { endpoint: 'http://127.0.0.1:9/not-a-chat-id' } });
    expectFieldError(res, 'endpoint');
    const row = await app.strapi.db.query('api::group.group').findOne({ where: { documentId: created.body.data.documentId } });
    expect(row.endpoint).toBe('-1002');
  });

  it('unknown time zone', async () => {
    const before = await countRows('api::group.group');
    const res = await api()
      .post('/api/groups')
      .set(auth())
      .send({ data: { name: 'Mars', slug: 'mars', platform: 'webhook', timezone: 'Mars/Olympus_Mons', locale: 'en' } });
    expectFieldError(res, 'timezone');
    expect(res.body.error.message).toContain('Mars/Olympus_Mons');
    expect(await countRows('api::group.group')).toBe(before);

    const group = await app.strapi.db.query('api::group.group').findOne({});
    const upd = await api()
      .put(`/api/groups/${group.documentId}`)
      .set(auth())
      .send({ data: { timezone: 'GMT+8' } });
    expectFieldError(upd, 'timezone');
  });

  it('unknown locale on a group', async () => {
    const res = await api()
      .post('/api/groups')
      .set(auth())
      .send({ data: { name: 'Klingon', slug: 'klingon', platform: 'webhook', timezone: 'UTC', locale: 'tlh' } });
    expectFieldError(res, 'locale');
  });

  it('unknown enum value', async () => {
    const res = await api()
      .post('/api/groups')
      .set(auth())
      .send({ data: { name: 'Fax group', slug: 'fax', platform: 'fax', timezone: 'UTC', locale: 'en' } });
    expectFieldError(res, 'platform');
    const report = await api()
      .post('/api/daily-reports')
      .set(auth())
      .send({ data: { date: '2026-12-20', edition: 'noon' } });
    expectFieldError(report, 'edition');
  });

  it('duplicate report per date, edition and locale', async () => {
    await create('daily-reports', { date: '2026-12-21', edition: 'morning', title: 'first' });
    const before = await countRows('api::daily-report.daily-report');
    const dup = await api()
      .post('/api/daily-reports')
      .set(auth())
      .send({ data: { date: '2026-12-21', edition: 'morning', title: 'second' } });
    expectFieldError(dup, 'date');
    expect(dup.body.error.message).toMatch(/morning report for 2026-12-21 already exists/);
    expect(await countRows('api::daily-report.daily-report')).toBe(before);

    // Another edition, or another locale, is fine.
    await create('daily-reports', { date: '2026-12-21', edition: 'evening', title: 'evening' });
    await create('daily-reports', { date: '2026-12-21', edition: 'morning', title: '早报' }, '?locale=zh-Hans');

    // Moving an existing report onto a taken date is refused too, and the row keeps its old date.
    const other = await create('daily-reports', { date: '2026-12-22', edition: 'morning', title: 'third' });
    const move = await api()
      .put(`/api/daily-reports/${other.documentId}`)
      .set(auth())
      .send({ data: { date: '2026-12-21' } });
    expectFieldError(move, 'date');
    const still = await api().get(`/api/daily-reports/${other.documentId}?status=draft`).set(auth());
    expect(still.body.data.date).toBe('2026-12-22');
  });

  it('duplicate lesson day in a course', async () => {
    const course = await create('courses', { title: 'Dup course', slug: 'dup-course' });
    await create('lessons', { course: course.documentId, day: 1, title: 'Day 1' });
    const dup = await api()
      .post('/api/lessons')
      .set(auth())
      .send({ data: { course: course.documentId, day: 1, title: 'Day 1 again' } });
    expectFieldError(dup, 'day');
    const neg = await api()
      .post('/api/lessons')
      .set(auth())
      .send({ data: { course: course.documentId, day: -1, title: 'before' } });
    expectFieldError(neg, 'day');
  });

  it('a second default welcome script', async () => {
    await create('welcome-scripts', { body: 'Default welcome' });
    const dup = await api()
      .post('/api/welcome-scripts')
      .set(auth())
      .send({ data: { body: 'Another default' } });
    expectFieldError(dup, 'channel');
    // A default in the other locale is allowed.
    await create('welcome-scripts', { body: '默认欢迎语' }, '?locale=zh-Hans');
  });

  it('quiet window that is not a time', async () => {
    const res = await api()
      .post('/api/groups')
      .set(auth())
      .send({
        data: { name: 'Q', slug: 'q', platform: 'webhook', timezone: 'UTC', locale: 'en', quietHours: [{ start: '25:00', end: '07:00' }] },
      });
    expect(res.status).toBe(400);
  });

  it('missing required field', async () => {
    const res = await api()
      .post('/api/daily-topics')
      .set(auth())
      .send({ data: { title: 'no date' } });
    expectFieldError(res, 'date');
  });
});

describe('placeholders are checked when content is saved', () => {
  it('an unknown placeholder is a 400 naming the field when strict', async () => {
    const res = await api()
      .post('/api/daily-topics?strict=true')
      .set(auth())
      .send({ data: { date: '2027-02-01', prompt: 'Hello {{member.nickname}} from {{group.nmae}}' } });
    expectFieldError(res, 'prompt');
    expect(res.body.error.message).toContain('{{group.nmae}}');
    const item = await api()
      .post('/api/daily-reports?strict=true')
      .set(auth())
      .send({ data: { date: '2027-02-01', edition: 'morning', items: [{ title: 'ok' }, { title: 'x', summary: '{{oops}}' }] } });
    expectFieldError(item, 'items.1.summary');
  });

  it('known placeholders pass, and without strict an unknown one is saved (and left out when sent)', async () => {
    const ok = await api()
      .post('/api/daily-topics?strict=true')
      .set(auth())
      .send({ data: { date: '2027-02-02', prompt: 'Hi {{ group.name }} on {{date}}' } });
    expect(ok.status).toBe(201);
    const lax = await api()
      .post('/api/daily-topics')
      .set(auth())
      .send({ data: { date: '2027-02-03', prompt: 'Hi {{typo}}' } });
    expect(lax.status).toBe(201);
  });
});
