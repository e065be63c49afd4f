/**
 * History does not slow the present (issue 19): with a long history of finished rows in
 * the delivery table, the statements of the present — a dispatcher's claim, the delivery
 * log's first and next page, health, the calendar's week, the homepage widgets — read by
 * index, never the whole table. The real code runs on PostgreSQL; every statement it sends
 * to the delivery table is captured and EXPLAINed, and no plan may scan the table
 * sequentially. Times live in `npm run bench:scale`, not here.
 *
 * PostgreSQL only (TEST_DATABASE_URL): SQLite's planner is not what production runs.
 */
import crypto from 'crypto';
import request from 'supertest';
import { createApiToken, startStrapi, usingPostgres, type TestApp } from './helpers/strapi';
import { setNow } from './helpers/scheduler-clock';

const describePg = usingPostgres() ? describe : describe.skip;
jest.setTimeout(10 * 60_000);

/** Finished rows of the past two years, inserted by the database itself. */
const HISTORY = 300_000;
const GROUPS = 50;

describePg('a delivery table with a long history', () => {
  let app: TestApp;
  let token: string;
  let jwt: string;
  const plugin = () => app.strapi.plugin('scheduler');
  const store = () => plugin().service('delivery-store');

  beforeAll(async () => {
    app = await startStrapi();
    token = await createApiToken(app.strapi, 'full-access');
    const res = await request(app.server)
      .post('/admin/register-admin')
      .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
    jwt = res.body.data.token;
    const docs = (uid: string) => app.strapi.documents(uid as any) as any;
    const tag = await docs('api::tag.tag').create({ data: { name: 'All', slug: 'all' } });
    for (let i = 0; i < GROUPS; i++)
      await docs('api::group.group').create({
        data: {
          name: `History ${i}`,
          slug: `history-${i}`,
          platform: 'webhook',
          endpoint: `http://127.0.0.1:9/hook/${i}`,
          secret: `whsec_${crypto.randomBytes(24).toString('base64')}`,
          timezone: 'Asia/Shanghai',
          locale: 'en',
          stage: 'growth',
          tags: [tag.documentId],
        },
      });
    await docs('plugin::scheduler.schedule').create({
      data: { name: 'Daily', rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', source: 'text', text: 'Hello {{group.name}}', tags: [tag.documentId] },
    });
    setNow(app.strapi, '2027-06-01T00:00:00Z');
    await plugin().service('planner').planAll({ force: true });

    // The history: finished rows (sent, dead, skipped, cancelled), due in the two years before.
    const c = (a: string) => store().col(a);
    const groups = await store().knex()('groups').select('id', 'slug').orderBy('id');
    await store()
      .knex()
      .raw(
        `INSERT INTO ${store().table()} (document_id, ${c('key')}, ${c('status')}, ${c('originKind')}, ${c('originId')}, ${c('groupId')}, ${c('groupSlug')},
           ${c('platform')}, ${c('timezone')}, ${c('source')}, ${c('scheduledFor')}, ${c('dueAt')}, ${c('attempts')}, ${c('partsSent')},
           ${c('rateLimitHits')}, ${c('sentAt')}, created_at, updated_at)
         SELECT 'h' || n, 'history:' || n, (ARRAY['sent','sent','sent','dead','skipped','cancelled'])[1 + n % 6], 'schedule', 'old',
           (?::int[])[1 + n % ?], (?::text[])[1 + n % ?], 'webhook', 'Asia/Shanghai', 'text', t, t, 1, 1, 0, t, t, t
         FROM generate_series(1, ?) AS n, LATERAL (SELECT TIMESTAMP '2027-06-01' - (n * INTERVAL '210 seconds') AS t) AS due`,
        [groups.map((g: any) => g.id), GROUPS, groups.map((g: any) => g.slug), GROUPS, HISTORY]
      );
    await store().knex().raw(`ANALYZE ${store().table()}`);
  });

  afterAll(async () => {
    await app?.stop();
  });

  /** Every statement on the delivery table while `run` runs, as SQL and bindings. */
  async function statements(run: () => Promise<unknown>): Promise<{ sql: string; bindings: unknown[] }[]> {
    const seen: { sql: string; bindings: unknown[] }[] = [];
    const listen = (q: { sql: string; bindings?: unknown[] }) => {
      if (q.sql.includes(store().table())) seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
    };
    const knex = store().knex();
    knex.on('query', listen);
    try {
      await run();
    } finally {
      knex.removeListener('query', listen);
    }
    return seen;
  }

  /** The scans of the delivery table in a statement's plan that read the whole table. */
  async function sequentialScans(s: { sql: string; bindings: unknown[] }): Promise<string[]> {
    if (!/^\s*(with|select|update|delete)/i.test(s.sql)) return [];
    // knex's PostgreSQL SQL numbers its placeholders ($1); raw() wants them as ?.
    const sql = s.sql.replace(/\$\d+/g, '?');
    const [plan] = (await store().knex().raw(`EXPLAIN (FORMAT JSON) ${sql}`, s.bindings)).rows[0]['QUERY PLAN'];
    const found: string[] = [];
    // A scan right under a Limit (nothing sorted or aggregated between) stops after that many
    // rows: bounded, however long the table (the log's capped count is one).
    const walk = (node: any, limited: boolean) => {
      if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === store().table() && !limited) found.push(node['Node Type']);
      const passes = node['Node Type'] === 'Limit' || (limited && ['Subquery Scan', 'Result'].includes(node['Node Type']));
      for (const child of node.Plans ?? []) walk(child, passes);
    };
    walk(plan.Plan, false);
    return found;
  }

  const paths: [string, () => Promise<unknown>][] = [
    ['a claim', () => plugin().service('claims').claim(10, 'history-test')],
    ['the delivery log, first page', () => request(app.server).get('/api/deliveries?limit=50').set('Authorization', `Bearer ${token}`)],
    [
      'a group’s log, first page',
      () => request(app.server).get('/api/deliveries?group=history-3&limit=50').set('Authorization', `Bearer ${token}`),
    ],
    ['health', () => request(app.server).get('/api/scheduler/health').set('Authorization', `Bearer ${token}`)],
    [
      'the calendar week',
      () =>
        request(app.server)
          .get('/scheduler/calendar/entries')
          .query({ from: '2027-06-01T00:00:00.000Z', to: '2027-06-08T00:00:00.000Z' })
          .set('Authorization', `Bearer ${jwt}`),
    ],
    ['the next-posts widget', () => request(app.server).get('/scheduler/widgets/next-posts').set('Authorization', `Bearer ${jwt}`)],
    ['the attention widget', () => request(app.server).get('/scheduler/widgets/attention').set('Authorization', `Bearer ${jwt}`)],
  ];

  /**
   * Rows a read takes from the delivery table, run for real (EXPLAIN ANALYZE): the rows
   * each scan of the table returned plus those its filter threw away. An index walked in
   * the wrong order reads the whole history without a sequential scan; this catches it.
   */
  async function rowsRead(s: { sql: string; bindings: unknown[] }): Promise<number> {
    const sql = s.sql.replace(/\$\d+/g, '?');
    const [plan] = (await store().knex().raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, s.bindings)).rows[0]['QUERY PLAN'];
    let read = 0;
    const walk = (node: any) => {
      if (node['Relation Name'] === store().table())
        read +=
          node['Actual Rows'] * node['Actual Loops'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan.Plan);
    return read;
  }

  it.each(paths)('%s reads the delivery table by index, a bounded number of rows', async (_name, run) => {
    const seen = await statements(run);
    expect(seen.length).toBeGreaterThan(0);
    const scanning = [];
    for (const s of seen) if ((await sequentialScans(s)).length) scanning.push(s.sql);
    expect(scanning).toEqual([]);
    // Reads (writes run once, above): at most the log's capped count and the present's
    // rows, far below the 300,000 of the history.
    const heavy = [];
    for (const s of seen.filter((x) => /^\s*select/i.test(x.sql))) {
      const read = await rowsRead(s);
      if (read > 20_000) heavy.push(`${read} rows: ${s.sql}`);
    }
    expect(heavy).toEqual([]);
  });

  it('the log pages by key: the next page starts after the last row of the one before, nothing skipped or repeated', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const first = await request(app.server).get('/api/deliveries?group=history-7&limit=500').set(auth);
    expect(first.status).toBe(200);
    const ids = first.body.data.map((d: any) => d.id);
    let next = first.body.meta.next;
    expect(typeof next).toBe('string');
    while (next) {
      const page = await request(app.server).get('/api/deliveries').query({ group: 'history-7', limit: 500, after: next }).set(auth);
      expect(page.status).toBe(200);
      ids.push(...page.body.data.map((d: any) => d.id));
      next = page.body.meta.next;
    }
    // The group's rows, counted by the database: each once, in due order.
    const count = await store().knex()(store().table()).where(store().col('groupSlug'), 'history-7').count({ n: '*' }).first();
    expect(ids).toHaveLength(Number(count.n));
    expect(new Set(ids).size).toBe(ids.length);
    const bad = await request(app.server).get('/api/deliveries?after=not-a-cursor').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/after/);
  });
});
