/**
 * What the retention job may delete and how deleted rows are summarized per group and
 * day. Pure: no Strapi imports.
 */
import { DateTime } from 'luxon';
import type { DeliveryStatus } from '../constants';
import { PLANNER_LOOKBACK_MS } from '../constants';
import { addLateness, latenessSeconds, mergeHistograms, percentile, type LatenessHistogram } from './lateness';

/** Final states: nothing changes them except an operator's retry, which the prune guards against. */
export const FINISHED = ['sent', 'dead', 'cancelled', 'skipped', 'missed'] as const satisfies readonly DeliveryStatus[];
export type FinishedStatus = (typeof FINISHED)[number];

const DAY_MS = 86_400_000;
/**
 * Beyond the planner's look-back: a quiet-hours deferral (under a day) or the hourly cap
 * can put a row's due time after its occurrence, and the planner plans by occurrence, so
 * two days on top of the look-back keep every row it could still produce.
 */
export const CUTOFF_MARGIN_MS = 2 * DAY_MS;

/**
 * Rows whose due time and occurrence are both before this instant may be deleted. Never
 * newer than the planner's look-back plus the margin, whatever `retentionDays` says (0, a
 * negative number or NaN included): the planner plans [now − look-back, now + horizon] and
 * only a row's existing key stops it from planning that post again, so a deleted row it
 * could still plan would be sent twice.
 */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  const floor = now.getTime() - PLANNER_LOOKBACK_MS - CUTOFF_MARGIN_MS;
  const wanted = Number.isFinite(retentionDays) ? now.getTime() - retentionDays * DAY_MS : floor;
  return new Date(Math.min(wanted, floor));
}

/**
 * The calendar day (YYYY-MM-DD) of a post's occurrence in its row's zone (the group's zone
 * when it was planned, kept on the row: no join), or in UTC when the row has none or an
 * unknown one.
 */
export function localDay(at: Date, zone: string | null): string {
  const local = DateTime.fromJSDate(at, { zone: zone || 'UTC' });
  return (local.isValid ? local : DateTime.fromJSDate(at, { zone: 'UTC' })).toISODate() as string;
}

/** A pruned row, the fields the summary needs. */
export interface PrunedRow {
  groupId: number;
  groupSlug: string;
  status: FinishedStatus;
  timezone: string | null;
  scheduledFor: Date;
  sentAt: Date | null;
}

/** One group's day: counts per final status and the lateness of its sent posts. */
export interface DayTotals {
  groupId: number;
  groupSlug: string;
  day: string;
  timezone: string;
  counts: Record<FinishedStatus, number>;
  lateness: LatenessHistogram;
  /** Exact, in seconds; null without sent posts. */
  lateMax: number | null;
}

export const emptyCounts = (): Record<FinishedStatus, number> => ({ sent: 0, dead: 0, cancelled: 0, skipped: 0, missed: 0 });

export const dayKey = (groupId: number, day: string) => `${groupId}|${day}`;

/** Rows → per (group, day) totals. A sent row without sentAt counts as sent, without a lateness. */
export function dayTotals(rows: PrunedRow[]): Map<string, DayTotals> {
  const out = new Map<string, DayTotals>();
  for (const r of rows) {
    const day = localDay(r.scheduledFor, r.timezone);
    const key = dayKey(r.groupId, day);
    let t = out.get(key);
    if (!t) {
      t = {
        groupId: r.groupId,
        groupSlug: r.groupSlug,
        day,
        timezone: r.timezone || 'UTC',
        counts: emptyCounts(),
        lateness: {},
        lateMax: null,
      };
      out.set(key, t);
    }
    t.counts[r.status] += 1;
    if (r.status === 'sent' && r.sentAt) {
      const s = latenessSeconds(r.scheduledFor, r.sentAt);
      t.lateness = addLateness(t.lateness, s);
      t.lateMax = Math.max(t.lateMax ?? 0, s);
    }
  }
  return out;
}

/** Adds new totals to a stored day: counts add up, histograms merge, the maximum is the larger one. */
export function mergeTotals(stored: DayTotals, more: DayTotals): DayTotals {
  const counts = emptyCounts();
  for (const s of FINISHED) counts[s] = stored.counts[s] + more.counts[s];
  const lateMax = stored.lateMax === null ? more.lateMax : more.lateMax === null ? stored.lateMax : Math.max(stored.lateMax, more.lateMax);
  return { ...stored, groupSlug: more.groupSlug, counts, lateness: mergeHistograms(stored.lateness, more.lateness), lateMax };
}

/** The percentiles a summary row shows, derived from its histogram. */
export function latenessPercentiles(t: Pick<DayTotals, 'lateness'>): { p50: number | null; p95: number | null } {
  return { p50: percentile(t.lateness, 50), p95: percentile(t.lateness, 95) };
}
