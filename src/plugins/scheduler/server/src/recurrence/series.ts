/**
 * A parsed, validated recurrence in one zone: the object callers query (next / between /
 * list / describe). Floating occurrences come from expand.ts; zone.ts places them.
 */
import type { RRule } from 'rrule';
import { RecurrenceError } from './errors';
import { cursorStart, explicitParts, meteredRRule, minStep, scan } from './expand';
import { Meter } from './guard';
import { DAY, floatingDate, floatingIso, luxonIso, toInstant } from './format';
import { floatingToInstant, instantToFloating } from './zone';
import { describe as describeRule } from './describe';
import type { RuleParts } from './parse';
import { dayChange, floatingYear, isCnYearCovered, keepsDay, missingYearWarning, type CalendarName, type DayChange } from './cn-calendar';
import { describeScaleParts, scaleDays, type ScaleRule } from './rscale';

export interface Occurrence {
  utc: string;
  local: string;
  instant: Date;
  localDate: string;
  localTime: string;
}

export interface CalendarReport {
  /** Days the calendar took away from the plain rule, or added to it, in the display zone. */
  adjustments: DayChange[];
  /** "no China holiday data for 2027 yet: …" for each year reached that the data does not cover. */
  warnings: ReturnType<typeof missingYearWarning>[];
}

export interface Recurrence {
  /** The zone `local` is shown in (and calendars and exception dates are read in). */
  timezone: string;
  /** The zone the rule repeats in: DTSTART's own (TZID, or UTC for a …Z start), else `timezone`. */
  ruleZone: string;
  calendar: CalendarName;
  dtstartLocal: string;
  allDay: boolean;
  next(after: Date | string, opts?: { inclusive?: boolean }): Occurrence | null;
  between(from: Date | string, to: Date | string, opts?: { inclusive?: boolean; limit?: number }): Occurrence[];
  list(opts: { from?: Date | string; count: number }): Occurrence[];
  describe(): { en: string; zh: string };
  /** What the calendar changes between two instants (at most `limit` adjustments). */
  calendarReport(from: Date | string, to: Date | string, limit?: number): CalendarReport;
}

/** Most occurrences one call returns (list count, between without limit). */
export const MAX_OCCURRENCES = 10_000;

export interface SeriesSpec {
  parts: RuleParts;
  /** The zone the rule repeats in (see Recurrence.ruleZone). */
  zone: string;
  /** The zone occurrences are shown, and calendar days read, in. */
  displayZone: string;
  calendar: CalendarName;
  /** Set for RFC 7529 rules expanded in another calendar (rscale.ts); null: rrule. */
  scaleRule: ScaleRule | null;
  /** Seconds after midnight of each post of a scale rule, ascending. */
  scaleTimes: number[];
  /** Floating local start, whole seconds. */
  dtstartF: number;
  allDay: boolean;
  /** UNTIL as an instant (…Z): compared in real time, after placement. */
  untilInstant: number | null;
  /** UNTIL as floating local time: handed to rrule as is. */
  untilF: number | null;
  exInstants: Set<number>;
  exDates: Set<string>;
  /** RDATE instants, sorted. */
  rdates: number[];
  /** A step that starts after its playbook window: no occurrences. */
  empty?: boolean;
  /** A single post (a playbook step without a rule): described as "once". */
  once?: boolean;
}

/**
 * Placement never moves a wall-clock time by more than the largest offset change (< 2
 * days) relative to its neighbours, so 2 days of floating margin around a window of
 * instants is enough to see every occurrence that lands in it.
 */
const MARGIN = 2 * DAY;

export function createRecurrence(spec: SeriesSpec): Recurrence {
  const { parts, zone, displayZone, calendar, scaleRule, scaleTimes, dtstartF, exInstants, exDates, rdates, untilInstant } = spec;
  const explicit = explicitParts(parts, dtstartF).parts;
  // An instant UNTIL becomes a generous floating bound for rrule; the exact test is
  // made on placed instants (a wall-clock time in an overlap has two instants).
  const rruleUntil = spec.untilF ?? (untilInstant === null ? null : instantToFloating(untilInstant, zone) + MARGIN);
  const startInstant = floatingToInstant(dtstartF, zone);
  const meter = new Meter(parts.freq);
  const step = minStep(parts);
  // A calendar (or another calendar scale) is part of the rule: COUNT counts the posts
  // that remain after it, so this file counts instead of rrule. EXDATEs still come after.
  const countHere = parts.count !== null && (calendar !== 'none' || scaleRule !== null);
  const rruleParts = countHere ? { ...parts, count: null } : parts;
  const startDay = Math.floor(dtstartF / DAY) * DAY;

  // A few RRule objects per start point: repeated queries near the same time reuse them.
  const rules = new Map<number, RRule>();
  function ruleFrom(startF: number, cursor: boolean): RRule {
    let rule = rules.get(startF);
    if (!rule) {
      rule = meteredRRule(cursor ? explicit : rruleParts, startF, rruleUntil, meter);
      if (rules.size >= 8) rules.delete(rules.keys().next().value as number);
      rules.set(startF, rule);
    }
    return rule;
  }

  const dayOf = (i: number) => instantToFloating(i, displayZone);
  const onCalendar = (i: number) => calendar === 'none' || keepsDay(calendar, dayOf(i));
  const keep = (i: number) => !exInstants.has(i) && (exDates.size === 0 || !exDates.has(floatingDate(dayOf(i)))) && onCalendar(i);

  /** The rule's floating times in order from about `fromF`, until `visit` says stop. */
  function stream(fromF: number, toF: number, visit: (f: number) => boolean) {
    if (scaleRule) {
      const fromDay = parts.count === null && fromF > dtstartF ? Math.floor(fromF / DAY) * DAY : undefined;
      for (const day of scaleDays(scaleRule, startDay, { fromDay })) {
        for (const t of scaleTimes) {
          const f = day + t;
          if (f < dtstartF) continue;
          if (rruleUntil !== null && f > rruleUntil) return;
          if (!visit(f)) return;
        }
      }
      return;
    }
    const cursor = countHere ? null : cursorStart(parts, dtstartF, fromF);
    const startF = cursor ?? dtstartF;
    scan(ruleFrom(startF, cursor !== null), meter, visit, Number.isFinite(toF) ? Math.ceil((toF - startF) / step) + 2 : Infinity);
  }

  /** The first `n` instants in [lo, hi], sorted, and whether there are more. */
  function collect(lo: number, hi: number, n: number, plain = false): { list: number[]; more: boolean } {
    const out: number[] = [];
    const fromF = instantToFloating(lo, zone) - MARGIN;
    const toF = Number.isFinite(hi) ? instantToFloating(hi, zone) + MARGIN : Infinity;
    if (!spec.empty && (rruleUntil === null || fromF <= rruleUntil + MARGIN)) {
      let stopF = Infinity;
      let max = -Infinity;
      let counted = 0;
      stream(fromF, toF, (f) => {
        if (f > toF || f > stopF) return false;
        let i: number | null = null;
        if (countHere) {
          i = floatingToInstant(f, zone);
          if (!plain && !onCalendar(i)) return true;
          if (++counted > (parts.count as number)) return false;
        }
        if (f < fromF) return true;
        i ??= floatingToInstant(f, zone);
        if (i < lo || i > hi || (untilInstant !== null && i > untilInstant) || (plain ? false : !keep(i))) return true;
        out.push(i);
        if (i > max) max = i;
        // Once n + 1 are in hand, later wall-clock times more than MARGIN past the
        // largest cannot land before it.
        if (out.length === n + 1) stopF = instantToFloating(max, zone) + MARGIN;
        return true;
      });
    }
    for (const r of rdates) if (r >= lo && r <= hi && (plain || keep(r))) out.push(r);
    out.sort((a, b) => a - b);
    const list: number[] = [];
    for (const i of out) if (list[list.length - 1] !== i) list.push(i);
    return { list: list.slice(0, n), more: list.length > n };
  }

  const occurrence = (i: number): Occurrence => {
    const { iso } = luxonIso(i, displayZone);
    return { utc: new Date(i).toISOString(), local: iso, instant: new Date(i), localDate: iso.slice(0, 10), localTime: iso.slice(11, 16) };
  };

  const untilLabel =
    spec.untilF !== null ? floatingDate(spec.untilF) : untilInstant !== null ? floatingDate(instantToFloating(untilInstant, zone)) : null;

  const window = (from: Date | string, to: Date | string) => {
    const lo = toInstant(from, displayZone, 'from');
    const hi = toInstant(to, displayZone, 'to');
    if (hi < lo) throw new RecurrenceError('to', 'to must not be before from');
    return { lo, hi };
  };

  return {
    timezone: displayZone,
    ruleZone: zone,
    calendar,
    dtstartLocal: zone === displayZone ? floatingIso(dtstartF) : floatingIso(instantToFloating(startInstant, displayZone)),
    allDay: spec.allDay,
    next(after, opts = {}) {
      const ms = toInstant(after, displayZone, 'from') + (opts.inclusive ? 0 : 1);
      const [first] = collect(ms, Infinity, 1).list;
      return first === undefined ? null : occurrence(first);
    },
    between(from, to, opts = {}) {
      const inclusive = opts.inclusive ?? true;
      const { lo, hi } = window(from, to);
      const { limit } = opts;
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_OCCURRENCES)) {
        throw new RecurrenceError('count', `limit must be a whole number from 1 to ${MAX_OCCURRENCES}`);
      }
      const { list, more } = collect(inclusive ? lo : lo + 1, inclusive ? hi : hi - 1, limit ?? MAX_OCCURRENCES);
      if (more && limit === undefined) {
        throw new RecurrenceError(
          'rule',
          `too many occurrences: the rule produces more than ${MAX_OCCURRENCES} in the requested window; narrow the window or pass a limit`
        );
      }
      return list.map(occurrence);
    },
    list({ from, count }) {
      if (!Number.isInteger(count) || count < 1 || count > MAX_OCCURRENCES)
        throw new RecurrenceError('count', `count must be a whole number from 1 to ${MAX_OCCURRENCES}`);
      const lo = from === undefined || from === null ? startInstant : toInstant(from, displayZone, 'from');
      return collect(lo, Infinity, count).list.map(occurrence);
    },
    describe() {
      const d = new Date(dtstartF);
      return describeRule(parts, {
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        allDay: spec.allDay,
        untilLabel,
        once: spec.once ? floatingDate(dtstartF) : null,
        calendar,
        ruleZone: zone === displayZone ? null : zone,
        scale: scaleRule ? describeScaleParts(scaleRule, startDay) : null,
      });
    },
    calendarReport(from, to, limit = 30) {
      const report: CalendarReport = { adjustments: [], warnings: [] };
      if (calendar === 'none') return report;
      const { lo, hi } = window(from, to);
      // The plain rule's days (without the calendar) show what the calendar changed.
      const seen = new Set<number>();
      const missing = new Set<number>();
      for (const i of collect(lo, hi, MAX_OCCURRENCES, true).list) {
        const day = Math.floor(dayOf(i) / DAY) * DAY;
        if (seen.has(day)) continue;
        seen.add(day);
        const year = floatingYear(day);
        if (!isCnYearCovered(year)) missing.add(year);
        const change = report.adjustments.length < limit ? dayChange(calendar, day, floatingDate(day)) : null;
        if (change) report.adjustments.push(change);
      }
      report.warnings = [...missing].sort((a, b) => a - b).map((y) => missingYearWarning(calendar, y));
      return report;
    },
  };
}
