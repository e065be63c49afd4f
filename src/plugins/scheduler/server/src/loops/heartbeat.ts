import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { HEARTBEAT_GAP_MS, HEARTBEAT_INTERVAL_MS, HEARTBEAT_LEASE } from '../constants';
import { decideCatchUp, type CatchUpRow } from '../planning/catch-up';
import { getService } from '../utils/get-service';

export interface BeatResult {
  skipped: number;
  revived: number;
  gapSince: Date | null;
}

/** What a beat did on every round but the first after a gap: nothing. */
const none = (): BeatResult => ({ skipped: 0, revived: 0, gapSince: null });

/**
 * The cluster's heartbeat, and the gap detector behind catch-up. Every planner and
 * dispatcher round of every instance renews one row (a lease in scheduler_leases); when a
 * round finds it older than HEARTBEAT_GAP_MS, no scheduler ran in between. Planned rows
 * that fell due inside that gap and are now later than their grace follow their
 * schedule's catchUp policy (planning/catch-up.ts), once, in the transaction that closes
 * the gap. Rows that wait for other reasons (held behind a failing post of their group,
 * rate-limited, a busy dispatcher) are not missed: a scheduler was running.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const leases = () => getService('leases', strapi);
  const store = () => getService('delivery-store', strapi);
  const me = () => getService('dispatcher', strapi).owner;
  let lastBeat = Number.NEGATIVE_INFINITY;
  /** The beat under way in this process: a round that comes meanwhile waits for it (it may be closing a gap). */
  let inFlight: Promise<BeatResult> | null = null;

  async function applyCatchUp(trx: Knex.Transaction, rows: CatchUpRow[], now: Date, downtime: string) {
    const decisions = decideCatchUp(rows, now);
    const skipped = decisions.filter((d) => d.action === 'skip');
    const kept = decisions.filter((d) => d.action === 'send').map((d) => d.id);
    const byReason = new Map<string, number[]>();
    for (const d of skipped) byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), d.id]);
    for (const [reason, ids] of byReason) await store().skipPlanned(trx, ids, `${reason} (${downtime})`, now);
    await store().duePlannedNow(trx, kept, `sent late after downtime (catchUp; ${downtime})`, now);
    return { skipped: skipped.length, revived: kept.length };
  }

  return {
    /**
     * Renews the heartbeat at `now`; after a gap, applies catchUp to the rows that fell due
     * in it. Returns what it did (zeros on every round but the first after a gap).
     */
    async beat(now: Date): Promise<BeatResult> {
      // A dispatch round must not claim rows that the beat under way is about to skip.
      if (inFlight) return inFlight.then(none);
      // Rounds come every second or faster: one write every few seconds is enough (and keeps
      // SQLite's write lock free for others), far inside the gap that means downtime.
      if (Math.abs(now.getTime() - lastBeat) < HEARTBEAT_INTERVAL_MS / 2) return none();
      lastBeat = now.getTime();
      inFlight = renewOrCloseGap(now).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },

    /** When the heartbeat was last renewed (any instance), or null before the first round. */
    lastBeat: () => leases().lastRenewal(HEARTBEAT_LEASE),
  };

  async function renewOrCloseGap(now: Date): Promise<BeatResult> {
    if (await leases().renewIfFresh(HEARTBEAT_LEASE, me(), now, new Date(now.getTime() - HEARTBEAT_GAP_MS))) return none();

    return store()
      .knex()
      .transaction(async (trx) => {
        const { existed, last } = await leases().lockAndRenew(trx, HEARTBEAT_LEASE, me(), now);
        // The first round ever: nothing ran before, so nothing was missed.
        if (!existed) return none();
        if (last && last.getTime() >= now.getTime() - HEARTBEAT_GAP_MS) return none();
        const since = last ?? new Date(0);
        const rows = await store().plannedDueBetween(trx, since, now);
        const downtime = `no scheduler ran from ${since.toISOString()} to ${now.toISOString()}`;
        const done = await applyCatchUp(trx, rows, now, downtime);
        if (done.skipped || done.revived)
          strapi.log.info(`[scheduler] ${downtime}: ${done.skipped} missed posts skipped, ${done.revived} sent late (catchUp)`);
        return { ...done, gapSince: since };
      });
  }
};
