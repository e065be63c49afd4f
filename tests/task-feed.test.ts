/**
 * The calendar feed of staff tasks: an admin creates a personal link, a calendar app reads
 * it with no credential but the token, and ical.js (an independent parser) reads what it
 * gets. Real Strapi on a temporary database; the scheduler's clock is moved.
 */
import crypto from 'crypto';
import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';
import { setNow } from './helpers/scheduler-clock';

const ICAL = require('ical.js');

let app: TestApp;
let jwt: string;
let adaId: number;
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const admin = (method: 'get' | 'post' | 'delete', path: string) => request(app.server)[method](path).set(bearer(jwt));

const SECRET = 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0';
const ENDPOINT = 'https://hooks.example.com/very-private-endpoint';
const SH_TEXT = '早报：今天的任务，读完一章书；写下三点收获';

async function round(iso: string) {
  setNow(app.strapi, iso);
  await plugin().service('planner').planAll({ force: true });
  await plugin().service('dispatcher').tick();
}

/** The path of a feed URL (supertest talks to the server itself). */
const pathOf = (url: string) => new URL(url).pathname;

async function readFeed(url: string) {
  const res = await request(app.server)
    .get(pathOf(url))
    .buffer(true)
    .parse((r, cb) => {
      let s = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (s += c));
      r.on('end', () => cb(null, s));
    });
  return res;
}

function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return { cal, events: cal.getAllSubcomponents('vevent') as any[] };
}

beforeAll(async () => {
  app = await startStrapi({ env: { SCHEDULER_HORIZON_HOURS: '24' } });
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
  expect(res.status).toBe(200);
  jwt = res.body.data.token;
  adaId = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'ada@example.com' } })).id;
  const bob = await app.strapi.db.query('admin::user').create({
    data: { firstname: 'Bob', lastname: 'Post', email: 'bob@example.com', isActive: true, blocked: false },
  });
  const group = (data: Record<string, unknown>) => docs('api::group.group').create({ data: { stage: 'growth', ...data } });
  const sh = await group({
    name: '习惯营·微信群1群',
    slug: 'feed-sh',
    platform: 'manual',
    timezone: 'Asia/Shanghai',
    locale: 'zh-Hans',
    owners: [adaId],
  });
  const ny = await group({
    name: 'Habit camp NY',
    slug: 'feed-ny',
    platform: 'manual',
    timezone: 'America/New_York',
    locale: 'en',
    owners: [adaId],
  });
  const bobs = await group({
    name: 'Bob’s own group',
    slug: 'feed-bob',
    platform: 'manual',
    timezone: 'Asia/Shanghai',
    locale: 'en',
    owners: [bob.id],
  });
  const hook = await group({
    name: 'A webhook group',
    slug: 'feed-hook',
    platform: 'webhook',
    endpoint: ENDPOINT,
    secret: SECRET,
    timezone: 'UTC',
    locale: 'en',
  });
  const schedule = (name: string, timezone: string, text: string, groups: string[]) =>
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
        groups,
      },
    });
  await schedule('早报', 'Asia/Shanghai', SH_TEXT, [sh.documentId, bobs.documentId]);
  await schedule('Morning', 'America/New_York', 'Good morning **{{group.name}}**!', [ny.documentId]);
  await schedule('Hook', 'UTC', 'to the hook', [hook.documentId]);
  // Nothing is sent to the hook: its receiver does not exist, and its row stays planned until 08:00 UTC.
  await round('2026-12-01T20:00:00Z');
});

afterAll(async () => {
  await app?.stop();
});

describe('the calendar feed', () => {
  let url: string;
  let first: { uid: string; sequence: number; summary: string };

  it('admin routes need an admin JWT', async () => {
    expect((await request(app.server).get('/scheduler/tasks/feed')).status).toBe(401);
    expect((await request(app.server).post('/scheduler/tasks/feed')).status).toBe(401);
    expect((await request(app.server).delete('/scheduler/tasks/feed')).status).toBe(401);
  });

  it('none at first', async () => {
    const res = await admin('get', '/scheduler/tasks/feed');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { active: false, createdAt: null } });
  });

  it('is created by POST: an absolute URL with a long random token, only its hash stored', async () => {
    const res = await admin('post', '/scheduler/tasks/feed');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    url = res.body.data.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/scheduler\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(res.body.data.createdAt).toBe(new Date(res.body.data.createdAt).toISOString());
    const token = url.match(/feeds\/(.+)\.ics$/)![1];
    const row = await app.strapi.db.query('plugin::scheduler.task-feed').findOne({ where: { userId: adaId } });
    expect(row.tokenHash).toBe(crypto.createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    const status = await admin('get', '/scheduler/tasks/feed');
    expect(status.body).toEqual({ data: { active: true, createdAt: res.body.data.createdAt } });
  });

  it('is read with no credential, as text/calendar, by an independent parser: one event per slot', async () => {
    const res = await readFeed(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    expect(res.headers['content-disposition']).toBe('inline; filename="tasks.ics"');
    const ics: string = res.body;
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const { cal, events: evs } = events(ics);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('My tasks');
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    // 08:00 in Shanghai on the 2nd is 00:00 UTC; 08:00 in New York (EST, winter) is 13:00 UTC.
    expect(evs.map((e) => e.getFirstPropertyValue('dtstart').toString())).toEqual(['2026-12-02T00:00:00Z', '2026-12-02T13:00:00Z']);
    expect(ics).toContain('DTSTART:20261202T000000Z\r\n');
    expect(ics).toContain('DTSTART:20261202T130000Z\r\n');
    // As many events as the Tasks page has slots for the same window.
    const slots = await admin('get', '/scheduler/tasks/slots?from=2026-11-30T20:00:00.000Z&to=2026-12-15T20:00:00.000Z');
    expect(slots.body.data).toHaveLength(evs.length);
    const [sh, ny] = evs.map((e) => new ICAL.Event(e));
    expect(sh.summary).toBe('08:00 · 早报 · 1 group');
    expect(ny.summary).toBe('08:00 · Morning · 1 group');
    expect(sh.description).toContain('08:00 Asia/Shanghai');
    expect(sh.description).toContain('习惯营·微信群1群');
    expect(sh.description).toContain(SH_TEXT);
    expect(ny.description).toContain('08:00 America/New_York');
    expect(ny.description).toContain('Habit camp NY\nGood morning Habit camp NY!');
    expect(sh.endDate.toString()).toBe('2026-12-02T00:15:00Z');
    expect(evs[0].getFirstPropertyValue('url')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/plugins\/scheduler\/tasks$/);
    for (const e of evs) {
      const alarm = e.getFirstSubcomponent('valarm');
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarm.getFirstProperty('trigger').getParameter('related')).toBe('START');
      expect(alarm.getFirstPropertyValue('trigger').toSeconds()).toBe(0);
    }
    // Another user's tasks, and anything of a group's delivery, are not in it.
    expect(ics).not.toContain('Bob');
    expect(ics).not.toContain('webhook');
    expect(ics).not.toContain(SECRET);
    expect(ics).not.toContain('very-private-endpoint');
    first = { uid: sh.uid, sequence: evs[0].getFirstPropertyValue('sequence'), summary: sh.summary };
    expect(first.uid).toMatch(/^[0-9a-f]{32}@sop-scheduler$/);
    expect(first.sequence).toBe(0);
  });

  it('an updated task updates its event: same UID, new SEQUENCE and summary, no alarm', async () => {
    await round('2026-12-02T00:04:00Z');
    const [task] = (await admin('get', '/scheduler/tasks?status=waiting')).body.data;
    expect(task.group.slug).toBe('feed-sh');
    expect((await admin('post', `/scheduler/tasks/${task.id}/done`).send({})).status).toBe(200);
    const { events: evs } = events((await readFeed(url)).body);
    const sh = evs.find((e) => e.getFirstPropertyValue('uid') === first.uid);
    expect(sh).toBeTruthy();
    expect(sh.getFirstPropertyValue('sequence')).toBeGreaterThan(first.sequence);
    expect(sh.getFirstPropertyValue('summary')).toBe(`✓ ${first.summary}`);
    expect(sh.getFirstSubcomponent('valarm')).toBeNull();
    expect(sh.getFirstPropertyValue('last-modified').toString()).toMatch(/^2026-12-02T00:04:0/);
  });

  it('speaks the user’s interface language', async () => {
    await app.strapi.db.query('admin::user').update({ where: { id: adaId }, data: { preferedLanguage: 'zh-Hans' } });
    const { cal, events: evs } = events((await readFeed(url)).body);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('我的任务');
    expect(evs.map((e) => e.getFirstPropertyValue('summary'))).toContain('✓ 08:00 · 早报 · 1 个群');
    await app.strapi.db.query('admin::user').update({ where: { id: adaId }, data: { preferedLanguage: null } });
  });

  it('never logs the token (the access log shows the path without it)', async () => {
    const token = url.match(/feeds\/(.+)\.ics$/)![1];
    const logged: string[] = [];
    const spies = (['http', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(app.strapi.log, level).mockImplementation(((msg: unknown) => logged.push(String(msg))) as any)
    );
    try {
      expect((await readFeed(url)).status).toBe(200);
      await admin('post', '/scheduler/tasks/feed').then((res) => (url = res.body.data.url));
      await readFeed(url);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(logged.some((l) => l.includes('/api/scheduler/feeds/[token]'))).toBe(true);
    expect(logged.join('\n')).not.toContain(token);
    expect(logged.join('\n')).not.toContain(url.match(/feeds\/(.+)\.ics$/)![1]);
  });

  it('marks its last read at most every 5 minutes', async () => {
    const q = () => app.strapi.db.query('plugin::scheduler.task-feed').findOne({ where: { userId: adaId } });
    const before = (await q()).lastReadAt;
    expect(before).toBeTruthy();
    await readFeed(url);
    expect((await q()).lastReadAt).toEqual(before);
  });

  it('a malformed or unknown token is a 404 that tells nothing', async () => {
    const bad = ['nope', 'x'.repeat(43), `${'a'.repeat(42)}%2F`, `${'A'.repeat(43)}`];
    const bodies = new Set<string>();
    for (const t of bad) {
      const res = await request(app.server).get(`/api/scheduler/feeds/${t}.ics`);
      expect(res.status).toBe(404);
      bodies.add(JSON.stringify(res.body));
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).not.toMatch(/token|revoked|user/i);
  });

  it('POST again replaces it: the old URL 404s at once, the new one works', async () => {
    const res = await admin('post', '/scheduler/tasks/feed');
    expect(res.status).toBe(200);
    const next = res.body.data.url;
    expect(next).not.toBe(url);
    const old = await request(app.server).get(pathOf(url));
    expect(old.status).toBe(404);
    expect(JSON.stringify(old.body)).toBe(JSON.stringify((await request(app.server).get('/api/scheduler/feeds/nope.ics')).body));
    expect((await readFeed(next)).status).toBe(200);
    expect((await admin('get', '/scheduler/tasks/feed')).body.data).toEqual({ active: true, createdAt: res.body.data.createdAt });
    expect(await app.strapi.db.query('plugin::scheduler.task-feed').count({ where: { userId: adaId } })).toBe(1);
    url = next;
  });

  it('uses server.url, when set, for the links', async () => {
    app.strapi.config.set('server.url', 'https://ops.example.com/');
    try {
      const res = await admin('post', '/scheduler/tasks/feed');
      url = res.body.data.url;
      expect(url).toMatch(/^https:\/\/ops\.example\.com\/api\/scheduler\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
      const { events: evs } = events((await readFeed(url)).body);
      expect(evs[0].getFirstPropertyValue('url')).toBe('https://ops.example.com/admin/plugins/scheduler/tasks');
    } finally {
      app.strapi.config.set('server.url', '');
    }
  });

  it('another user’s feed has only their tasks, and stops when they are deactivated', async () => {
    const bob = await app.strapi.db.query('admin::user').findOne({ where: { email: 'bob@example.com' } });
    const { token } = await plugin().service('task-feeds').create(bob.id);
    const path = `/api/scheduler/feeds/${token}.ics`;
    const ics = (await readFeed(`http://localhost${path}`)).body;
    const descriptions = events(ics).events.map((e) => e.getFirstPropertyValue('description'));
    expect(descriptions.length).toBeGreaterThan(0);
    for (const d of descriptions) expect(d).toContain('Bob’s own group');
    expect(ics).not.toContain('Habit camp NY');
    expect(ics).not.toContain('习惯营');
    await app.strapi.db.query('admin::user').update({ where: { id: bob.id }, data: { isActive: false } });
    expect((await request(app.server).get(path)).status).toBe(404);
  });

  it('DELETE revokes it (idempotent): the URL 404s', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await admin('delete', '/scheduler/tasks/feed');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { active: false } });
    }
    expect((await request(app.server).get(pathOf(url))).status).toBe(404);
    expect((await admin('get', '/scheduler/tasks/feed')).body).toEqual({ data: { active: false, createdAt: null } });
  });
});
