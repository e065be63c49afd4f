/**
 * Dates of RSCALE rules (RFC 7529): FREQ=YEARLY / MONTHLY with BYMONTH (leap months
 * included, "5L") and BYMONTHDAY counted in a calendar scale, and SKIP for dates that do
 * not exist. Output is local dates only (floating ms of midnight); the caller adds the
 * time of day and the zone, and applies COUNT / UNTIL / EXDATE.
 *
 * SKIP order (RFC 7529 §3.1.2: an invalid month is handled before an invalid day): for each
 * BYMONTH × BYMONTHDAY of a period,
 *   1. the month: a leap month absent that year is dropped (OMIT), replaced by the regular
 *      month of the same number (BACKWARD), or by the month after that regular month
 *      (FORWARD), keeping the day;
 *   2. the day, in the month from step 1: a day past the month's end is dropped (OMIT),
 *      becomes the month's last day (BACKWARD) or the 1st of the next month (FORWARD).
 *      A negative day counts from the end, so -1 always exists; one before day 1
 *      (-30 in a 29-day month) is dropped, the day before the month (BACKWARD) or day 1
 *      (FORWARD);
 *   3. dates that coincide after the moves collapse to one.
 * Under FREQ=MONTHLY, BYMONTH only limits which months count (RFC 5545), so step 1 never
 * applies there: a leap month that is absent is simply not a period.
 */
import { RecurrenceError } from './errors';
import { DAY, floatingDate } from './format';
import type { Skip } from './parse';
import { EN_MONTHS, enList, MAX_MONTH_DAYS, ordinal } from './words';
import { locateDay, scaleDateOf, scaleRange, scaleYear, SCALE_YEARS, type ScaleName, type ScaleYear } from './scales';

export interface ScaleMonthRef {
  month: number;
  leap: boolean;
}
export type { Skip };

export interface ScaleRule {
  scale: ScaleName;
  freq: 'YEARLY' | 'MONTHLY';
  /** ≥ 1 */
  interval: number;
  /** Empty: YEARLY → DTSTART's month (with its leap flag); MONTHLY → every month. */
  bymonth: ScaleMonthRef[];
  /** ±1..31; negative counts from the month's end; empty → DTSTART's day of month. */
  bymonthday: number[];
  skip: Skip;
}

export interface LunarFestival {
  key: string;
  month: number;
  /** -1: the month's last day. */
  day: number;
  en: string;
  zh: string;
}

export const LUNAR_FESTIVALS: readonly LunarFestival[] = Object.freeze([
  { key: 'spring-festival', month: 1, day: 1, en: 'Spring Festival', zh: '春节' },
  { key: 'lantern-festival', month: 1, day: 15, en: 'Lantern Festival', zh: '元宵节' },
  { key: 'dragon-boat-festival', month: 5, day: 5, en: 'Dragon Boat Festival', zh: '端午节' },
  { key: 'qixi-festival', month: 7, day: 7, en: 'Qixi Festival', zh: '七夕' },
  { key: 'mid-autumn-festival', month: 8, day: 15, en: 'Mid-Autumn Festival', zh: '中秋节' },
  { key: 'double-ninth-festival', month: 9, day: 9, en: 'Double Ninth Festival', zh: '重阳节' },
  { key: 'laba-festival', month: 12, day: 8, en: 'Laba Festival', zh: '腊八节' },
  { key: 'chinese-new-years-eve', month: 12, day: -1, en: "Chinese New Year's Eve", zh: '除夕' },
]);

const fail = (message: string): never => {
  throw new RecurrenceError('rule', message);
};

const floorDay = (f: number) => Math.floor(f / DAY) * DAY;
const monthToken = (ref: ScaleMonthRef) => `${ref.month}${ref.leap ? 'L' : ''}`;

// The shortest each Gregorian month can be (February in a common year); the longest is MAX_MONTH_DAYS.
const GREGORIAN_MIN_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A rule with DTSTART's defaults filled in: `bymonth` is empty only for MONTHLY (every month). */
interface Normalised extends ScaleRule {
  start: number;
}

/** Checks the parts' ranges and fills the defaults from DTSTART (which must lie in SCALE_YEARS). */
function normalise(rule: ScaleRule, startDay: number): Normalised {
  const { scale, freq, interval, skip } = rule;
  if (scale !== 'GREGORIAN' && scale !== 'CHINESE') fail(`RSCALE=${String(scale)} is not supported; expected GREGORIAN or CHINESE`);
  if (freq !== 'YEARLY' && freq !== 'MONTHLY') fail(`FREQ=${String(freq)} is not supported with RSCALE; expected YEARLY or MONTHLY`);
  if (!Number.isInteger(interval) || interval < 1) fail(`INTERVAL=${interval} must be a whole number of at least 1`);
  if (skip !== 'OMIT' && skip !== 'BACKWARD' && skip !== 'FORWARD') fail(`SKIP=${String(skip)}; expected OMIT, BACKWARD or FORWARD`);
  for (const ref of rule.bymonth) {
    if (!Number.isInteger(ref.month) || ref.month < 1 || ref.month > 12) fail(`BYMONTH=${monthToken(ref)} is out of range 1..12`);
    if (ref.leap && scale === 'GREGORIAN') fail(`BYMONTH=${monthToken(ref)}: the Gregorian calendar has no leap months`);
  }
  for (const d of rule.bymonthday) {
    if (!Number.isInteger(d) || d === 0 || Math.abs(d) > 31) fail(`BYMONTHDAY=${d} is out of range -31..-1 or 1..31`);
  }
  const start = floorDay(startDay);
  const s = scaleDateOf(scale, start);
  const dedupe = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((t) => [key(t), t])).values()];
  const bymonth = rule.bymonth.length > 0 ? dedupe(rule.bymonth, monthToken) : freq === 'YEARLY' ? [{ month: s.month, leap: s.leap }] : [];
  const bymonthday = rule.bymonthday.length > 0 ? [...new Set(rule.bymonthday)] : [s.day];
  return { scale, freq, interval, bymonth, bymonthday, skip, start };
}

// ---- months as positions in the scale ----------------------------------------------------

interface MonthPos {
  year: ScaleYear;
  index: number;
}

const monthOf = (p: MonthPos) => p.year.months[p.index];

function nextMonth(scale: ScaleName, p: MonthPos): MonthPos | null {
  if (p.index + 1 < p.year.months.length) return { year: p.year, index: p.index + 1 };
  if (p.year.year >= SCALE_YEARS.max) return null;
  return { year: scaleYear(scale, p.year.year + 1), index: 0 };
}

// Chinese months are numbered from the first supported one by the mean synodic month: a
// real new moon is never more than about a day and a half from the mean one, far less
// than the half month rounding tolerates.
const SYNODIC = 29.530588853 * DAY;
const chineseEpoch = () => scaleYear('CHINESE', SCALE_YEARS.min).months[0].start;

function monthIndex(scale: ScaleName, p: MonthPos): number {
  if (scale === 'GREGORIAN') return (p.year.year - SCALE_YEARS.min) * 12 + p.index;
  return Math.round((monthOf(p).start - chineseEpoch()) / SYNODIC);
}

function monthAtIndex(scale: ScaleName, i: number): MonthPos | null {
  if (i < 0) return null;
  if (scale === 'GREGORIAN') {
    const y = SCALE_YEARS.min + Math.floor(i / 12);
    return y > SCALE_YEARS.max ? null : { year: scaleYear(scale, y), index: i % 12 };
  }
  // Mid-month of the mean month lies inside the real one.
  return locateDay(scale, chineseEpoch() + i * SYNODIC + 14 * DAY);
}

// ---- one period ---------------------------------------------------------------------------

/** Step 2 of the SKIP order: day `d` of the month, or its replacement, or null (OMIT). */
function resolveDay(p: MonthPos, d: number, skip: Skip): number | null {
  const m = monthOf(p);
  const n = d > 0 ? d : m.days + d + 1;
  if (n >= 1 && n <= m.days) return m.start + (n - 1) * DAY;
  if (skip === 'OMIT') return null;
  if (n > m.days) return skip === 'BACKWARD' ? m.start + (m.days - 1) * DAY : m.start + m.days * DAY;
  return skip === 'BACKWARD' ? m.start - DAY : m.start;
}

/** Step 1 of the SKIP order: the month a BYMONTH value stands for in a scale year. */
function resolveMonth(r: Normalised, year: ScaleYear, ref: ScaleMonthRef): MonthPos | null {
  const index = year.months.findIndex((m) => m.month === ref.month && m.leap === ref.leap);
  if (index >= 0) return { year, index };
  if (!ref.leap || r.skip === 'OMIT') return null;
  const regular = { year, index: year.months.findIndex((m) => m.month === ref.month && !m.leap) };
  return r.skip === 'BACKWARD' ? regular : nextMonth(r.scale, regular);
}

function periodDates(r: Normalised, months: MonthPos[]): number[] {
  const out: number[] = [];
  for (const p of months) {
    for (const d of r.bymonthday) {
      const day = resolveDay(p, d, r.skip);
      if (day !== null) out.push(day);
    }
  }
  return out;
}

interface Period {
  dates: number[];
  /** Day 1 of the next period on the INTERVAL grid (Infinity past the range). */
  nextStart: number;
}

function* periods(r: Normalised, fromDay: number): Generator<Period> {
  const first = scaleDateOf(r.scale, r.start);
  if (r.freq === 'YEARLY') {
    // A FORWARD move reaches at most into the next year, so the year before fromDay's is early enough.
    const fromYear = scaleDateOf(r.scale, fromDay).year - 1;
    let y = first.year + Math.max(0, Math.floor((fromYear - first.year) / r.interval)) * r.interval;
    for (; y <= SCALE_YEARS.max; y += r.interval) {
      const year = scaleYear(r.scale, y);
      const months = r.bymonth.map((ref) => resolveMonth(r, year, ref)).filter((p): p is MonthPos => p !== null);
      const next = y + r.interval;
      yield { dates: periodDates(r, months), nextStart: next <= SCALE_YEARS.max ? scaleYear(r.scale, next).months[0].start : Infinity };
    }
    return;
  }
  const firstPos = locateDay(r.scale, r.start);
  const fromPos = locateDay(r.scale, fromDay);
  if (!firstPos || !fromPos) return;
  const i0 = monthIndex(r.scale, firstPos);
  // FORWARD moves a date at most into the following month; two months back is early enough.
  const fromIndex = monthIndex(r.scale, fromPos) - 2;
  let i = i0 + Math.max(0, Math.floor((fromIndex - i0) / r.interval)) * r.interval;
  for (let p = monthAtIndex(r.scale, i); p;) {
    const m = monthOf(p);
    const wanted = r.bymonth.length === 0 || r.bymonth.some((ref) => ref.month === m.month && ref.leap === m.leap);
    i += r.interval;
    const next = monthAtIndex(r.scale, i);
    yield { dates: wanted ? periodDates(r, [p]) : [], nextStart: next ? monthOf(next).start : Infinity };
    p = next;
  }
}

function* generate(r: Normalised, from: number, last: number): Generator<number> {
  // Moves can carry a date into the next period (FORWARD) or one day before its own
  // (BACKWARD from a negative day), so dates wait in `pending` until no later period can
  // produce anything earlier or equal.
  let pending: number[] = [];
  let previous = -Infinity;
  for (const { dates, nextStart } of periods(r, from)) {
    for (const d of dates) if (d >= from && d <= last && d > previous && !pending.includes(d)) pending.push(d);
    if (pending.length === 0) continue;
    pending.sort((a, b) => a - b);
    const safe = nextStart - DAY;
    let k = 0;
    while (k < pending.length && pending[k] < safe) {
      previous = pending[k++];
      yield previous;
    }
    pending = pending.slice(k);
  }
  yield* pending;
}

/**
 * Local dates (floating ms of midnight) of the rule, ascending, no duplicates, none before
 * startDay (DTSTART's date). With `fromDay`, generation starts on the INTERVAL grid shortly
 * before it (so the cost does not grow with the rule's age) and yields every date ≥ fromDay.
 * Ends with the supported range (SCALE_YEARS).
 */
export function scaleDays(rule: ScaleRule, startDay: number, opts: { fromDay?: number } = {}): Iterable<number> {
  const r = normalise(rule, startDay);
  const { last } = scaleRange(r.scale);
  const from = Math.max(r.start, opts.fromDay === undefined ? r.start : floorDay(opts.fromDay));
  if (from > last) return [];
  return { [Symbol.iterator]: () => generate(r, from, last) };
}

// ---- rules that can never match ------------------------------------------------------------

/** Throws RecurrenceError('rule', 'the rule never produces an occurrence: …') for rules that provably never match. */
export function assertScaleRuleCanMatch(rule: ScaleRule, startDay: number): void {
  const r = normalise(rule, startDay);
  const never = (why: string): never => fail(`the rule never produces an occurrence: ${why}`);
  if (r.skip === 'OMIT') {
    const hint = 'use BYMONTHDAY=-1 for the last day of the month, or SKIP=BACKWARD / SKIP=FORWARD';
    if (r.scale === 'CHINESE' && r.bymonthday.every((d) => Math.abs(d) > 30)) {
      never(`lunar months have 29 or 30 days, so BYMONTHDAY=${r.bymonthday.join(',')} never exists (${hint})`);
    }
    if (r.scale === 'GREGORIAN') {
      const months = r.bymonth.length > 0 ? r.bymonth.map((m) => m.month) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
      if (!months.some((m) => r.bymonthday.some((d) => Math.abs(d) <= MAX_MONTH_DAYS[m - 1]))) {
        never(`${enList(months.map((m) => EN_MONTHS[m - 1]))} never has day ${r.bymonthday.map((d) => Math.abs(d)).join(', ')} (${hint})`);
      }
    }
    if (r.scale === 'CHINESE' && r.bymonth.length > 0 && r.bymonth.every((m) => m.leap)) {
      const first = scaleDateOf(r.scale, r.start).year;
      const occurs = r.bymonth.some((ref) => {
        for (let y = first; y <= SCALE_YEARS.max; y += r.freq === 'YEARLY' ? r.interval : 1) {
          if (scaleYear(r.scale, y).months.some((m) => m.leap && m.month === ref.month)) return true;
        }
        return false;
      });
      if (!occurs) {
        const names = enList(r.bymonth.map((m) => `a leap ${ordinal(m.month)} lunar month (${monthToken(m)})`));
        never(
          `there is no ${names.replace(/^a /, '')} in the supported years ${first}-${SCALE_YEARS.max}${r.freq === 'YEARLY' && r.interval > 1 ? ` on the INTERVAL=${r.interval} grid` : ''} (use SKIP=BACKWARD or SKIP=FORWARD to fall back to a regular month)`
        );
      }
    }
  }
  // Anything else that never matches (an INTERVAL that misses every leap year, …) is found by looking.
  if (scaleDays(rule, startDay)[Symbol.iterator]().next().done) {
    const { last } = scaleRange(r.scale);
    never(`no date from DTSTART (${floatingDate(r.start)}) to the end of the supported range (${floatingDate(last)}) matches it`);
  }
}

// ---- descriptions --------------------------------------------------------------------------

const ZH_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ZH_MONTHS = ['正月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '冬月', '腊月'];
const zhMonth = (ref: ScaleMonthRef) => `${ref.leap ? '闰' : ''}${ZH_MONTHS[ref.month - 1]}`;
function zhLunarDay(d: number): string {
  if (d === -1) return '最后一天';
  if (d < 0) return `倒数第${-d}天`;
  if (d <= 10) return `初${ZH_DIGITS[d]}`;
  if (d < 20) return `十${ZH_DIGITS[d - 10]}`;
  if (d === 20) return '二十';
  if (d < 30) return `廿${ZH_DIGITS[d - 20]}`;
  if (d === 30) return '三十';
  return `${d}日`;
}

/**
 * Whether some BYMONTH × BYMONTHDAY date can be missing, and whether always by exactly one
 * day (day 30 of a 29-day month, February 29), where "the previous / next day" is exact.
 */
function missingDays(r: Normalised): { any: boolean; byOne: boolean } {
  let any = false;
  let byOne = true;
  const check = (minDays: number) => {
    for (const d of r.bymonthday) {
      if (Math.abs(d) <= minDays) continue;
      any = true;
      if (d < 0 || d !== minDays + 1) byOne = false;
    }
  };
  if (r.scale === 'CHINESE') check(29);
  else {
    const months = r.bymonth.length > 0 ? r.bymonth.map((m) => m.month) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    for (const m of months) check(GREGORIAN_MIN_DAYS[m - 1]);
  }
  return { any, byOne };
}

function skipNote(r: Normalised): { en: string; zh: string } {
  if (r.skip === 'OMIT') return { en: '', zh: '' };
  const back = r.skip === 'BACKWARD';
  const en: string[] = [];
  const zh: string[] = [];
  const unit = r.freq === 'YEARLY' ? '当年' : '当月';
  if (r.freq === 'YEARLY' && r.bymonth.some((m) => m.leap)) {
    en.push(
      back ? 'in the regular month when that year has no such leap month' : 'in the following month when that year has no such leap month'
    );
    zh.push(back ? '当年没有这个闰月时改在同名的月份' : '当年没有这个闰月时改在下一个月');
  }
  const missing = missingDays(r);
  if (missing.any) {
    if (missing.byOne) {
      en.push(back ? 'moved to the previous day when that day does not exist' : 'moved to the next day when that day does not exist');
      zh.push(back ? `${unit}没有这一天时提前一天` : `${unit}没有这一天时推后一天`);
    } else {
      en.push(
        back
          ? 'moved to the nearest earlier day when that day does not exist'
          : 'moved to the nearest later day when that day does not exist'
      );
      zh.push(back ? `${unit}没有这一天时改为之前最近的一天` : `${unit}没有这一天时改为之后最近的一天`);
    }
  }
  return { en: en.length ? `, ${en.join('; ')}` : '', zh: zh.length ? `（${zh.join('；')}）` : '' };
}

/** A scale rule's phrase: its days, then what follows the time of day (festival, SKIP notes). */
export interface ScalePhrase {
  en: string;
  zh: string;
  after: { en: string; zh: string };
}

function describeChinese(r: Normalised): ScalePhrase {
  const positive = r.bymonthday.filter((d) => d > 0).sort((a, b) => a - b);
  const negative = r.bymonthday.filter((d) => d < 0).sort((a, b) => b - a);
  const days = [...positive, ...negative];
  const enDays = days.length === 1 && days[0] < 0 ? `the ${ordinal(days[0])} day` : `the ${enList(days.map(ordinal))} day`;
  const zhDays = days.map(zhLunarDay).join('、');
  const months = [...r.bymonth].sort((a, b) => a.month - b.month || Number(a.leap) - Number(b.leap));
  const enMonths = enList(months.map((m) => `${m.leap ? 'leap ' : ''}${ordinal(m.month)}`));
  const zhMonths = months.map(zhMonth).join('、');
  const note = skipNote(r);
  if (r.freq === 'MONTHLY') {
    const every = r.interval === 1 ? 'every lunar month' : `every ${r.interval} lunar months`;
    const zhEvery = r.interval === 1 ? '每个农历月' : `每${r.interval}个农历月`;
    const only =
      months.length > 0
        ? { en: `, in the ${enMonths} lunar month${months.length > 1 ? 's' : ''} only`, zh: `（仅${zhMonths}）` }
        : { en: '', zh: '' };
    return { en: `${every} on ${enDays}`, zh: `${zhEvery}的${zhDays}`, after: { en: `${only.en}${note.en}`, zh: `${only.zh}${note.zh}` } };
  }
  const every = r.interval === 1 ? 'every year' : `every ${r.interval} years`;
  const zhEvery = r.interval === 1 ? '每年' : `每${r.interval}年`;
  const festival =
    months.length === 1 && days.length === 1 && !months[0].leap
      ? LUNAR_FESTIVALS.find((f) => f.month === months[0].month && f.day === days[0])
      : undefined;
  const en = `${every} on ${enDays} of the ${enMonths} lunar month${months.length > 1 ? 's' : ''}`;
  // 八月十五 reads as one date; several days (or months) need 的 between them.
  const zhDate = days.length === 1 && months.length === 1 ? `${zhMonths}${zhDays}` : `${zhMonths}的${zhDays}`;
  return {
    en,
    zh: `${zhEvery}农历${zhDate}`,
    after: { en: `${festival ? ` (${festival.en})` : ''}${note.en}`, zh: `${festival ? `（${festival.zh}）` : ''}${note.zh}` },
  };
}

function describeGregorian(r: Normalised): ScalePhrase {
  const positive = r.bymonthday.filter((d) => d > 0).sort((a, b) => a - b);
  const negative = r.bymonthday.filter((d) => d < 0).sort((a, b) => b - a);
  const days = [...positive, ...negative];
  const zhDay = (d: number) => (d === -1 ? '最后一天' : d < 0 ? `倒数第${-d}天` : `${d}日`);
  const note = skipNote(r);
  const months = [...r.bymonth].sort((a, b) => a.month - b.month);
  if (r.freq === 'MONTHLY') {
    const every = r.interval === 1 ? 'every month' : `every ${r.interval} months`;
    const zhEvery = r.interval === 1 ? '每月' : `每${r.interval}个月`;
    const only =
      months.length > 0
        ? {
            en: `, in ${enList(months.map((m) => EN_MONTHS[m.month - 1]))} only`,
            zh: `（仅${months.map((m) => `${m.month}月`).join('、')}）`,
          }
        : { en: '', zh: '' };
    const enDays = `the ${enList(days.map(ordinal))}${days.every((d) => d < 0) ? ' day' : ''}`;
    return {
      en: `${every} on ${enDays}`,
      zh: `${zhEvery}${days.map(zhDay).join('、')}`,
      after: { en: `${only.en}${note.en}`, zh: `${only.zh}${note.zh}` },
    };
  }
  const every = r.interval === 1 ? 'every year' : `every ${r.interval} years`;
  const zhEvery = r.interval === 1 ? '每年' : `每${r.interval}年`;
  const zhMonths = months.map((m) => `${m.month}月`).join('、');
  if (months.length === 1 && days.every((d) => d > 0)) {
    return {
      en: `${every} on ${EN_MONTHS[months[0].month - 1]} ${enList(days.map(String))}`,
      zh: `${zhEvery}${zhMonths}${days.map(zhDay).join('、')}`,
      after: note,
    };
  }
  const enMonths = enList(months.map((m) => EN_MONTHS[m.month - 1]));
  const enDays = `the ${enList(days.map(ordinal))}${days.every((d) => d < 0) ? ' day' : ''}`;
  return { en: `${every} on ${enDays} of ${enMonths}`, zh: `${zhEvery}${zhMonths}的${days.map(zhDay).join('、')}`, after: note };
}

/** The rule's dates as a phrase, without the time of day: "every year on the 15th day of the 8th lunar month". */
export function describeScale(rule: ScaleRule, startDay: number): { en: string; zh: string } {
  const p = describeScaleParts(rule, startDay);
  return { en: `${p.en}${p.after.en}`, zh: `${p.zh}${p.after.zh}` };
}

/** The same in parts, so a time of day can go between the days and the notes. */
export function describeScaleParts(rule: ScaleRule, startDay: number): ScalePhrase {
  const r = normalise(rule, startDay);
  return r.scale === 'CHINESE' ? describeChinese(r) : describeGregorian(r);
}
