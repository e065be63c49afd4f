/**
 * Calendar scales for RSCALE (RFC 7529): the Gregorian calendar and the Chinese lunisolar
 * calendar, as tables of months per scale year. Days are floating ms of midnight
 * (Date.UTC(y, m - 1, d)), so nothing here depends on the host's time zone.
 *
 * The Chinese calendar comes from the runtime's ICU (Intl's `chinese` calendar), which
 * follows the modern rules (GB/T 33661-2017: new moons and solar terms at UTC+8). A year's
 * table costs about 14 formatToParts calls and is cached; date lookups are a binary search
 * in those tables, never an Intl call per day.
 *
 * ICU's sun and moon positions are approximate: in 14 of the years 1901-2099 it puts a new
 * moon on the wrong side of midnight in Beijing (or a leap month in the wrong place), e.g.
 * the Spring Festival of 2027 on 7 February instead of the 6th and 2030's on 2 February
 * instead of the 3rd. Those years come from CORRECTED below instead.
 */
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

// One formatter for the process: constructing an Intl.DateTimeFormat costs far more than using it.
const chineseFormat = new Intl.DateTimeFormat('en-u-ca-chinese', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** ICU's Chinese date of a floating day. Noon keeps the UTC formatter on that calendar day whatever rounding ICU does. */
function probe(dayF: number): ScaleDate {
  let year = NaN;
  let month = NaN;
  let leap = false;
  let day = NaN;
  for (const part of chineseFormat.formatToParts(new Date(dayF + DAY / 2))) {
    // TypeScript's lib has no 'relatedYear' part type yet (ES2024 Intl adds it).
    if ((part.type as string) === 'relatedYear') year = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'month') {
      // A leap month is written "6bis"; the number is the month it repeats.
      leap = part.value.endsWith('bis');
      month = parseInt(part.value, 10);
    }
  }
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    throw new Error(`this runtime's Intl has no Chinese calendar (got ${chineseFormat.format(new Date(dayF))})`);
  }
  return { year, month, leap, day };
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

/**
 * [year, month 1 day 1, leap month after (0: none), one digit per month in calendar order:
 * 1 = 30 days, 0 = 29] for the years where ICU 78 differs from the official calendar (the
 * Purple Mountain Observatory tables published by the Hong Kong Observatory). Each row is
 * where two independent sources agree against ICU: chinese-days' lunarInfo table and
 * lunar-typescript's astronomical algorithm (the dev-dependency tests use as an oracle).
 */
const CORRECTED: ReadonlyArray<readonly [number, string, number, string]> = [
  [1917, '1917-01-23', 2, '1001011011010'],
  [1922, '1922-01-28', 5, '1011001001011'],
  [1953, '1953-02-14', 0, '010011011010'],
  [1954, '1954-02-03', 0, '101001011011'],
  [1955, '1955-01-24', 3, '0101001010111'],
  [1987, '1987-01-29', 6, '1010110110100'],
  [1998, '1998-01-28', 5, '1001001101101'],
  [2012, '2012-01-23', 4, '1011010101010'],
  [2018, '2018-02-16', 0, '010100101011'],
  [2026, '2026-02-17', 0, '101001001110'],
  [2027, '2027-02-06', 0, '110100100110'],
  [2029, '2029-02-13', 0, '110101010011'],
  [2030, '2030-02-03', 0, '010110101010'],
  [2070, '2070-02-11', 0, '010100101101'],
];
const corrected = new Map(CORRECTED.map((row) => [row[0], row]));

function correctedYear(year: number): ScaleYear | null {
  const row = corrected.get(year);
  if (!row) return null;
  const [, first, leapAfter, lengths] = row;
  const months: ScaleMonth[] = [];
  let start = Date.UTC(+first.slice(0, 4), +first.slice(5, 7) - 1, +first.slice(8, 10));
  let month = 1;
  let leap = false;
  for (const digit of lengths) {
    const days = digit === '1' ? 30 : 29;
    months.push({ month, leap, start, days });
    start += days * DAY;
    if (month === leapAfter && !leap) leap = true;
    else {
      leap = false;
      month++;
    }
  }
  return freezeYear(year, months);
}

const chineseCache = new Map<number, ScaleYear>();
const gregorianCache = new Map<number, ScaleYear>();

function freezeYear(year: number, months: ScaleMonth[]): ScaleYear {
  return Object.freeze({ year, months: Object.freeze(months.map((m) => Object.freeze(m))) });
}

/** Day 1 of Chinese year `year`: the Spring Festival falls between 21 January and 20 February. */
function chineseNewYear(year: number): number {
  const own = chineseCache.get(year) ?? (corrected.has(year) ? chineseYear(year) : undefined);
  if (own) return own.months[0].start;
  const previous = chineseCache.get(year - 1);
  if (previous) {
    const last = previous.months[previous.months.length - 1];
    return last.start + last.days * DAY;
  }
  let start = Date.UTC(year, 0, 21);
  let p = probe(start);
  start -= (p.day - 1) * DAY;
  // Walk whole months until month 1 of `year`: 30 days on is day 1 (30-day month) or day 2
  // (29-day month) of the next month, so one probe gives both the length and the next month.
  while (!(p.year === year && p.month === 1 && !p.leap)) {
    p = probe(start + 30 * DAY);
    start += (p.day === 1 ? 30 : 29) * DAY;
  }
  return start;
}

function chineseYear(year: number): ScaleYear {
  const cached = chineseCache.get(year);
  if (cached) return cached;
  const fixed = correctedYear(year);
  if (fixed) {
    chineseCache.set(year, fixed);
    return fixed;
  }
  const months: ScaleMonth[] = [];
  let start = chineseNewYear(year);
  let current: ScaleDate = { year, month: 1, leap: false, day: 1 };
  for (;;) {
    // As in chineseNewYear: one probe 30 days on gives this month's length and the next month.
    const next = probe(start + 30 * DAY);
    const days = next.day === 1 ? 30 : 29;
    months.push({ month: current.month, leap: current.leap, start, days });
    start += days * DAY;
    if (next.year !== year) break;
    current = next;
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
