/**
 * Malformed input over REST, on a real Strapi with a temporary SQLite database: each of
 * these was a 500, a 2xx for something invalid, a 400 that named no field, or a reply
 * outside Strapi's error shape before the guards in src/middlewares/input-guard.ts,
 * src/document-middlewares/{typed-fields,query-params,playbook-steps}.ts, config/api.ts,
 * config/middlewares.ts and the plugin's validation. `npm run drill` sends 1,000 of them.
 */
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const api = () => request(app.server);
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi();
  token = await createApiToken(app.strapi);
  const docs = app.strapi.documents as any;
  ids.course = (await docs('api::course.course').create({ data: { title: 'Camp', slug: 'camp', lengthDays: 21 } })).documentId;
  const group = await docs('api::group.group').create({
    data: {
      name: 'G',
      slug: 'g',
      platform: 'pull',
      timezone: 'Asia/Shanghai',
      locale: 'en',
      stage: 'growth',
      quietHours: [{ start: '23:00:00', end: '07:00:00' }],
    },
  });
  ids.group = group.documentId;
  ids.schedule = (
    await docs('plugin::scheduler.schedule').create({
      data: { name: 'S', rule: 'FREQ=DAILY;BYHOUR=8', source: 'text', text: 'x', active: false },
    })
  ).documentId;
});

afterAll(async () => {
  await app?.stop();
});

/** A 400 in Strapi's error shape whose details name `field` (a path segment, key or param). */
function expectNamed(res: request.Response, field: string) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
  expect(res.body.error.message).toEqual(expect.any(String));
  const d = res.body.error.details ?? {};
  const names = [...(d.errors ?? []).flatMap((e: { path: string[] }) => e.path), d.key, d.param].filter(Boolean).map(String);
  expect(names).toContain(field);
}

async function count(uid: string) {
  return app.strapi.db.query(uid as any).count();
}

describe('query parameters that reached the database as a 500', () => {
  it.each([
    ['a word compared with a number', '/api/courses?filters[lengthDays][$gt]=abc', 'lengthDays'],
    ['an operator inside an operator', '/api/courses?filters[title][$eq][$eq]=x', '$eq'],
    ['$or that is not a list', '/api/groups?filters[$or]=x', '$or'],
    ['$and with a bare value', '/api/groups?filters[$and][0]=x', '$and'],
    ['$between with one value', '/api/groups?filters[name][$between]=x', '$between'],
    ['a list of filters holding a word', '/api/groups?filters[0]=x', 'filters'],
    ['a word for a number in $in', '/api/groups?filters[maxPostsPerHour][$in][0]=abc', 'maxPostsPerHour'],
    ['a word for a relation id', '/api/groups?filters[tags][id][$eq]=abc', 'id'],
    ['a word in a populate filter', '/api/courses?populate[lessons][filters][day][$gt]=abc', 'day'],
    ['an inherited name as a field', '/api/tags?fields=constructor', 'fields'],
    ['a fraction for an integer (PostgreSQL refuses it)', '/api/courses?filters[lengthDays][$eq]=1.5', 'lengthDays'],
  ])('%s', async (_what, path, field) => {
    expectNamed(await api().get(path).set(auth()), field);
  });
});

describe('query parameters Strapi accepted or coerced silently', () => {
  it.each([
    ['pagination[pageSize]=abc (read as the maximum)', '/api/tags?pagination[pageSize]=abc', 'pageSize'],
    ['pagination[page]=0 (read as 1)', '/api/tags?pagination[page]=0', 'page'],
    ['pagination[start]=-5 (read as 0)', '/api/tags?pagination[start]=-5', 'start'],
    ['sort=id:asc:desc (read as id:asc)', '/api/tags?sort=id:asc:desc', 'sort'],
    ['a date filter with SQL after the date (compared as the date)', "/api/daily-reports?filters[date][$eq]=2026-01-01' OR 1=1 --", 'date'],
    ['a boolean filter that is neither', '/api/schedules?filters[active][$eq]=maybe', 'active'],
    ['an unknown top-level parameter', '/api/tags?foo=bar', 'foo'],
  ])('%s', async (_what, path, field) => {
    expectNamed(await api().get(path).set(auth()), field);
  });

  it('an invalid status on a write is refused (it saved a draft only)', async () => {
    const res = await api()
      .post('/api/tags?status=bogus')
      .set(auth())
      .send({ data: { name: 'x', slug: 'status-bogus' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/status/);
    expect(await count('api::tag.tag')).toBe(0);
  });
});

describe('writes that were a 500', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty'])('an inherited name as a key: %s', async (key) => {
    expectNamed(
      await api()
        .put(`/api/schedules/${ids.schedule}`)
        .set(auth())
        .send({ data: { [key]: { prototype: { x: 1 } } } }),
      key
    );
  });

  it('a body nested thousands of levels deep', async () => {
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
    const res = await api().post('/api/tags').set(auth()).set('Content-Type', 'application/json').send(`{"data":{"name":${deep}}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/nested more than 32 levels/);
  });

  it.each([
    ['a gzip body that is not gzip', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, 'not gzip'],
    ['a cut multipart stream', { 'Content-Type': 'multipart/form-data; boundary=XX' }, 'garbage'],
  ])('%s', async (_what, headers, body) => {
    const res = await api().post('/api/tags').set(auth()).set(headers).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      status: 400,
      name: 'ValidationError',
      message: expect.stringMatching(/^Malformed request body/),
    });
  });

  it('an unknown Content-Encoding stays a 415 and an oversized body a 413', async () => {
    const enc = await api()
      .post('/api/tags')
      .set(auth())
      .set({ 'Content-Type': 'application/json', 'Content-Encoding': 'x-unknown' })
      .send('{}');
    expect(enc.status).toBe(415);
    const big = await api()
      .post('/api/tags')
      .set(auth())
      .send({ data: { name: 'x'.repeat(2 * 1024 * 1024), slug: 'big' } });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toBeTruthy();
  });
});

describe('writes that were accepted although invalid', () => {
  it('a rule a playbook step cannot use', async () => {
    const res = await api()
      .post('/api/playbooks')
      .set(auth())
      .send({
        data: { name: 'P', slug: 'p-bad-rule', steps: [{ day: 0, time: '09:00:00', source: 'text', text: 'x', rule: 'FREQ=SOMETIMES' }] },
      });
    expectNamed(res, 'rule');
    expect(res.body.error.details.errors[0].path).toEqual(['steps', '0', 'rule']);
    expect(await count('api::playbook.playbook')).toBe(0);
  });

  it('a date with a time of 99 o’clock (kept as the date)', async () => {
    expectNamed(
      await api()
        .post('/api/daily-topics')
        .set(auth())
        .send({ data: { date: '2026-01-01T99:00' } }),
      'date'
    );
    expect(await count('api::daily-topic.daily-topic')).toBe(0);
  });

  it('"12" as a date-time (stored as the year 1200)', async () => {
    expectNamed(
      await api()
        .put(`/api/schedules/${ids.schedule}`)
        .set(auth())
        .send({ data: { startsAt: '12' } }),
      'startsAt'
    );
    expect((await api().get(`/api/schedules/${ids.schedule}`).set(auth())).body.data.startsAt).toBeNull();
  });

  it('a list for a number (read as its first element)', async () => {
    expectNamed(
      await api()
        .post('/api/lessons')
        .set(auth())
        .send({ data: { course: ids.course, day: [5], title: 'L' } }),
      'day'
    );
    expect(await count('api::lesson.lesson')).toBe(0);
  });

  it('a locale the app does not serve (created a new locale)', async () => {
    expectNamed(
      await api()
        .post('/api/courses?locale=fr')
        .set(auth())
        .send({ data: { title: 'x', slug: 'fr-x' } }),
      'locale'
    );
    expect(await app.strapi.db.query('api::course.course').count({ where: { locale: 'fr' } })).toBe(0);
  });

  it('a quiet window without its end on an update (kept half-open)', async () => {
    expectNamed(
      await api()
        .put(`/api/groups/${ids.group}`)
        .set(auth())
        .send({ data: { quietHours: [{ start: '22:00' }] } }),
      'end'
    );
    const g = await api().get(`/api/groups/${ids.group}?populate=quietHours`).set(auth());
    // PostgreSQL answers times as 23:00:00, SQLite as 23:00:00.000.
    expect(g.body.data.quietHours.map((w: any) => [w.start.slice(0, 8), w.end.slice(0, 8)])).toEqual([['23:00:00', '07:00:00']]);
  });

  it('garbage bytes as the body of a join (read as an empty body: a valid join)', async () => {
    const before = await count('plugin::scheduler.delivery');
    const res = await api()
      .post('/api/groups/g/joins')
      .set(auth())
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from([0, 1, 2, 3]));
    expectNamed(res, 'body');
    expect(await count('plugin::scheduler.delivery')).toBe(before);
  });

  it.each([
    ['occurrences from "12" (the year 2001)', () => `/api/schedules/${ids.schedule}/occurrences?from=12`, 'from'],
    ['deliveries from "12"', () => '/api/deliveries?from=12', 'from'],
    ['a group day on February 30', () => '/api/groups/g/today?date=2026-02-30', 'date'],
    ['a rendition on February 30 (was a 404)', () => '/api/renditions/text?group=g&date=2026-02-30', 'date'],
  ])('%s', async (_what, path, field) => {
    expectNamed(await api().get(path()).set(auth()), field);
  });
});

describe('400s that named no field', () => {
  it('a date that does not exist', async () => {
    expectNamed(
      await api()
        .post('/api/daily-reports')
        .set(auth())
        .send({ data: { date: '2026-02-30', edition: 'morning' } }),
      'date'
    );
  });

  it('a time of day in a component, and HH:mm is completed to HH:mm:ss', async () => {
    const bad = await api()
      .put(`/api/groups/${ids.group}`)
      .set(auth())
      .send({ data: { quietHours: [{ start: '7pm', end: '07:00' }] } });
    expectNamed(bad, 'start');
    expect(bad.body.error.details.errors[0].path).toEqual(['quietHours', '0', 'start']);
    const ok = await api()
      .put(`/api/courses/${ids.course}`)
      .set(auth())
      .send({ data: { classTime: '20:00' } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.classTime.slice(0, 8)).toBe('20:00:00');
  });

  it('a relation to a document that does not exist', async () => {
    expectNamed(
      await api()
        .put(`/api/schedules/${ids.schedule}`)
        .set(auth())
        .send({ data: { groups: ['no-such-group'] } }),
      'groups'
    );
    expectNamed(
      await api()
        .post('/api/lessons')
        .set(auth())
        .send({ data: { day: 1, title: 'x', course: 'no-such-course' } }),
      'course'
    );
  });

  it('a DTSTART inside the rule of a preview is the rule’s fault', async () => {
    const res = await api().post('/api/schedules/preview').set(auth()).send({ rule: 'DTSTART:garbage\nRRULE:FREQ=DAILY', timezone: 'UTC' });
    expectNamed(res, 'rule');
  });
});

describe('NUL characters (PostgreSQL cannot store them)', () => {
  it.each([
    [
      'in a body field',
      () =>
        api()
          .post('/api/tags')
          .set(auth())
          .send({ data: { name: 'a\u0000b', slug: 'nul' } }),
      'name',
    ],
    ['in a query value', () => api().get('/api/tags?filters[name][$eq]=a%00b').set(auth()), '$eq'],
    ['in the path', () => api().get('/api/groups/a%00b/today').set(auth()), 'path'],
  ])('%s', async (_what, send, field) => {
    expectNamed(await send(), field);
  });
});

describe('replies outside Strapi’s error shape', () => {
  it('a wrong method is a 405 with a message', async () => {
    const res = await api().patch('/api/tags').set(auth()).send({});
    expect(res.status).toBe(405);
    expect(res.body.error).toMatchObject({ status: 405, message: expect.stringContaining('PATCH is not allowed') });
  });

  it('a "..\\\\" id is a 400, not the static server’s 403', async () => {
    expectNamed(await api().get('/api/tags/..%5C..%5Cwindows%5Cwin.ini').set(auth()), 'path');
  });
});

describe('free text keeps injection strings literally', () => {
  it('stores and returns them byte for byte', async () => {
    const strings = [
      "' OR 1=1 --",
      '"; DROP TABLE groups; --',
      '<script>alert(1)</script>',
      "{{constructor.constructor('x')()}}",
      '../../etc/passwd',
      '{"$where":"1","__proto__":{}}',
      `${'🙂中文'.repeat(5000)}`,
    ];
    const data = {
      title: strings[0],
      greeting: strings[1],
      task: strings[2],
      closing: strings[3],
      items: [{ title: strings[4], summary: strings[5] }],
      date: '2026-05-05',
      edition: 'evening',
    };
    const created = await api()
      .post('/api/daily-reports')
      .set(auth())
      .send({ data: { ...data, closing: strings[6] } });
    expect(created.status).toBe(201);
    const read = await api().get(`/api/daily-reports/${created.body.data.documentId}?populate=items`).set(auth());
    expect(read.body.data).toMatchObject({
      title: strings[0],
      greeting: strings[1],
      task: strings[2],
      closing: strings[6],
      items: [{ title: strings[4], summary: strings[5] }],
    });
  });
});

describe('relations given with an object where an id belongs', () => {
  it.each([
    ['a filter object as an id', { tags: [{ id: { $ne: null } }] }],
    ['a filter object as a documentId', { groups: { connect: [{ documentId: { $ne: null } }] } }],
  ])('%s is a 400 naming the relation (PostgreSQL: "Invalid relations", no field)', async (_what, data) => {
    const field = Object.keys(data)[0];
    expectNamed(await api().put(`/api/schedules/${ids.schedule}`).set(auth()).send({ data }), field);
  });
});

describe('what stays allowed', () => {
  it('a POST without a body, as `curl -X POST …/retry` sends it', async () => {
    const res = await api().post(`/api/schedules/${ids.schedule}/run-now`).set(auth()).set('Content-Length', '0');
    expect(res.status).toBe(200);
  });
});
