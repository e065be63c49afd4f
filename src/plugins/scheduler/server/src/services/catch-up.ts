import type { Core } from '@strapi/strapi';
import { HEARTBEAT_GAP_MS, HEARTBEAT_INTERVAL_MS, HEARTBEAT_LEASE, LEASE_UID } from '../constants';
import { decideCatchUp, type CatchUpRow } from '../planning/catch-up';
import { getService } from '../utils/get-service';
import { isPostgres } from '../utils/dialect';
import { newDocumentId, rawTable } from '../utils/raw-table';

/** Rows are updated in chunks, so an IN list stays under SQLite's parameter limit. */
const CHUNK = 500;

/**
 * Posts missed while no scheduler ran. Every planner and dispatcher round of every instance
 * renews the cluster's heartbeat (a row in scheduler_leases); when a round finds it older
 * than HEARTBEAT_GAP_MS, nothing ran in between. Planned rows that fell due inside that gap
 * and are now later than their grace follow their schedule's catchUp policy, once, in the
 * transaction that closes the gap. Rows that wait for other reasons (held behind a failing
 * post of their group, paced, a busy dispatcher) are not missed: a scheduler was running.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const leases = rawTable(strapi, LEASE_UID);
  const me = () => getService('dispatcher', strapi).owner as string;
  let lastBeat = Number.NEGATIVE_INFINITY;

  async function apply(trx: any, rows: CatchUpRow[], now: Date, downtime: string) {
    const s = getService('delivery-store', strapi);
    const decisions = decideCatchUp(rows, now);
    const skipped = decisions.filter((d) => d.action === 'skip');
    const kept = decisions.filter((d) => d.action === 'send').map((d) => d.id);
    const byReason = new Map<string, number[]>();
    for (const d of skipped) byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), d.id]);
    for (const [reason, ids] of byReason) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await trx(s.table())
          .whereIn('id', ids.slice(i, i + CHUNK))
          .where(s.col('status'), 'planned')
          .update({ [s.col('status')]: 'skipped', [s.col('reason')]: `${reason} (${downtime})`, [s.col('updatedAt')]: now });
      }
    }
    // Kept rows are due now; their grace no longer applies.
    for (let i = 0; i < kept.length; i += CHUNK) {
      await trx(s.table())
        .whereIn('id', kept.slice(i, i + CHUNK))
        .where(s.col('status'), 'planned')
        .update({
          [s.col('dueAt')]: now,
          [s.col('graceSeconds')]: 31_536_000,
          [s.col('reason')]: `sent late after downtime (catchUp; ${downtime})`,
          [s.col('updatedAt')]: now,
        });
    }
    return { skipped: skipped.length, revived: kept.length };
  }

  return {
    /**
     * Renews the heartbeat at `now`; after a gap, applies catchUp to the rows that fell due
     * in it. Returns what it did (zeros on every round but the first after a gap).
     */
    async beat(now: Date): Promise<{ skipped: number; revived: number; gapSince: Date | null }> {
      const { col, table, knex } = leases;
      const none = { skipped: 0, revived: 0, gapSince: null };
      // Rounds come every second or faster: one write every few seconds is enough (and keeps
      // SQLite's write lock free for others), far inside the gap that means downtime.
      if (Math.abs(now.getTime() - lastBeat) < HEARTBEAT_INTERVAL_MS / 2) return none;
      lastBeat = now.getTime();
      const renew = { [col('owner')]: me(), [col('expiresAt')]: now, [col('updatedAt')]: now };
      const fresh = await knex()(table())
        .where(col('name'), HEARTBEAT_LEASE)
        .where(col('expiresAt'), '>=', new Date(now.getTime() - HEARTBEAT_GAP_MS))
        .update(renew);
      if (fresh > 0) return none;

      return knex().transaction(async (trx: any) => {
        // Lock first (a row lock on PostgreSQL, SQLite's write lock by writing), then read:
        // of two instances starting together, one closes the gap and the other sees it closed.
        let row;
        if (isPostgres(strapi)) row = await trx(table()).where(col('name'), HEARTBEAT_LEASE).forUpdate().first();
        else {
          await trx(table())
            .where(col('name'), HEARTBEAT_LEASE)
            .update({ [col('updatedAt')]: now });
          row = await trx(table()).where(col('name'), HEARTBEAT_LEASE).first();
        }
        if (!row) {
          // The first round ever: nothing ran before, so nothing was missed.
          await trx(table())
            .insert({ [col('documentId')]: newDocumentId(), [col('name')]: HEARTBEAT_LEASE, ...renew, [col('createdAt')]: now })
            .onConflict(col('name'))
            .ignore();
          return none;
        }
        const last = row[col('expiresAt')] ? new Date(row[col('expiresAt')]) : null;
        await trx(table()).where(col('name'), HEARTBEAT_LEASE).update(renew);
        if (last && last.getTime() >= now.getTime() - HEARTBEAT_GAP_MS) return none;
        const since = last ?? new Date(0);
        const s = getService('delivery-store', strapi);
        const rows = await trx(s.table())
          .select(
            'id',
            `${s.col('dueAt')} as dueAt`,
            `${s.col('graceSeconds')} as grace`,
            `${s.col('catchUp')} as catchUp`,
            `${s.col('originId')} as originId`,
            `${s.col('groupId')} as groupId`
          )
          .where(s.col('status'), 'planned')
          .where(s.col('dueAt'), '>', since)
          .where(s.col('dueAt'), '<=', now);
        const downtime = `no scheduler ran from ${since.toISOString()} to ${now.toISOString()}`;
        const done = await apply(
          trx,
          rows.map((r: any) => ({
            id: r.id,
            dueAt: new Date(r.dueAt),
            graceSeconds: r.grace,
            catchUp: r.catchUp,
            origin: `${r.originId}|${r.groupId}`,
          })),
          now,
          downtime
        );
        if (done.skipped || done.revived)
          strapi.log.info(`[scheduler] ${downtime}: ${done.skipped} missed posts skipped, ${done.revived} sent late (catchUp)`);
        return { ...done, gapSince: since };
      });
    },

    /** When the heartbeat was last renewed (any instance), or null before the first round. */
    async lastBeat(): Promise<Date | null> {
      const { col, table, knex } = leases;
      const row = await knex()(table()).where(col('name'), HEARTBEAT_LEASE).first();
      return row?.[col('expiresAt')] ? new Date(row[col('expiresAt')]) : null;
    },
  };
};
