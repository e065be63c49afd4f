/**
 * Calendar entries in the admin (issue 19): how an entry of many groups reads, which
 * colour it takes, the post of a one-group entry, and the content line that marks it.
 * Pure (luxon only).
 */
import { DateTime } from 'luxon';
import type { CalendarEntry, CalendarPost } from '../types';
import type { ReadinessLine } from './readiness';

/** Statuses in the order an operator needs them: what went wrong first. */
const ATTENTION = ['dead', 'failed', 'sending', 'planned', 'upcoming', 'sent', 'missed', 'skipped', 'cancelled'];

/** The status that colours an entry: the most urgent one any of its posts has. */
export function entryStatus(entry: Pick<CalendarEntry, 'byStatus'>): string {
  return ATTENTION.find((s) => (entry.byStatus[s] ?? 0) > 0) ?? Object.keys(entry.byStatus)[0] ?? 'planned';
}

/** The counts worth a word beside the group count, most urgent first ("3 failed"). */
export function entryCounts(entry: Pick<CalendarEntry, 'byStatus'>): { status: string; count: number }[] {
  return ATTENTION.filter((s) => (entry.byStatus[s] ?? 0) > 0).map((status) => ({ status, count: entry.byStatus[status] }));
}

/** A one-group entry as the post it is (the calendar opens it directly). */
export function postOfEntry(entry: CalendarEntry): CalendarPost | null {
  if (!entry.post) return null;
  return {
    id: entry.post.id,
    status: entry.post.status,
    group: entry.post.group,
    groupName: entry.post.groupName,
    groupTimezone: entry.post.timezone,
    source: entry.source,
    title: entry.title,
    dueAt: entry.post.dueAt,
  };
}

/** The query of an entry's posts (GET /scheduler/calendar): its origin and due instants. */
export function expansionQuery(entry: CalendarEntry): Record<string, string> {
  return { origin: `${entry.origin.kind}:${entry.origin.id ?? ''}:${entry.origin.step ?? ''}`, at: entry.instants.join(',') };
}

/**
 * A content line (missing or draft) for an entry of many groups: same source, on the
 * groups' local date (the entry's own date when read in each group's zone; else the
 * dates its instants fall on in its zones). Lines are per content, not per group, so the
 * mark says the day's content is not ready for some of the groups; its posts, once
 * expanded, carry their own marks.
 */
export function lineOfEntry(
  entry: Pick<CalendarEntry, 'source' | 'date' | 'instants' | 'zones'>,
  lines: ReadinessLine[],
  zoneMode: 'group' | 'viewer'
): ReadinessLine | null {
  const dates = new Set<string>(zoneMode === 'group' ? [entry.date] : []);
  if (zoneMode === 'viewer')
    for (const at of entry.instants)
      for (const zone of entry.zones) dates.add(DateTime.fromISO(at, { zone: 'utc' }).setZone(zone).toISODate() as string);
  return lines.find((l) => l.source === entry.source && dates.has(l.date)) ?? null;
}
