/**
 * The calendar at scale (issue 19): posts of one origin at one local time across groups
 * are one entry, counted per status, expandable to the groups; read with a fixed number of
 * queries whatever the number of groups. A real Strapi on a temporary database, called as
 * the admin panel calls it.
 *
 * Oracle: the per-post list (`/scheduler/calendar`, the rows and the upcoming posts one by
 * one), grouped here by hand with luxon (origin, source, and the due time's wall clock in
 * each group's zone, or the instant in the viewer's zone). The entries come from a count
 * query and a different grouping; nothing here reads their code.
 */
import crypto from 'crypto';
import request from 'supertest';
import { DateTime } from 'luxon';
import { startStrapi, type TestApp } from './helpers/strapi';
import { startFakePlatform, type FakePlatform } from './helpers/fake-platform';
import { setNow } from './helpers/scheduler-clock';

let app: TestApp;
let fake: FakePlatform;
let jwt: string;
const admin = () => ({ Authorization: `Bearer ${jwt}` });
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const ZONES = ['Europe/Berlin', 'Asia/Shanghai', 'America/New_York'];
let tag: any;
let morning: any;
let evening: any;
let made = 0;

async function addGroups(n: number) {
  for (let i = 0; i < n; i++, made++) {
    const slug = `g-${String(made).padStart(3, '0')}`;
    await docs('api::group.group').create({
      data: {
        name: `Group ${made}`,
        slug,
        platform: 'webhook',
        endpoint: `${fake.url}/hook/${slug}`,
        secret: `whsec_${crypto.randomBytes(24).toString('base64')}`,
        timezone: ZONES[made % ZONES.length],
        locale: 'en',
        stage: 'growth',
        tags: [tag.documentId],
      },
    });
  }
}

// Three days: the planner's 24 h horizon covers the first, the rest are upcoming.
const window = { from: '2027-03-01T00:00:00.000Z', to: '2027-03-04T00:00:00.000Z' };

beforeAll(async () => {
  fake = await startFakePlatform();
  app = await startStrapi({ env: { SCHEDULER_HORIZON_HOURS: '24' } });
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
  jwt = res.body.data.token;
  tag = await docs('api::tag.tag').create({ data: { name: 'All', slug: 'all' } });
  await addGroups(9);
  const schedule = (name: string, hour: number) =>
    docs('plugin::scheduler.schedule').create({
      data: { name, rule: `FREQ=DAILY;BYHOUR=${hour};BYMINUTE=0`, source: 'text', text: `${name} {{group.name}}`, tags: [tag.documentId] },
    });
  morning = await schedule('Morning', 8);
  evening = await schedule('Evening', 20);
  setNow(app.strapi, '2027-02-28T12:00:00Z');
  await plugin().service('planner').planAll({ force: true });
  // Some posts fail, one is sent: the entry's counts must say so.
  const store = plugin().service('delivery-store');
  const knex = store.knex();
  const rows = await knex(store.table()).orderBy('id');
  // The posts of the 1st's 08:00 in Berlin (07:00Z) and Shanghai (00:00Z), within the horizon.
  const due = (r: any) =>
    new Date(typeof r[store.col('dueAt')] === 'string' ? r[store.col('dueAt')] : Number(r[store.col('dueAt')])).toISOString();
  const morningRows = rows.filter(
    (r: any) => r[store.col('originId')] === morning.documentId && ['2027-03-01T07:00:00.000Z', '2027-03-01T00:00:00.000Z'].includes(due(r))
  );
  expect(morningRows).toHaveLength(6);
  await knex(store.table())
    .whereIn(
      'id',
      morningRows.slice(0, 2).map((r: any) => r.id)
    )
    .update({ [store.col('status')]: 'failed' });
  await knex(store.table())
    .where('id', morningRows[2].id)
    .update({ [store.col('status')]: 'sent' });
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

const get = (path: string, query: Record<string, string>) => request(app.server).get(path).query(query).set(admin());

/** The oracle: the post list grouped by hand. */
function groupByHand(posts: any[], zone: 'group' | string) {
  const out = new Map<string, { count: number; byStatus: Record<string, number>; groups: Set<string>; instants: Set<string> }>();
  for (const p of posts) {
    const originId = p.origin?.id ?? p.origin?.documentId ?? null;
    const when =
      zone === 'group'
        ? DateTime.fromISO(p.dueAt, { zone: 'utc' }).setZone(p.groupTimezone).toFormat("yyyy-MM-dd'T'HH:mm")
        : new Date(p.dueAt).toISOString();
    const key = `${p.origin.kind}:${originId}|${p.source}|${when}`;
    const e = out.get(key) ?? { count: 0, byStatus: {}, groups: new Set(), instants: new Set() };
    e.count++;
    e.byStatus[p.status] = (e.byStatus[p.status] ?? 0) + 1;
    e.groups.add(p.group);
    e.instants.add(new Date(p.dueAt).toISOString());
    out.set(key, e);
  }
  return out;
}

const keyOf = (e: any) => {
  const when = e.key.split('|')[2];
  return `${e.origin.kind}:${e.origin.id}|${e.source}|${when}`;
};

describe('calendar entries', () => {
  it("one entry per origin and local time in the groups' zones, its counts and statuses equal to the posts'", async () => {
    const posts = (await get('/scheduler/calendar', window)).body.data;
    // Each group gets 6 in the window: Berlin's and Shanghai's 08:00 and 20:00 of the 1st to
    // the 3rd; New York's 08:00 of those days and its 20:00 of the 28th to the 2nd (01:00Z).
    expect(posts.length).toBe(9 * 6);
    const res = await get('/scheduler/calendar/entries', window);
    expect(res.status).toBe(200);
    const expected = groupByHand(posts, 'group');
    expect(res.body.data.length).toBe(expected.size);
    for (const e of res.body.data) {
      const hand = expected.get(keyOf(e));
      expect(hand).toBeDefined();
      expect(e.count).toBe(hand!.count);
      expect(e.byStatus).toEqual(hand!.byStatus);
      expect(new Set(e.instants)).toEqual(hand!.instants);
    }
    // 08:00 in Berlin, Shanghai and New York is one entry of 9 groups.
    const first = res.body.data.find((e: any) => e.origin.id === morning.documentId && e.date === '2027-03-01');
    expect(first).toMatchObject({ time: '08:00', count: 9, title: 'Morning' });
    expect(first.zones).toEqual([...ZONES].sort());
    // New York's 08:00 (13:00Z) is past the 24 h horizon: not planned yet, upcoming.
    expect(first.byStatus).toEqual({ failed: 2, sent: 1, planned: 3, upcoming: 3 });
    expect(res.body.meta.posts).toBe(posts.length);
  });

  it("in the viewer's zone, one entry per instant", async () => {
    const posts = (await get('/scheduler/calendar', window)).body.data;
    const res = await get('/scheduler/calendar/entries', { ...window, zone: 'Asia/Tokyo' });
    const expected = groupByHand(posts, 'Asia/Tokyo');
    expect(res.body.data.length).toBe(expected.size);
    for (const e of res.body.data) {
      expect(e.instants).toHaveLength(1);
      const hand = expected.get(keyOf(e));
      expect(e.count).toBe(hand!.count);
      expect(e.byStatus).toEqual(hand!.byStatus);
      // The date and time are the instant's in Tokyo.
      const tokyo = DateTime.fromISO(e.dueAt, { zone: 'utc' }).setZone('Asia/Tokyo');
      expect(`${e.date} ${e.time}`).toBe(tokyo.toFormat('yyyy-MM-dd HH:mm'));
    }
  });

  it('expands to exactly its posts, planned and upcoming; a one-post entry carries the post', async () => {
    const entries = (await get('/scheduler/calendar/entries', window)).body.data;
    for (const e of entries) {
      const res = await get('/scheduler/calendar', {
        ...window,
        origin: `${e.origin.kind}:${e.origin.id ?? ''}:${e.origin.step ?? ''}`,
        at: e.instants.join(','),
      });
      expect(res.status).toBe(200);
      const statuses: Record<string, number> = {};
      for (const p of res.body.data) statuses[p.status] = (statuses[p.status] ?? 0) + 1;
      expect(statuses).toEqual(e.byStatus);
      expect(new Set(res.body.data.map((p: any) => p.group)).size).toBe(e.count);
    }
    const one = (await get('/scheduler/calendar/entries', { ...window, groups: 'g-000' })).body.data;
    expect(one.length).toBeGreaterThan(0);
    for (const e of one) {
      expect(e.count).toBe(1);
      expect(e.post).toMatchObject({ group: 'g-000', groupName: 'Group 0', status: Object.keys(e.byStatus)[0] });
      if (e.post.status !== 'upcoming') {
        const detail = await request(app.server).get(`/scheduler/deliveries/${e.post.id}`).set(admin());
        expect(detail.body.data).toMatchObject({ group: 'g-000', dueAt: e.post.dueAt });
      } else expect(e.post.id).toBeNull();
    }
  });

  it("upcoming posts, planned once per set of groups with the same inputs, are each group's own plan", async () => {
    // The oracle: every group planned on its own by group-plan, less the keys that have rows.
    const listed = (await get('/scheduler/calendar', { ...window, status: 'upcoming' })).body.data;
    const store = plugin().service('delivery-store');
    const rows = new Set((await store.knex()(store.table()).select(store.col('key'))).map((r: any) => r[store.col('key')]));
    const targets = await plugin().service('targets').open();
    const expected: string[] = [];
    const now = plugin().service('clock').now();
    for (const g of targets)
      for (const p of await plugin().service('group-plan').plan(g, now, new Date(window.to)))
        if (p.sendAt && new Date(p.sendAt.utc) < new Date(window.to) && !rows.has(p.key))
          expected.push(`${g.slug} ${p.key} ${p.sendAt.utc}`);
    expect(listed.map((p: any) => `${p.group} ${p.key} ${p.dueAt}`).sort()).toEqual(expected.sort());
    expect(new Set(listed.map((p: any) => p.key)).size).toBe(listed.length);
  });

  it("the planner's rows, planned once per set of groups with the same inputs, are each group's own plan", async () => {
    // Re-planned now; the oracle: every group planned on its own over the planner's window.
    setNow(app.strapi, '2027-02-28T12:00:00Z');
    await plugin().service('planner').planAll({ force: true });
    const store = plugin().service('delivery-store');
    const now = plugin().service('clock').now();
    // After now: what the round planned (before it, catch-up decides).
    const rows = (await store.knex()(store.table()).select(store.col('key'), store.col('groupSlug'), store.col('dueAt')))
      .filter((r: any) => new Date(typeof r[store.col('dueAt')] === 'string' ? r[store.col('dueAt')] : Number(r[store.col('dueAt')])) > now)
      .map((r: any) => `${r[store.col('groupSlug')]} ${r[store.col('key')]}`);
    const to = new Date(now.getTime() + 24 * 3_600_000);
    const expected: string[] = [];
    for (const g of await plugin().service('targets').open())
      for (const p of await plugin().service('group-plan').plan(g, now, to))
        if (p.sendAt && new Date(p.sendAt.utc) > now) expected.push(`${g.slug} ${p.key}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(rows)).toEqual(new Set(expected));
  });

  it('filters by status, source, group and tag as the list does', async () => {
    for (const extra of [
      { status: 'failed' },
      { status: 'upcoming' },
      { status: 'planned,sent' },
      { groups: 'g-001,g-002' },
      { tag: 'all' },
    ]) {
      const posts = (await get('/scheduler/calendar', { ...window, ...extra })).body.data;
      const entries = (await get('/scheduler/calendar/entries', { ...window, ...extra })).body.data;
      expect(entries.reduce((n: number, e: any) => n + e.count, 0)).toBe(posts.length);
    }
    const failed = (await get('/scheduler/calendar/entries', { ...window, status: 'failed' })).body.data;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ count: 2, byStatus: { failed: 2 } });
  });

  it('reads with the same number of queries for 9 groups and for 27', async () => {
    const queries = async () => {
      let n = 0;
      const count = (q: any) => {
        n++;
        if (process.env.SHOW_QUERIES) process.stdout.write(`${q.sql}\n`);
      };
      const knex = plugin().service('delivery-store').knex();
      knex.on('query', count);
      try {
        const res = await get('/scheduler/calendar/entries', window);
        expect(res.status).toBe(200);
      } finally {
        knex.removeListener('query', count);
      }
      return n;
    };
    // The fewest of three reads: a background job of the app may query during one of them.
    const fewest = async () => Math.min(await queries(), await queries(), await queries());
    const before = await fewest();
    await addGroups(18);
    const after = await fewest();
    expect(after).toBe(before);
    const entries = (await get('/scheduler/calendar/entries', window)).body.data;
    const upcomingMorning = entries.find((e: any) => e.origin.id === morning.documentId && e.date === '2027-03-03');
    expect(upcomingMorning).toMatchObject({ count: 27, byStatus: { upcoming: 27 } });
    expect(evening).toBeDefined();
  });

  it('refuses a bad zone, origin or instant list with a 400 naming the field', async () => {
    for (const [query, field] of [
      [{ zone: 'Mars/Olympus' }, 'zone'],
      [{ origin: 'schedule' }, 'origin'],
      [{ at: 'tomorrow' }, 'at'],
    ] as const) {
      const res = await get('/scheduler/calendar/entries', { ...window, ...query });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(field));
    }
  });
});
