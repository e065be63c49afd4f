import type { Core } from '@strapi/strapi';
import { PACING_SLOT_UID } from '../constants';
import { isPostgres } from './dialect';
import { newDocumentId, rawTable, type DbRow } from './raw-table';

const MINUTE = 60_000;

class OverLimit extends Error {
  constructor(readonly waitMs: number) {
    super('over the rate limit');
  }
}

/**
 * A platform's rate limit per target (robot, chat, receiver URL) across every instance: a
 * sliding log of sends in the database. A reservation writes its slot first and then counts
 * the last minute, inside one transaction: on SQLite the first write takes the database's
 * write lock, so reservations from all processes queue up; on PostgreSQL a
 * transaction-scoped advisory lock on the target does the same. Over the limit, the slot is
 * rolled back and the caller learns how long to wait.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { col, table, knex } = rawTable(strapi, PACING_SLOT_UID);
  let lastSweep = 0;

  return {
    /** 0 when a send to `target` may go now (the slot is taken), else milliseconds to wait. */
    async reserve(target: string, perMinute: number, now: Date): Promise<number> {
      const since = new Date(now.getTime() - MINUTE);
      try {
        await knex().transaction(async (trx) => {
          if (isPostgres(strapi)) await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`scheduler-pacing:${target}`]);
          await trx(table()).insert({
            [col('documentId')]: newDocumentId(),
            [col('target')]: target,
            [col('at')]: now,
            [col('createdAt')]: now,
            [col('updatedAt')]: now,
          });
          const recent = (await trx(table())
            .select(col('at'))
            .where(col('target'), target)
            .where(col('at'), '>', since)
            .orderBy(col('at'), 'desc')
            .limit(perMinute + 1)) as DbRow[];
          if (recent.length > perMinute) {
            // The send that frees a place: the oldest of the last `perMinute` others.
            const others = recent.slice(1, perMinute + 1).map((r) => new Date(r[col('at')] as string).getTime());
            throw new OverLimit(Math.max(1, Math.min(...others) + MINUTE - now.getTime()));
          }
        });
      } catch (err) {
        if (err instanceof OverLimit) return err.waitMs;
        throw err;
      }
      if (now.getTime() - lastSweep > MINUTE) {
        lastSweep = now.getTime();
        await knex()(table())
          .where(col('at'), '<', new Date(now.getTime() - 2 * MINUTE))
          .del();
      }
      return 0;
    },
  };
};
