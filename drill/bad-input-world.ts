/**
 * The bad-input drill's world: one instance serving HTTP on the drill's PostgreSQL, a
 * full-access API token, some content to aim at, and row counts of every table read
 * straight from the database (to prove no malformed request wrote anything).
 */
import { badInputDrill } from './bad-input';
import { makeWorld, type DrillResult } from './lib/world';
import { profile } from './lib/profile';

export async function badInputWorld(pgUrl: string, log: (s: string) => void): Promise<DrillResult> {
  const w = await makeWorld({ pgUrl, groups: 3, prefix: 'input', http: true, env: { SCHEDULER_WORKER: 'false' } });
  try {
    await w.docs('plugin::scheduler.schedule').create({
      data: {
        name: 'input daily',
        rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
        timezone: 'UTC',
        source: 'text',
        text: 'Hello {{group.name}}',
        groups: w.groups.map((g) => g.documentId),
      },
    });
    const token = await w.token();
    const [instance] = await w.cluster.start(1);
    const knex = w.setup.strapi.db.connection;
    const schema = process.env.DATABASE_SCHEMA ?? 'public';
    const rowCounts = async () => {
      const tables = (
        await knex('information_schema.tables').select('table_name').where({ table_schema: schema, table_type: 'BASE TABLE' })
      ).map((r: any) => r.table_name as string);
      const out: Record<string, number> = {};
      for (const t of tables.sort()) out[t] = Number((await knex(t).count({ n: '*' }).first())!.n);
      return out;
    };
    return await badInputDrill({
      url: instance.url!,
      token,
      pid: instance.pid,
      retainedMb: instance.retainedMb,
      rowCounts,
      log,
      // The full drill: up to 30 rounds more while RSS reads high; DRILL_PROFILE=ci: none (RSS does not decide).
      options: { extraRounds: profile.input.extraRounds },
    });
  } finally {
    await w.close();
  }
}
