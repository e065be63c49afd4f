import { DateTime } from 'luxon';

/**
 * Shapes the plugin's query and body validators share. `Date.parse` is not enough for
 * either: it reads "12" as the year 2001 and "2026-02-30" as March 2.
 */

/** An ISO 8601 date or date-time that exists: 2026-11-01, 2026-11-01T08:00, 2026-11-01T08:00:00+08:00, …Z. */
export function isIsoInstant(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}([T ]|$)/.test(value) && DateTime.fromISO(value.replace(' ', 'T')).isValid;
}

/** A calendar date YYYY-MM-DD that exists (no February 30). */
export function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}
