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

export interface Occurrence {
  utc: string;
  local: string;
  instant: Date;
  localDate: string;
  localTime: string;
}

export interface Recurrence {
  timezone: string;
  dtstartLocal: string;
  allDay: boolean;
  next(after: Date | string, opts?: { inclusive?: boolean }): Occurrence | null;
  between(from: Date | string, to: Date | string, opts?: { inclusive?: boolean; limit?: number }): Occurrence[];
  list(opts: { from?: Date | string; count: number }): Occurrence[];
  describe(): { en: string; zh: string };
}

/** Most occurrences one call returns (list count, between without limit). */
export const MAX_OCCURRENCES = 10_000;

export interface SeriesSpec {
  parts: RuleParts;
  zone: string;
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
  const { parts, zone, dtstartF, exInstants, exDates, rdates, untilInstant } = spec;
  const explicit = explicitParts(parts, dtstartF).parts;
  // An instant UNTIL becomes a generous floating bound for rrule; the exact test is
  // made on placed instants (a wall-clock time in an overlap has two instants).
  const rruleUntil = spec.untilF ?? (untilInstant === null ? null : instantToFloating(untilInstant, zone) + MARGIN);
  const startInstant = floatingToInstant(dtstartF, zone);
  const meter = new Meter(parts.freq);
  const step = minStep(parts);

  // A few RRule objects per start point: repeated queries near the same time reuse them.
  const rules = new Map<number, RRule>();
  function ruleFrom(startF: number, cursor: boolean): RRule {
    let rule = rules.get(startF);
    if (!rule) {
      rule = meteredRRule(cursor ? explicit : parts, startF, rruleUntil, meter);
      if (rules.size >= 8) rules.delete(rules.keys().next().value as number);
      rules.set(startF, rule);
    }
    return rule;
  }

  const keep = (i: number) => !exInstants.has(i) && (exDates.size === 0 || !exDates.has(floatingDate(instantToFloating(i, zone))));

  /** The first `n` instants in [lo, hi], sorted, and whether there are more. */
  function collect(lo: number, hi: number, n: number): { list: number[]; more: boolean } {
    const out: number[] = [];
    const fromF = instantToFloating(lo, zone) - MARGIN;
    const toF = Number.isFinite(hi) ? instantToFloating(hi, zone) + MARGIN : Infinity;
    if (!spec.empty && (rruleUntil === null || fromF <= rruleUntil + MARGIN)) {
      const cursor = cursorStart(parts, dtstartF, fromF);
      const startF = cursor ?? dtstartF;
      let stopF = Infinity;
      let max = -Infinity;
      scan(
        ruleFrom(startF, cursor !== null),
        meter,
        (f) => {
          if (f > toF || f > stopF) return false;
          if (f < fromF) return true;
          const i = floatingToInstant(f, zone);
          if (i < lo || i > hi || (untilInstant !== null && i > untilInstant) || !keep(i)) return true;
          out.push(i);
          if (i > max) max = i;
          // Once n + 1 are in hand, later wall-clock times more than MARGIN past the
          // largest cannot land before it.
          if (out.length === n + 1) stopF = instantToFloating(max, zone) + MARGIN;
          return true;
        },
        Number.isFinite(toF) ? Math.ceil((toF - startF) / step) + 2 : Infinity
      );
    }
    for (const r of rdates) if (r >= lo && r <= hi && keep(r)) out.push(r);
    out.sort((a, b) => a - b);
    const list: number[] = [];
    for (const i of out) if (list[list.length - 1] !== i) list.push(i);
    return { list: list.slice(0, n), more: list.length > n };
  }

  const occurrence = (i: number): Occurrence => {
    const { iso } = luxonIso(i, zone);
    return { utc: new Date(i).toISOString(), local: iso, instant: new Date(i), localDate: iso.slice(0, 10), localTime: iso.slice(11, 16) };
  };

  const untilLabel =
    spec.untilF !== null ? floatingDate(spec.untilF) : untilInstant !== null ? floatingDate(instantToFloating(untilInstant, zone)) : null;

  return {
    timezone: zone,
    dtstartLocal: floatingIso(dtstartF),
    allDay: spec.allDay,
    next(after, opts = {}) {
      const ms = toInstant(after, zone, 'from') + (opts.inclusive ? 0 : 1);
      const [first] = collect(ms, Infinity, 1).list;
      return first === undefined ? null : occurrence(first);
    },
    between(from, to, opts = {}) {
      const inclusive = opts.inclusive ?? true;
      const lo = toInstant(from, zone, 'from');
      const hi = toInstant(to, zone, 'to');
      if (hi < lo) throw new RecurrenceError('to', 'to must not be before from');
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
      const lo = from === undefined || from === null ? startInstant : toInstant(from, zone, 'from');
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
      });
    },
  };
}
