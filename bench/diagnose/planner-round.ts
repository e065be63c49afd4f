/**
 * npx tsx bench/diagnose/planner-round.ts [sqlite|postgres] [groups=500]
 *
 * How long one planner round (`planner.planAll()`) takes, and how many SQL statements it
 * runs, for N webhook groups with no schedule and no playbook at all: the planner's fixed
 * cost per group, paid every SCHEDULER_PLANNER_INTERVAL_MS (5 s) by the planner-lease holder.
 */
import { startStrapi } from '../../tests/helpers/strapi';
import { freshDatabase, type DbKind } from '../lib/databases';

async function main() {
  const kind = (process.argv[2] ?? 'postgres') as DbKind;
  const G = Number(process.argv[3] ?? 500);
  delete process.env.TEST_DATABASE_URL;
  const db = await freshDatabase(kind, 'planner');
  Object.assign(process.env, db.env);
  const app = await startStrapi({ env: { DATABASE_POOL_MAX: '10' } });
  try {
    const strapi = app.strapi;
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
    let statements = 0;
    strapi.db.connection.on('query', () => statements++);
    const planner = strapi.plugin('scheduler').service('planner');
    for (let round = 1; round <= 3; round++) {
      statements = 0;
      const t = Date.now();
      await planner.planAll();
      console.log(`${kind}, ${G} groups, no schedules: planner round ${round} took ${Date.now() - t} ms and ${statements} statements`);
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
