import type { Core } from '@strapi/strapi';
import { PLANNER_LEASE, PLUGIN_ID, RETENTION_MARKER } from '../constants';
import type { SchedulerConfig } from '../config';
import { dayKey, dayTotals, mergeTotals, retentionCutoff } from '../history/retention';
import { getService } from '../utils/get-service';

/** At least this often (and, since the marker is in the database, not more often cluster-wide). */
export const RETENTION_EVERY_MS = 3_600_000;
/** Rows per batch: one transaction each, summaries first, then the delete. */
export const RETENTION_BATCH = 500;
/** A run stops after this long and the next check goes on, so a large backlog never holds a loop for long. */
const RUN_BUDGET_MS = 30_000;

export interface RetentionResult {
  cutoff: string;
  deleted: number;
  days: number;
  batches: number;
  /** False when the run stopped early (budget, or the planner lease was lost): more may be left. */
  complete: boolean;
}

/**
 * Bounded history: finished delivery rows (sent, dead, cancelled, skipped, missed) older than
 * `retentionDays` are summarized per group and local day (delivery-day) and deleted, in
 * batches, by the instance holding the planner lease. Unfinished rows are never touched,
 * nor rows the planner could still plan (history/retention.ts: retentionCutoff).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const clock = () => getService('clock', strapi);
  const leases = () => getService('leases', strapi);
  const me = () => getService('dispatcher', strapi).owner;

  async function holdsPlannerLease(): Promise<boolean> {
    const lease = await leases().holder(PLANNER_LEASE);
    return Boolean(lease?.current && lease.owner === me());
  }

  /** One batch in one transaction: the summaries of the rows, then exactly those rows deleted. */
  async function pruneBatch(cutoff: Date, batchSize: number, now: Date): Promise<{ deleted: number; days: number }> {
    const store = getService('delivery-store', strapi);
    const days = getService('delivery-days', strapi);
    return store.knex().transaction(async (trx) => {
      const rows = await store.finishedBefore(trx, cutoff, batchSize);
      if (!rows.length) return { deleted: 0, days: 0 };
      const totals = [...dayTotals(rows).values()];
      await days.ensure(trx, totals, now);
      const stored = await days.lock(trx, totals);
      for (const t of totals) {
        const row = stored.get(dayKey(t.groupId, t.day));
        if (!row) throw new Error(`the summary of group ${t.groupId} on ${t.day} is missing`);
        await days.save(trx, row.id, mergeTotals(row, t), now);
      }
      const deleted = await store.deleteFinished(
        trx,
        rows.map((r) => r.id)
      );
      // Locked rows (PostgreSQL) cannot change; on SQLite an operator's retry in between can,
      // and counts without their rows would be wrong: undo the batch, the next run redoes it.
      if (deleted !== rows.length) throw new Error(`retention: ${rows.length} rows summarized but ${deleted} deleted`);
      return { deleted, days: totals.length };
    });
  }

  return {
    holdsPlannerLease,

    /**
     * Prunes now, whatever the marker says, while this instance holds the planner lease
     * (checked before every batch): nothing at all on an instance that does not.
     */
    async prune(opts: { now?: Date; batchSize?: number; budgetMs?: number } = {}): Promise<RetentionResult> {
      const now = opts.now ?? clock().now();
      const cutoff = retentionCutoff(now, config().retentionDays);
      const batchSize = opts.batchSize ?? RETENTION_BATCH;
      const deadline = Date.now() + (opts.budgetMs ?? RUN_BUDGET_MS);
      const result: RetentionResult = { cutoff: cutoff.toISOString(), deleted: 0, days: 0, batches: 0, complete: false };
      while (Date.now() < deadline && (await holdsPlannerLease())) {
        const batch = await pruneBatch(cutoff, batchSize, now);
        result.deleted += batch.deleted;
        result.days += batch.days;
        if (batch.deleted) result.batches += 1;
        if (batch.deleted < batchSize) {
          result.complete = true;
          break;
        }
      }
      if (result.deleted)
        strapi.log.info(
          `[scheduler] retention: deleted ${result.deleted} finished rows due before ${result.cutoff} in ${result.batches} batches, ${result.days} daily summaries updated${result.complete ? '' : ' (more left)'}`
        );
      return result;
    },

    /**
     * The loop's entry: prunes when this instance holds the planner lease and the last run
     * (cluster-wide, a marker in the leases table) is an hour old. A run that stopped early
     * clears the marker, so the next check goes on with the backlog. Null when not due.
     */
    async runIfDue(now: Date = clock().now()): Promise<RetentionResult | null> {
      if (!(await holdsPlannerLease())) return null;
      if (!(await leases().claimRun(RETENTION_MARKER, me(), now, RETENTION_EVERY_MS))) return null;
      const result = await this.prune({ now });
      if (!result.complete) await leases().release(RETENTION_MARKER);
      return result;
    },
  };
};
