/**
 * Calendar periods: which local dates a month / week / day view shows, and the UTC
 * window to fetch for them. Pure (luxon only).
 */
import { DateTime } from 'luxon';

export type View = 'month' | 'week' | 'day';

export interface Period {
  /** Local dates shown, in order (ISO YYYY-MM-DD). */
  dates: string[];
  /** Fetch window: a day either side covers every zone's offset from UTC (±14 h). */
  from: string;
  to: string;
}

/**
 * Month grids are whole weeks starting on Monday (ISO), as in China and most of Europe.
 * The week view is the seven days from the anchor, so "this week" from today always
 * shows the coming week, whatever the weekday.
 */
export function period(view: View, anchor: string): Period {
  const a = DateTime.fromISO(anchor, { zone: 'utc' }).startOf('day');
  let first: DateTime;
  let days: number;
  if (view === 'day') {
    first = a;
    days = 1;
  } else if (view === 'week') {
    first = a;
    days = 7;
  } else {
    const monthStart = a.startOf('month');
    first = monthStart.minus({ days: monthStart.weekday - 1 });
    const monthEnd = a.endOf('month').startOf('day');
    const last = monthEnd.plus({ days: 7 - monthEnd.weekday });
    days = Math.round(last.diff(first, 'days').days) + 1;
  }
  const dates = Array.from({ length: days }, (_, i) => first.plus({ days: i }).toISODate() as string);
  return {
    dates,
    from: first.minus({ days: 1 }).toISO() as string,
    to: first.plus({ days: days + 1 }).toISO() as string,
  };
}

/** The anchor moved by one view's length. */
export function shift(view: View, anchor: string, by: 1 | -1): string {
  const a = DateTime.fromISO(anchor, { zone: 'utc' });
  const step = view === 'month' ? { months: by } : view === 'week' ? { weeks: by } : { days: by };
  return a.plus(step).toISODate() as string;
}

/** A post's local date and time in the zone the viewer chose (its group's, or their own). */
export function placeInZone(dueAt: string, zone: string): { date: string; time: string } {
  const d = DateTime.fromISO(dueAt, { zone: 'utc' }).setZone(zone);
  return { date: d.toISODate() as string, time: d.toFormat('HH:mm') };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
export const weekdayOf = (date: string) => DateTime.fromISO(date, { zone: 'utc' }).weekday;
