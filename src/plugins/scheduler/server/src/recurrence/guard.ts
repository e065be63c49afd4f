/**
 * The runaway guard.
 *
 * rrule 2.8.1 has two ways to run away, both reproduced before this file existed:
 *  - a period that yields nothing makes it move to the next period, until year 9999: a
 *    DAILY rule that never matches iterates ~2.9 million days (minutes of CPU) per call;
 *  - an HOURLY/MINUTELY rule whose BYHOUR/BYMINUTE is off its INTERVAL grid
 *    (FREQ=HOURLY;INTERVAL=2;BYHOUR=3 from 08:00) loops forever inside one step.
 *
 * So: (1) `assertCanMatch` refuses, with a precise message, the rules that provably never
 * match and every grid mismatch (the only cause of the endless inner loop); (2) a
 * `Meter` counts rrule's periods and stops a scan after a full calendar cycle without an
 * occurrence (proof it never matches) or after a hard cap of work.
 */
import { RecurrenceError } from './errors';
import { WEEKDAYS, type RuleParts } from './parse';
import { DAY, HOUR, MINUTE } from './format';
import { EN_MONTHS, MAX_MONTH_DAYS } from './words';

const never = (message: string): never => {
  throw new RecurrenceError('rule', `the rule never produces an occurrence: ${message}`);
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Monday-based weekday of a floating time. */
const weekdayOf = (f: number) => (new Date(f).getUTCDay() + 6) % 7;

/**
 * `parts` must already carry the values rrule takes from DTSTART (explicitParts); `fromStart`
 * says which of them came from there, for the message.
 */
export function assertCanMatch(parts: RuleParts, dtstartF: number, fromStart: { bymonthday: boolean }) {
  const f = parts.freq;

  // BYMONTH × BYMONTHDAY: some month must have that day (February 30 never exists).
  if (parts.bymonthday.length && (f === 'YEARLY' || f === 'MONTHLY' || f === 'DAILY')) {
    const months = parts.bymonth.length ? parts.bymonth : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const fits = months.some((m) => parts.bymonthday.some((d) => Math.abs(d) <= MAX_MONTH_DAYS[m - 1]));
    if (!fits) {
      const days = fromStart.bymonthday
        ? `day ${parts.bymonthday[0]} (taken from the start date)`
        : `BYMONTHDAY=${parts.bymonthday.join(',')}`;
      never(`${days} does not exist in ${months.map((m) => `${EN_MONTHS[m - 1]} (at most ${MAX_MONTH_DAYS[m - 1]} days)`).join(', ')}`);
    }
  }

  // A numbered weekday within a month exists at most 5 times.
  const inMonth = f === 'MONTHLY' || (f === 'YEARLY' && parts.bymonth.length > 0);
  if (inMonth && parts.byday.length && parts.byday.every((b) => b.n !== null && Math.abs(b.n) > 5)) {
    const b = parts.byday[0];
    never(`BYDAY=${b.n}${WEEKDAYS[b.weekday]}: a month has at most 5 of each weekday`);
  }

  // BYSETPOS picks from a set that cannot be larger than this.
  if (parts.bysetpos.length) {
    const times = Math.max(1, parts.byhour.length) * Math.max(1, parts.byminute.length) * Math.max(1, parts.bysecond.length);
    const plainDays = parts.byday.filter((b) => b.n === null).length;
    let days = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 }[f as 'DAILY'] ?? Infinity;
    if (f === 'WEEKLY' && plainDays) days = plainDays;
    if (f === 'MONTHLY' && parts.byday.length && !parts.bymonthday.length)
      days = Math.min(days, plainDays * 5 + (parts.byday.length - plainDays));
    if (f === 'MONTHLY' && parts.bymonthday.length) days = Math.min(days, parts.bymonthday.length);
    const size = days * times;
    if (parts.bysetpos.every((p) => Math.abs(p) > size)) {
      never(
        `BYSETPOS=${parts.bysetpos.join(',')} but each ${{ DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' }[f as 'DAILY']} has at most ${size} candidate${size === 1 ? '' : 's'}`
      );
    }
  }

  // Every 7th (14th, …) day is always the start's weekday.
  if (f === 'DAILY' && parts.interval % 7 === 0 && parts.byday.length) {
    const w = weekdayOf(dtstartF);
    if (!parts.byday.some((b) => b.weekday === w)) {
      never(
        `FREQ=DAILY;INTERVAL=${parts.interval} always lands on the start's weekday (${WEEKDAYS[w]}), which BYDAY=${parts.byday.map((b) => WEEKDAYS[b.weekday]).join(',')} excludes`
      );
    }
  }

  // Sub-daily: the rule visits week positions start + k·INTERVAL; modulo one week those
  // are exactly the positions ≡ start (mod gcd(INTERVAL, week)). Some allowed position
  // (BYDAY × BYHOUR × BYMINUTE) must be among them, otherwise rrule loops forever.
  if (f === 'HOURLY' || f === 'MINUTELY') {
    const unit = f === 'HOURLY' ? HOUR : MINUTE;
    const week = (7 * DAY) / unit;
    const g = gcd(parts.interval, week);
    const start = new Date(dtstartF);
    const perHour = f === 'HOURLY' ? 1 : 60;
    const startPos = (weekdayOf(dtstartF) * 24 + start.getUTCHours()) * perHour + (f === 'HOURLY' ? 0 : start.getUTCMinutes());
    const days = parts.byday.length ? parts.byday.map((b) => b.weekday) : [0, 1, 2, 3, 4, 5, 6];
    const hours = parts.byhour.length ? parts.byhour : Array.from({ length: 24 }, (_, i) => i);
    const minutes = f === 'HOURLY' ? [0] : parts.byminute.length ? parts.byminute : Array.from({ length: 60 }, (_, i) => i);
    const target = startPos % g;
    const reachable = days.some((d) => hours.some((h) => minutes.some((m) => ((d * 24 + h) * perHour + m) % g === target)));
    if (!reachable) {
      const what = [
        parts.byday.length ? 'BYDAY' : '',
        parts.byhour.length ? 'BYHOUR' : '',
        f === 'MINUTELY' && parts.byminute.length ? 'BYMINUTE' : '',
      ]
        .filter(Boolean)
        .join('/');
      never(
        `FREQ=${f};INTERVAL=${parts.interval} from ${start.toISOString().slice(11, 16)} only reaches times on a ${g}-${f === 'HOURLY' ? 'hour' : 'minute'} grid, and none of them matches ${what}`
      );
    }
  }
}

/**
 * Periods after which a scan with no occurrence proves the rule never matches again. The
 * Gregorian calendar repeats every 400 years = 4,800 months = 20,871 weeks = 146,097 days,
 * so a rule stepping by INTERVAL periods revisits every calendar position it will ever
 * see within one cycle's worth of steps. +2 covers a partial first period. Sub-daily rules
 * are already known to reach an allowed time within a week (assertCanMatch); their budget
 * is a safety net.
 */
export const EMPTY_PERIOD_BUDGET: Record<string, number> = {
  YEARLY: 400 + 2,
  MONTHLY: 4_800 + 2,
  WEEKLY: 20_871 + 2,
  DAILY: 146_097 + 2,
  HOURLY: 50_000,
  MINUTELY: 50_000,
};

/** Hard cap on periods per scan, whatever they yield (≈ 2 s of rrule work at worst). */
export const MAX_PERIODS = 300_000;

/** Thrown inside rrule to end a scan that has passed the requested window. */
export class StopScan extends Error {}

/**
 * Counts rrule's periods. rrule 2.8.1 reads `options.interval` twice per period (the
 * `interval === 0` check and DateTime.add) and once on entry; a getter on that field is
 * the only per-period hook it offers. A test pins this count, so an rrule upgrade that
 * changes it fails loudly instead of silently disabling the guard.
 */
export class Meter {
  reads = 0;
  private emptyReads = 0;
  /** Stop (normally) after this many periods: the scan is past its window. */
  stopAfter = Infinity;

  constructor(
    private freq: string,
    private emptyBudget = EMPTY_PERIOD_BUDGET[freq],
    private maxPeriods = MAX_PERIODS
  ) {}

  reset(stopAfter = Infinity) {
    this.reads = 0;
    this.emptyReads = 0;
    this.stopAfter = stopAfter;
  }

  get periods() {
    return this.reads >> 1;
  }

  /** rrule produced an occurrence. */
  produced() {
    this.emptyReads = 0;
  }

  tick() {
    this.reads++;
    this.emptyReads++;
    const periods = this.reads >> 1;
    if (periods > this.stopAfter) throw new StopScan();
    if (this.emptyReads >> 1 > this.emptyBudget) {
      throw new RecurrenceError(
        'rule',
        this.freq === 'HOURLY' || this.freq === 'MINUTELY'
          ? `the rule produces no occurrence within ${this.emptyBudget} steps; check BYDAY/BYHOUR/BYMINUTE`
          : `the rule never produces an occurrence: no match in a full 400-year calendar cycle; check BYMONTH/BYMONTHDAY/BYDAY/BYSETPOS/BYWEEKNO/BYYEARDAY and INTERVAL`
      );
    }
    if (periods > this.maxPeriods) {
      throw new RecurrenceError(
        'rule',
        `expanding this rule over the requested range needs more than ${this.maxPeriods} steps; ask for a shorter range or fewer occurrences`
      );
    }
  }
}
