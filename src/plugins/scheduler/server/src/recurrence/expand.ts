/**
 * Expansion in floating local time with `rrule` (never its tzid path), starting from a
 * cursor near the requested window so the cost does not grow with the rule's age.
 */
import { RRule, Weekday } from 'rrule';
import { FREQS, type RuleParts } from './parse';
import { RecurrenceError } from './errors';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The BY* values rrule would otherwise take from DTSTART, made explicit so DTSTART can move. */
export function explicitParts(parts: RuleParts, dtstartF: number): RuleParts {
  const d = new Date(dtstartF);
  const out: RuleParts = { ...parts };
  const daily = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'].includes(parts.freq);
  if (daily && out.byhour.length === 0) out.byhour = [d.getUTCHours()];
  if (parts.freq !== 'MINUTELY' && out.byminute.length === 0) out.byminute = [d.getUTCMinutes()];
  if (out.bysecond.length === 0) out.bysecond = [d.getUTCSeconds()];
  // Same condition as rrule (and python-dateutil) for taking the day from DTSTART.
  if (!parts.byweekno.length && !parts.byyearday.length && !parts.bymonthday.length && !parts.byday.length) {
    if (parts.freq === 'YEARLY') {
      if (!parts.bymonth.length) out.bymonth = [d.getUTCMonth() + 1];
      out.bymonthday = [d.getUTCDate()];
    } else if (parts.freq === 'MONTHLY') {
      out.bymonthday = [d.getUTCDate()];
    } else if (parts.freq === 'WEEKLY') {
      out.byday = [{ weekday: (d.getUTCDay() + 6) % 7, n: null }];
    }
  }
  return out;
}

/**
 * A later DTSTART that yields exactly the same series from `targetF` on: moved by a whole
 * number of INTERVAL periods, to the start of its period, one period before the target.
 * Null when the series must be counted from its real start (COUNT).
 */
export function cursorStart(parts: RuleParts, dtstartF: number, targetF: number): number | null {
  if (parts.count !== null || targetF <= dtstartF) return null;
  const d = new Date(dtstartF);
  const t = new Date(targetF);
  const step = parts.interval;
  const whole = (units: number) => Math.floor(units / step) - 1;
  switch (parts.freq) {
    case 'YEARLY': {
      const k = whole(t.getUTCFullYear() - d.getUTCFullYear());
      return k > 0 ? Date.UTC(d.getUTCFullYear() + k * step, 0, 1) : null;
    }
    case 'MONTHLY': {
      const months = (t.getUTCFullYear() - d.getUTCFullYear()) * 12 + (t.getUTCMonth() - d.getUTCMonth());
      const k = whole(months);
      return k > 0 ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k * step, 1) : null;
    }
    case 'WEEKLY': {
      // Weeks start on WKST; keep the week grid rrule builds from DTSTART's week.
      const weekday = (d.getUTCDay() + 6) % 7;
      const weekStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((weekday - parts.wkst + 7) % 7) * DAY;
      const k = whole(Math.floor((targetF - weekStart) / (7 * DAY)));
      return k > 0 ? weekStart + k * step * 7 * DAY : null;
    }
    case 'DAILY': {
      const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      const k = whole(Math.floor((targetF - dayStart) / DAY));
      return k > 0 ? dayStart + k * step * DAY : null;
    }
    case 'HOURLY': {
      const hourStart = dtstartF - (dtstartF % HOUR);
      const k = whole(Math.floor((targetF - hourStart) / HOUR));
      return k > 0 ? hourStart + k * step * HOUR : null;
    }
    case 'MINUTELY': {
      const minuteStart = dtstartF - (dtstartF % MIN);
      const k = whole(Math.floor((targetF - minuteStart) / MIN));
      return k > 0 ? minuteStart + k * step * MIN : null;
    }
    default:
      return null;
  }
}

export function toRRule(parts: RuleParts, dtstartF: number, untilF: number | null): RRule {
  return new RRule({
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
    byhour: parts.byhour.length ? parts.byhour : null,
    byminute: parts.byminute.length ? parts.byminute : null,
    bysecond: parts.bysecond.length ? parts.bysecond : null,
  });
}

/**
 * Floating occurrences in [fromF, toF] (inclusive), at most `cap`; more than `cap` is an
 * error unless `truncate` (the caller asked for a limit).
 */
export function expandFloating(
  parts: RuleParts,
  dtstartF: number,
  untilF: number | null,
  fromF: number,
  toF: number,
  cap: number,
  truncate: boolean
): number[] {
  if (toF < dtstartF || (untilF !== null && fromF > untilF)) return [];
  const cursor = cursorStart(parts, dtstartF, fromF);
  const rule = cursor === null ? toRRule(parts, dtstartF, untilF) : toRRule(explicitParts(parts, dtstartF), cursor, untilF);
  const out: number[] = [];
  let overflow = false;
  rule.between(new Date(fromF), new Date(toF), true, (date) => {
    if (out.length >= cap) {
      overflow = true;
      return false;
    }
    out.push(date.getTime());
    return true;
  });
  if (overflow && !truncate) {
    throw new RecurrenceError('rule', `the rule produces more than ${cap} occurrences in the requested window; narrow the window or the rule`);
  }
  return out;
}
