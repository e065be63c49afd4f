import type { Core } from '@strapi/strapi';
import { PACING_SLOT_UID } from '../constants';
import { isPostgres } from './dialect';
import { newDocumentId, rawTable, type DbRow } from './raw-table';
import { MINUTE_MS as MINUTE, paceWait, type PaceLimit } from '../delivery/pacing';

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
 * transaction-scoped advisory lock on the target does the same. Over the limit (the minute's,
 * or the second's where the platform has one: delivery/pacing.ts), the slot is rolled back
 * and the caller learns how long to wait.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { col, table, knex } = rawTable(strapi, PACING_SLOT_UID);
  let lastSweep = 0;

  return {
    /** 0 when a send to `target` may go now (the slot is taken), else milliseconds to wait. */
    async reserve(target: string, pace: PaceLimit, now: Date): Promise<number> {
      const { perMinute } = pace;
      const since = new Date(now.getTime() - MINUTE);
      const mine = newDocumentId();
      try {
        await knex().transaction(async (trx) => {
          if (isPostgres(strapi)) await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`scheduler-pacing:${target}`]);
          await trx(table()).insert({
            [col('documentId')]: mine,
            [col('target')]: target,
            [col('at')]: now,
            [col('createdAt')]: now,
            [col('updatedAt')]: now,
          });
          // The newest `perMinute` others hold every send of the last second too (perSecond ≤ perMinute).
          const others = (
            (await trx(table())
              .select(col('documentId'), col('at'))
              .where(col('target'), target)
              .where(col('at'), '>', since)
              .whereNot(col('documentId'), mine)
              .orderBy(col('at'), 'desc')
              .limit(perMinute)) as DbRow[]
          ).map((r) => new Date(r[col('at')] as string).getTime());
          const wait = paceWait(others, now.getTime(), pace);
          if (wait > 0) throw new OverLimit(wait);
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
