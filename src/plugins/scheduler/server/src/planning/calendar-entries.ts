/**
 * The calendar at scale: posts of one origin (a schedule, a playbook step) due at one
 * local time across many groups are one entry ("08:00 · Morning report · 640 groups ·
 * 3 failed"), with the counts per status; the entry expands to its posts.
 *
 * Pure: the storage layer counts the rows per (origin, source, title, zone, due instant,
 * status) in one query, the upcoming posts beyond the planner's horizon come in as counts
 * of one, and this groups them. The input's size follows the origins and zones, never the
 * number of groups.
 */
import { DateTime } from 'luxon';

/** Posts of one origin, zone, due instant and status: one row of the count query, or one upcoming post. */
export interface PostCount {
  originKind: string;
  originId: string | null;
  originStep: number | null;
  source: string;
  title: string | null;
  /** The groups' zone (the row's), in which "one local time" is read. */
  timezone: string;
  /** When they are due (ISO instant). */
  dueAt: string;
  status: string;
  n: number;
  /** One of the posts: its delivery's documentId (null when upcoming) and group. */
  sample: { id: string | null; group: string };
}

export interface CalendarEntry {
  /** Stable within a window and zone mode: the expansion asks for it. */
  key: string;
  origin: { kind: string; id: string | null; step: number | null };
  source: string;
  title: string | null;
  /** The local date and time the posts share, in the zone mode's zone. */
  date: string;
  time: string;
  /** The earliest due instant (ISO), for ordering. */
  dueAt: string;
  /** Every due instant of the entry (one per zone in the group mode): the expansion's filter. */
  instants: string[];
  /** Zones of the groups in it (sorted). */
  zones: string[];
  /** Posts in it: one per group. */
  count: number;
  byStatus: Record<string, number>;
  /** The post itself when the entry has one, so the calendar opens it directly. */
  post: { id: string | null; group: string; status: string; dueAt: string; timezone: string } | null;
}

/**
 * `zone`: "group" reads each post's time in its group's zone (08:00 in Berlin and 08:00 in
 * Shanghai are one entry); an IANA zone reads every post in that zone (the viewer's), so
 * one entry is one instant.
 */
export type ZoneMode = 'group' | string;

const originKey = (c: Pick<PostCount, 'originKind' | 'originId' | 'originStep'>) =>
  `${c.originKind}:${c.originId ?? ''}:${c.originStep ?? ''}`;

/** The entry a post falls in: its origin and source, at its local wall time (group mode) or instant. */
export function entryKey(c: Pick<PostCount, 'originKind' | 'originId' | 'originStep' | 'source' | 'timezone' | 'dueAt'>, zone: ZoneMode) {
  const local = DateTime.fromISO(c.dueAt, { zone: 'utc' }).setZone(zone === 'group' ? c.timezone : zone);
  const when = zone === 'group' ? (local.toFormat("yyyy-MM-dd'T'HH:mm") as string) : new Date(c.dueAt).toISOString();
  return `${originKey(c)}|${c.source}|${when}`;
}

export function groupEntries(counts: PostCount[], zone: ZoneMode): CalendarEntry[] {
  const byKey = new Map<string, CalendarEntry>();
  for (const c of counts) {
    if (c.n <= 0) continue;
    const key = entryKey(c, zone);
    const dueAt = new Date(c.dueAt).toISOString();
    let e = byKey.get(key);
    if (!e) {
      const local = DateTime.fromISO(dueAt, { zone: 'utc' }).setZone(zone === 'group' ? c.timezone : zone);
      e = {
        key,
        origin: { kind: c.originKind, id: c.originId, step: c.originStep },
        source: c.source,
        title: c.title,
        date: local.toISODate() as string,
        time: local.toFormat('HH:mm'),
        dueAt,
        instants: [],
        zones: [],
        count: 0,
        byStatus: {},
        post: null,
      };
      byKey.set(key, e);
    }
    if (!e.title && c.title) e.title = c.title;
    if (dueAt < e.dueAt) e.dueAt = dueAt;
    if (!e.instants.includes(dueAt)) e.instants.push(dueAt);
    if (!e.zones.includes(c.timezone)) e.zones.push(c.timezone);
    e.count += c.n;
    e.byStatus[c.status] = (e.byStatus[c.status] ?? 0) + c.n;
    e.post = e.count === 1 ? { id: c.sample.id, group: c.sample.group, status: c.status, dueAt, timezone: c.timezone } : null;
  }
  const entries = [...byKey.values()];
  for (const e of entries) {
    e.instants.sort();
    e.zones.sort();
  }
  return entries.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
}
