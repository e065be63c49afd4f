/**
 * Cohort arithmetic in the group's zone. Pure: no Strapi import.
 */
import { DateTime } from 'luxon';

/** The group's local calendar date at an instant (YYYY-MM-DD). */
export const localDate = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate() as string;

/** Day N of the cohort on the group's local date: Day 0 is cohortStart. */
export function cohortDay(at: Date, zone: string, cohortStart: string): number {
  const today = DateTime.fromISO(localDate(at, zone), { zone: 'utc' });
  const start = DateTime.fromISO(cohortStart, { zone: 'utc' });
  return Math.round(today.diff(start, 'days').days);
}

/** Minutes from a local time of day (HH:mm) to the class time (HH:mm[:ss]) the same day. */
export function minutesUntil(fromTime: string, classTime: string): number {
  const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return toMinutes(classTime) - toMinutes(fromTime);
}

/** The date as people in this locale write it, in the group's zone. */
const formatted = new Map<string, string>();
export function formatDate(at: Date, zone: string, locale: string): string {
  const dt = DateTime.fromJSDate(at, { zone });
  // Many posts of a day share a date: formatting with Intl is the slow part, so it is cached.
  const key = `${zone}|${locale}|${dt.toISODate()}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = dt
      .setLocale(locale === 'zh-Hans' ? 'zh-CN' : locale)
      .toLocaleString({ year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
    if (formatted.size > 10_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** Choose the reminder written for this many minutes before class (closest match). */
export function pickReminder<T extends { minutesBefore: number }>(reminders: T[], minutes: number): T | null {
  if (!reminders.length) return null;
  return reminders.reduce((best, r) => (Math.abs(r.minutesBefore - minutes) < Math.abs(best.minutesBefore - minutes) ? r : best));
}
