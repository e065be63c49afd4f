/**
 * Mainland China's working-day calendar: statutory holidays and make-up working days (调休)
 * from the `chinese-days` package's data (the State Council's yearly arrangements), never
 * a hand-kept list. A year the data does not cover is reported, not guessed: callers fall
 * back to Monday-Friday and say so.
 *
 * Dates are floating local days (Date.UTC of the date); nothing reads the host's zone.
 */
import data from 'chinese-days/dist/chinese-days.json';
import { DAY } from './format';

export const CALENDARS = ['none', 'cn-workdays', 'cn-no-holidays'] as const;
export type CalendarName = (typeof CALENDARS)[number];

export const isCalendarName = (v: unknown): v is CalendarName => typeof v === 'string' && (CALENDARS as readonly string[]).includes(v);

export interface CnDay {
  /** 'holiday': a statutory day off; 'workday': a weekend that is a working day (调休上班). */
  kind: 'holiday' | 'workday';
  en: string;
  zh: string;
}

/** Day number (floating ms / DAY) → what the arrangement says about it. */
const days = new Map<number, CnDay>();
const years = new Set<number>();

function load(table: Record<string, string>, kind: CnDay['kind']) {
  for (const [date, value] of Object.entries(table)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!m) continue;
    // "National Day,国庆节,3": English name, Chinese name, length of the break.
    const [en, zh] = value.split(',');
    days.set(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY, { kind, en: en.trim(), zh: (zh ?? en).trim() });
    // A year counts as covered once its arrangement has holidays (every published year has).
    if (kind === 'holiday') years.add(+m[1]);
  }
}
load((data as { holidays: Record<string, string> }).holidays, 'holiday');
load((data as { workdays: Record<string, string> }).workdays, 'workday');

/** The years the installed data covers, ascending (e.g. 2004…2026). */
export const CN_DATA_YEARS: readonly number[] = [...years].sort((a, b) => a - b);

export const isCnYearCovered = (year: number) => years.has(year);

/** What the arrangement says about a floating local day (any time within it), or null for an ordinary day. */
export function cnDayOf(floating: number): CnDay | null {
  return days.get(Math.floor(floating / DAY)) ?? null;
}

/** The year of a floating local day. */
export const floatingYear = (floating: number) => new Date(floating).getUTCFullYear();
const isWeekend = (floating: number) => {
  const d = new Date(floating).getUTCDay();
  return d === 0 || d === 6;
};

/**
 * Whether a post of the rule on this local day is kept (cn-workdays rules are
 * day-picking-free, so the rule itself fires every day).
 *  - cn-workdays: working days; an uncovered year falls back to Monday-Friday.
 *  - cn-no-holidays: the rule's days minus statutory days off; an uncovered year keeps them all.
 */
export function keepsDay(calendar: CalendarName, floating: number): boolean {
  if (calendar === 'none') return true;
  const info = cnDayOf(floating);
  if (calendar === 'cn-no-holidays') return info?.kind !== 'holiday';
  if (info) return info.kind === 'workday';
  return !isWeekend(floating);
}

/** Why a calendar changed a day that the plain rule would (skipped) or would not (added) post on. */
export interface DayChange {
  date: string;
  change: 'skipped' | 'added';
  reason: { en: string; zh: string };
  /** "2026-10-01 skipped: National Day / 国庆节" in each language. */
  text: { en: string; zh: string };
}

export const MAKEUP_REASON = { en: 'make-up working day', zh: '调休上班' };

/**
 * What the calendar does to a day, relative to the plain rule; null when it changes nothing
 * that a reader would call skipped or added. For cn-workdays the plain rule is "Monday to
 * Friday": weekday holidays are skipped, make-up weekends added; for cn-no-holidays every
 * holiday the rule fires on is skipped.
 */
export function dayChange(calendar: CalendarName, floating: number, date: string): DayChange | null {
  if (calendar === 'none') return null;
  const info = cnDayOf(floating);
  if (!info) return null;
  let change: DayChange['change'] | null = null;
  let reason = { en: info.en, zh: info.zh };
  if (info.kind === 'holiday' && (calendar === 'cn-no-holidays' || !isWeekend(floating))) change = 'skipped';
  if (info.kind === 'workday' && calendar === 'cn-workdays') {
    change = 'added';
    reason = MAKEUP_REASON;
  }
  if (!change) return null;
  return {
    date,
    change,
    reason,
    text: {
      en: `${date} ${change}: ${reason.en} / ${reason.zh}`,
      zh: `${date} ${change === 'skipped' ? '不发' : '加发'}：${reason.zh}`,
    },
  };
}

/** A calendar's warning for a year without data: the product says so instead of guessing. */
export function missingYearWarning(calendar: CalendarName, year: number) {
  const fallback =
    calendar === 'cn-workdays'
      ? { en: 'occurrences follow weekdays only', zh: '暂按周一至周五发送' }
      : { en: 'no public holiday is skipped', zh: '暂不跳过任何节假日' };
  return {
    code: 'holiday-data-missing' as const,
    year,
    en: `no China holiday data for ${year} yet: ${fallback.en}`,
    zh: `尚无 ${year} 年的中国节假日数据：${fallback.zh}`,
  };
}
