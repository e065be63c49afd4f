/**
 * A saved schedule's rule as a recurrence in one zone (the schedule's, or a target
 * group's when the schedule leaves the zone empty). Pure: no Strapi import.
 */
import { parseRecurrence, type CalendarName, type Occurrence } from '../recurrence';

export interface ScheduleTiming {
  rule: string;
  timezone?: string | null;
  startsAt?: string | Date | null;
  endsAt?: string | Date | null;
  createdAt?: string | Date | null;
  exceptions?: unknown;
  /** none | cn-workdays | cn-no-holidays (recurrence/cn-calendar.ts). */
  calendar?: string | null;
}

const hasDtstart = (rule: string) => /(^|\n)\s*DTSTART[;:]/i.test(rule);

/** Exceptions are stored as JSON: a list of local dates 'YYYY-MM-DD'. */
export function exceptionDates(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d));
}

/**
 * The rule's start: its own DTSTART if it has one, else `startsAt` (or the creation
 * time) truncated to the minute, read in the zone. Seconds never leak into posts.
 */
export function scheduleStart(s: ScheduleTiming): Date | undefined {
  if (hasDtstart(s.rule)) return undefined;
  const base = s.startsAt ?? s.createdAt ?? new Date();
  const d = new Date(base);
  d.setUTCSeconds(0, 0);
  return d;
}

export function scheduleRecurrence(s: ScheduleTiming, zone: string) {
  return parseRecurrence({
    rule: s.rule,
    timezone: zone,
    dtstart: scheduleStart(s),
    exceptions: exceptionDates(s.exceptions),
    calendar: (s.calendar || 'none') as CalendarName,
  });
}

/** Occurrences in [from, to], clipped to the schedule's own startsAt / endsAt. */
export function scheduleOccurrences(s: ScheduleTiming, zone: string, from: Date, to: Date, limit = 1000): Occurrence[] {
  const starts = s.startsAt ? new Date(s.startsAt) : null;
  const ends = s.endsAt ? new Date(s.endsAt) : null;
  const lo = starts && starts > from ? starts : from;
  const hi = ends && ends < to ? ends : to;
  if (lo > hi) return [];
  return scheduleRecurrence(s, zone).between(lo, hi, { inclusive: true, limit });
}
