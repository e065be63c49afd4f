/**
 * Expansion in floating local time with `rrule` (never its tzid path, which reads the host
 * zone), starting from a cursor near the requested window so the cost does not grow with
 * the rule's age, and metered so it cannot run away (guard.ts).
 */
import { RRule, Weekday } from 'rrule';
import { FREQS, type RuleParts } from './parse';
import { Meter, StopScan } from './guard';
import { DAY, HOUR, MINUTE } from './format';

/**
 * The values rrule takes from DTSTART when a BY part is missing, made explicit so that
 * DTSTART can move without changing the series. Same conditions as rrule's parseOptions
 * (and python-dateutil): BYHOUR below HOURLY, BYMINUTE below MINUTELY, BYSECOND always,
 * and the day from DTSTART only when no day-selecting part is given.
 */
export function explicitParts(parts: RuleParts, dtstartF: number): { parts: RuleParts; fromStart: { bymonthday: boolean } } {
  const d = new Date(dtstartF);
  const out: RuleParts = { ...parts };
  const dailyOrSlower = parts.freq === 'YEARLY' || parts.freq === 'MONTHLY' || parts.freq === 'WEEKLY' || parts.freq === 'DAILY';
  if (dailyOrSlower && !out.byhour.length) out.byhour = [d.getUTCHours()];
  if (parts.freq !== 'MINUTELY' && !out.byminute.length) out.byminute = [d.getUTCMinutes()];
  if (!out.bysecond.length) out.bysecond = [d.getUTCSeconds()];
  let bymonthday = false;
  if (!parts.byweekno.length && !parts.byyearday.length && !parts.bymonthday.length && !parts.byday.length) {
    if (parts.freq === 'YEARLY') {
      if (!parts.bymonth.length) out.bymonth = [d.getUTCMonth() + 1];
      out.bymonthday = [d.getUTCDate()];
      bymonthday = true;
    } else if (parts.freq === 'MONTHLY') {
      out.bymonthday = [d.getUTCDate()];
      bymonthday = true;
    } else if (parts.freq === 'WEEKLY') {
      out.byday = [{ weekday: (d.getUTCDay() + 6) % 7, n: null }];
    }
  }
  return { parts: out, fromStart: { bymonthday } };
}

/**
 * A later DTSTART that yields exactly the same series from `targetF` on, or null when the
 * series must be expanded from its real start.
 *
 * rrule steps from DTSTART's period by INTERVAL periods (years, months, weeks from the week
 * start on WKST, days, hours, minutes). The cursor is the start of a period on that same
 * grid (DTSTART's period + k·INTERVAL, k ≥ 1) at least one INTERVAL before the target's
 * period. Every period from the cursor on is a full period in both expansions, and BY*
 * filters and BYSETPOS only look inside one period, so both yield the same occurrences
 * there; the explicit parts keep the defaults DTSTART supplied.
 *
 * COUNT needs the occurrences from the real start to be counted: null (it is bounded by
 * MAX_COUNT anyway).
 */
export function cursorStart(parts: RuleParts, dtstartF: number, targetF: number): number | null {
  if (parts.count !== null || targetF <= dtstartF) return null;
  const d = new Date(dtstartF);
  const t = new Date(targetF);
  const step = parts.interval;
  const k = (units: number) => Math.floor(units / step) - 1; // whole intervals, one to spare
  switch (parts.freq) {
    case 'YEARLY': {
      const n = k(t.getUTCFullYear() - d.getUTCFullYear());
      return n > 0 ? Date.UTC(d.getUTCFullYear() + n * step, 0, 1) : null;
    }
    case 'MONTHLY': {
      const n = k((t.getUTCFullYear() - d.getUTCFullYear()) * 12 + (t.getUTCMonth() - d.getUTCMonth()));
      return n > 0 ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n * step, 1) : null;
    }
    case 'WEEKLY': {
      const weekday = (d.getUTCDay() + 6) % 7;
      const weekStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((weekday - parts.wkst + 7) % 7) * DAY;
      const n = k(Math.floor((targetF - weekStart) / (7 * DAY)));
      return n > 0 ? weekStart + n * step * 7 * DAY : null;
    }
    case 'DAILY': {
      const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      const n = k(Math.floor((targetF - dayStart) / DAY));
      return n > 0 ? dayStart + n * step * DAY : null;
    }
    case 'HOURLY': {
      const hourStart = Math.floor(dtstartF / HOUR) * HOUR;
      const n = k(Math.floor((targetF - hourStart) / HOUR));
      return n > 0 ? hourStart + n * step * HOUR : null;
    }
    case 'MINUTELY': {
      const minuteStart = Math.floor(dtstartF / MINUTE) * MINUTE;
      const n = k(Math.floor((targetF - minuteStart) / MINUTE));
      return n > 0 ? minuteStart + n * step * MINUTE : null;
    }
    default:
      return null;
  }
}

/** Shortest length of one step, so `span / minStep` over-estimates the steps a span takes. */
export function minStep(parts: RuleParts): number {
  const unit = { YEARLY: 365 * DAY, MONTHLY: 28 * DAY, WEEKLY: 7 * DAY, DAILY: DAY, HOURLY: HOUR, MINUTELY: MINUTE }[parts.freq as 'DAILY'];
  return unit * parts.interval;
}

const ascending = (xs: number[]) => [...xs].sort((a, b) => a - b);

/**
 * rrule 2.8.1 builds a day's times as BYHOUR × BYMINUTE × BYSECOND in the order given and
 * never sorts them (python-dateutil does): BYMINUTE=45,15 would yield 08:45 before 08:15,
 * so COUNT, UNTIL and BYSETPOS would pick by list order instead of time. Hence sorted lists.
 */
export function toRRule(parts: RuleParts, dtstartF: number, untilF: number | null): RRule {
  return new RRule(
    {
      freq: FREQS.indexOf(parts.freq),
      dtstart: new Date(dtstartF),
      interval: parts.interval,
      count: parts.count,
      until: untilF === null ? null : new Date(untilF),
      wkst: parts.wkst,
      bysetpos: parts.bysetpos.length ? parts.bysetpos : null,
      bymonth: parts.bymonth.length ? parts.bymonth : null,
      bymonthday: parts.bymonthday.length ? parts.bymonthday : null,
      byyearday: parts.byyearday.length ? parts.byyearday : null,
      byweekno: parts.byweekno.length ? parts.byweekno : null,
      byweekday: parts.byday.length ? parts.byday.map((b) => new Weekday(b.weekday, b.n ?? undefined)) : null,
      byhour: parts.byhour.length ? ascending(parts.byhour) : null,
      byminute: parts.byminute.length ? ascending(parts.byminute) : null,
      bysecond: parts.bysecond.length ? ascending(parts.bysecond) : null,
    },
    true // no cache: every query object is used for one scan at a time
  );
}

/** An RRule whose period count is watched by `meter`. */
export function meteredRRule(parts: RuleParts, dtstartF: number, untilF: number | null, meter: Meter): RRule {
  const rule = toRRule(parts, dtstartF, untilF);
  const interval = rule.options.interval;
  Object.defineProperty(rule.options, 'interval', {
    configurable: true,
    enumerable: true,
    get() {
      meter.tick();
      return interval;
    },
  });
  return rule;
}

/**
 * Streams a rule's floating occurrences in order to `visit` until it returns false, the
 * series ends, or the scan has taken `stopAfterPeriods` periods (past the caller's window).
 * Throws RecurrenceError when the rule provably never matches or the work cap is hit.
 */
export function scan(rule: RRule, meter: Meter, visit: (floating: number) => boolean, stopAfterPeriods = Infinity): void {
  meter.reset(stopAfterPeriods);
  try {
    rule.all((date) => {
      meter.produced();
      return visit(date.getTime());
    });
  } catch (err) {
    if (!(err instanceof StopScan)) throw err;
  }
}
