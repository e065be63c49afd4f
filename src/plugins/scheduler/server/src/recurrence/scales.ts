/**
 * Calendar scales for RSCALE (RFC 7529): the Gregorian calendar and the Chinese lunisolar
 * calendar, as tables of months per scale year. Days are floating ms of midnight
 * (Date.UTC(y, m - 1, d)), so nothing here depends on the host's time zone.
 *
 * The Chinese calendar comes from chinese-days' table (1901-2099, the Purple Mountain
 * Observatory's published calendar, GB/T 33661-2017: 2033's leap month follows the 11th),
 * the same maintained package as the holiday data. Not the runtime's ICU: its Chinese
 * calendar depends on the ICU build and, in ICU 78, puts a new moon on the wrong side of
 * Beijing midnight in 14 of those years (the Spring Festival of 2027 on 7 February instead
 * of the 6th, 2030's on 2 February instead of the 3rd). A year's table is built once and
 * cached; date lookups are a binary search in those tables.
 */
import lunarTable from 'chinese-days';
import { RecurrenceError } from './errors';
import { DAY, floatingDate } from './format';

export type ScaleName = 'GREGORIAN' | 'CHINESE';

export interface ScaleMonth {
  month: number;
  leap: boolean;
  /** Floating ms (Date.UTC) of its day 1. */
  start: number;
  days: number;
}

/** Months in calendar order; a Chinese leap year has 13. */
export interface ScaleYear {
  year: number;
  months: readonly ScaleMonth[];
}

/** Supported scale years. Chinese year Y is the one whose month 1 day 1 falls in Gregorian year Y. */
export const SCALE_YEARS: { readonly min: number; readonly max: number } = Object.freeze({ min: 1901, max: 2099 });

export interface ScaleDate {
  year: number;
  month: number;
  leap: boolean;
  day: number;
}

function rangeError(scale: ScaleName): RecurrenceError {
  const { min, max } = SCALE_YEARS;
  if (scale === 'GREGORIAN') return new RecurrenceError('rule', `RSCALE=GREGORIAN dates are supported from ${min}-01-01 to ${max}-12-31`);
  const first = chineseYear(min).months[0].start;
  const lastYear = chineseYear(max).months;
  const last = lastYear[lastYear.length - 1];
  return new RecurrenceError(
    'rule',
    `lunar dates are supported from ${min} to ${max} (Chinese years; ${floatingDate(first)} to ${floatingDate(last.start + (last.days - 1) * DAY)})`
  );
}

const chineseCache = new Map<number, ScaleYear>();
const gregorianCache = new Map<number, ScaleYear>();

function freezeYear(year: number, months: ScaleMonth[]): ScaleYear {
  return Object.freeze({ year, months: Object.freeze(months.map((m) => Object.freeze(m))) });
}

/** Day 1 of Chinese year `year` (its Spring Festival). */
function chineseNewYear(year: number): number {
  return chineseYear(year).months[0].start;
}

/** Chinese year 1901 began on 1901-02-19 (the table's first year); each later one a year's days on. */
const FIRST_NEW_YEAR = Date.UTC(1901, 1, 19);

/** Days in Chinese year `year`: its twelve months and its leap month, from the table. */
function yearDays(year: number): number {
  let days = lunarTable.getYearLeapMonth(year).days;
  for (let m = 1; m <= 12; m++) days += lunarTable.monthDays(year, m);
  return days;
}

/**
 * Day 1 of a Chinese year, counted from 1901 with the table's month lengths. Not
 * chinese-days' getSolarDateFromLunar: it reads dates in the host's zone (a day late
 * west of Greenwich).
 */
const newYears = new Map<number, number>([[SCALE_YEARS.min, FIRST_NEW_YEAR]]);
function newYearDay(year: number): number {
  let known = newYears.get(year);
  if (known !== undefined) return known;
  let y = year;
  while (!newYears.has(y)) y--;
  known = newYears.get(y) as number;
  for (; y < year; y++) {
    known += yearDays(y) * DAY;
    newYears.set(y + 1, known);
  }
  return known;
}

/** A Chinese year's months from chinese-days' table: month lengths and leap month. */
function chineseYear(year: number): ScaleYear {
  const cached = chineseCache.get(year);
  if (cached) return cached;
  const leap = lunarTable.getYearLeapMonth(year);
  const months: ScaleMonth[] = [];
  let start = newYearDay(year);
  const push = (month: number, isLeap: boolean, days: number) => {
    months.push({ month, leap: isLeap, start, days });
    start += days * DAY;
  };
  for (let m = 1; m <= 12; m++) {
    push(m, false, lunarTable.monthDays(year, m));
    if (leap.leapMonth === m) push(m, true, leap.days);
  }
  const built = freezeYear(year, months);
  chineseCache.set(year, built);
  return built;
}

function gregorianYear(year: number): ScaleYear {
  const cached = gregorianCache.get(year);
  if (cached) return cached;
  const months: ScaleMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const start = Date.UTC(year, m - 1, 1);
    months.push({ month: m, leap: false, start, days: Math.round((Date.UTC(year, m, 1) - start) / DAY) });
  }
  const built = freezeYear(year, months);
  gregorianCache.set(year, built);
  return built;
}

/** The months of a scale year (cached; the data is frozen). */
export function scaleYear(scale: ScaleName, year: number): ScaleYear {
  if (!Number.isInteger(year) || year < SCALE_YEARS.min || year > SCALE_YEARS.max) throw rangeError(scale);
  return scale === 'CHINESE' ? chineseYear(year) : gregorianYear(year);
}

/** First and last floating day of the supported range. */
export function scaleRange(scale: ScaleName): { first: number; last: number } {
  const first = scaleYear(scale, SCALE_YEARS.min).months[0].start;
  const months = scaleYear(scale, SCALE_YEARS.max).months;
  const last = months[months.length - 1];
  return { first, last: last.start + (last.days - 1) * DAY };
}

/** The scale year and month index holding a floating day, or null outside SCALE_YEARS. */
export function locateDay(scale: ScaleName, dayF: number): { year: ScaleYear; index: number } | null {
  const day = Math.floor(dayF / DAY) * DAY;
  const gYear = new Date(day).getUTCFullYear();
  if (gYear < SCALE_YEARS.min || gYear > SCALE_YEARS.max + 1) return null;
  let year: ScaleYear;
  if (scale === 'GREGORIAN') {
    if (gYear > SCALE_YEARS.max) return null;
    year = gregorianYear(gYear);
  } else {
    // Chinese year Y starts in late January or February of Gregorian Y.
    const y = gYear <= SCALE_YEARS.max && day >= chineseNewYear(gYear) ? gYear : gYear - 1;
    if (y < SCALE_YEARS.min || y > SCALE_YEARS.max) return null;
    year = chineseYear(y);
  }
  const months = year.months;
  let lo = 0;
  let hi = months.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (months[mid].start <= day) lo = mid;
    else hi = mid - 1;
  }
  const m = months[lo];
  if (day < m.start || day >= m.start + m.days * DAY) return null;
  return { year, index: lo };
}

/** The scale date of a floating day (any time of day counts as that day). */
export function scaleDateOf(scale: ScaleName, dayF: number): ScaleDate {
  const at = locateDay(scale, dayF);
  if (!at) throw rangeError(scale);
  const m = at.year.months[at.index];
  return { year: at.year.year, month: m.month, leap: m.leap, day: Math.round((Math.floor(dayF / DAY) * DAY - m.start) / DAY) + 1 };
}
