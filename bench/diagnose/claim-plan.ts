/**
 * npx tsx bench/diagnose/claim-plan.ts [groups=500] [rows=3000]
 *
 * Shows the dispatcher's claim on PostgreSQL right after a bulk insert (table statistics
 * not yet refreshed by autovacuum, as after any large planning batch or burst), and the
 * same after ANALYZE: one claim of batchSize rows, timed and counted, each of its
 * statements timed, and the plan PostgreSQL picks for the slowest one.
 * A fresh database on BENCH_PG_URL, dropped afterwards.
 */
import { startStrapi } from '../../tests/helpers/strapi';
import { freshDatabase } from '../lib/databases';
import { deliveryRows } from '../dispatch/rows';

async function main() {
  const G = Number(process.argv[2] ?? 500);
  const N = Number(process.argv[3] ?? 3000);
  delete process.env.TEST_DATABASE_URL;
  const db = await freshDatabase('postgres', 'claim');
  Object.assign(process.env, db.env);
  const app = await startStrapi({ env: { DATABASE_POOL_MAX: '10' } });
  try {
    const strapi = app.strapi;
    const batch = (strapi.config.get('plugin::scheduler') as any).batchSize;
    const docs = strapi.documents('api::group.group' as any) as any;
    for (let i = 0; i < G; i++)
      await docs.create({
        data: {
          name: `g${i}`,
          slug: `g-${i}`,
          platform: 'webhook',
          endpoint: `http://127.0.0.1:9/hook/${i}`,
          secret: 'whsec_aGVsbG8=',
          timezone: 'UTC',
          locale: 'en',
          stage: 'growth',
        },
      });
    const groups = await strapi.db.query('api::group.group').findMany({ select: ['id', 'slug', 'timezone'], limit: G });
    const store = strapi.plugin('scheduler').service('delivery-store');
    const claims = strapi.plugin('scheduler').service('claims');
    const knex = store.knex();
    // Every statement of a claim, timed (knex's query / query-response events).
    const running = new Map<string, { sql: string; bindings: unknown[]; t: number }>();
    let statements: { sql: string; bindings: unknown[]; ms: number }[] = [];
    knex.on('query', (q: any) => running.set(q.__knexQueryUid, { sql: q.sql, bindings: q.bindings ?? [], t: Date.now() }));
    knex.on('query-response', (_r: unknown, q: any) => {
      const r = running.get(q.__knexQueryUid);
      if (r) statements.push({ sql: r.sql, bindings: r.bindings, ms: Date.now() - r.t });
    });
    for (const round of ['right after the insert (statistics not refreshed)', 'after ANALYZE']) {
      await knex(store.table()).del();
      const due = new Date(Date.now() - 1000);
      await store.insertNew(
        deliveryRows(`c:${round.length}:`, N, groups as any, () => due),
        500
      );
      if (round.startsWith('after')) await knex.raw(`analyze ${store.table()}`);
      statements = [];
      const t = Date.now();
      const rows = await claims.claim(batch, 'bench');
      const took = Date.now() - t;
      const claimStatements = statements.filter((q) => q.sql.includes(store.table()));
      const slowest = claimStatements.reduce((a, b) => (b.ms > a.ms ? b : a), claimStatements[0]);
      console.log(`\n${round}: ${N} due rows over ${G} groups; one claim of at most ${batch} took ${rows.length} rows in ${took} ms`);
      for (const q of claimStatements) console.log(`  ${String(q.ms).padStart(7)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 110)}…`);
      if (slowest && !/^\s*insert/i.test(slowest.sql)) {
        const bindings = slowest.bindings.map((v) => (v instanceof Date ? new Date() : v));
        const plan = await knex.raw(`explain ${slowest.sql.replace(/\$\d+/g, '?')}`, bindings);
        const lines = plan.rows.map((r: any) => r['QUERY PLAN'] as string).filter((l: string) => !/Filter:|Cond:/.test(l));
        console.log(`  plan of the slowest (now, with the rows claimed):\n${lines.map((l: string) => `    ${l}`).join('\n')}`);
      }
      await knex(store.table()).update({ [store.col('status')]: 'sent' });
    }
  } finally {
    await app.stop();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  }
);
