import { DateTime } from 'luxon';

/** Today's calendar date in UTC (YYYY-MM-DD): the host's zone never matters. */
export const todayUtc = (now: Date = new Date()) => DateTime.fromJSDate(now, { zone: 'utc' }).toISODate() as string;

/** Calendar arithmetic on YYYY-MM-DD dates. */
export const addDays = (date: string, days: number) => DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
