/**
 * The recurrence engine: RFC 5545 rules expanded in local wall-clock time and placed in
 * IANA zones (see zone.ts for the DST rules). Pure TypeScript: no Strapi import, no
 * dependence on the host's time zone.
 */
import { RecurrenceError } from './errors';
import { parseBlock, toFloating, type DateValue, type RuleParts } from './parse';
import { expandFloating } from './expand';
import { describe as describeRule } from './describe';
import { floatingToInstant, instantToFloating, isValidZone, offsetAt } from './zone';

export { RecurrenceError };
export type { RuleParts };

export interface RecurrenceInput {
  rule: string;
  timezone?: string;
  dtstart?: string | Date;
  exceptions?: string[];
}

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

const MIN = 60_000;
const DAY = 86_400_000;
const YEAR = 366 * DAY;
export const MAX_OCCURRENCES = 10_000;
export const MAX_PREVIEW_COUNT = 1000;

/** How far ahead `next`/`list` look before concluding a rule never fires. */
const HORIZON: Record<string, number> = {
  MINUTELY: YEAR,
  HOURLY: 5 * YEAR,
  DAILY: 100 * YEAR,
  WEEKLY: 100 * YEAR,
  MONTHLY: 100 * YEAR,
  YEARLY: 400 * YEAR,
};
/** One period of each frequency; the first search window holds `count + 1` of them. */
const PERIOD: Record<string, number> = { MINUTELY: MIN, HOURLY: 3_600_000, DAILY: DAY, WEEKLY: 7 * DAY, MONTHLY: 31 * DAY, YEARLY: YEAR };

export function validateTimezone(zone: string): boolean {
  return isValidZone(zone);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu']);

function floatingIso(f: number): string {
  const d = new Date(f);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function occurrence(instantMs: number, zone: string): Occurrence {
  const offset = offsetAt(zone, instantMs);
  const local = floatingIso(instantMs + offset);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / MIN;
  const suffix = offset === 0 && UTC_NAMES.has(zone) ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  const instant = new Date(instantMs);
  return { utc: instant.toISOString(), local: `${local}.${pad(instant.getUTCMilliseconds(), 3)}${suffix}`, instant, localDate: local.slice(0, 10), localTime: local.slice(11, 16) };
}

function toInstantMs(value: Date | string, field: 'from' | 'to' | 'dtstart'): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new RecurrenceError(field, `${field} ${JSON.stringify(value)} is not a valid date-time`);
  return ms;
}

/** 'YYYY-MM-DDTHH:mm[:ss[.SSS]]' (no offset) as floating ms, or null if it has an offset. */
function parseFloatingText(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) {
    throw new RecurrenceError('dtstart', `dtstart "${text}" is not a valid local date-time`);
  }
  return ms;
}

export function parseRecurrence(input: RecurrenceInput): Recurrence {
  if (!input || typeof input.rule !== 'string' || input.rule.trim() === '') throw new RecurrenceError('rule', 'a rule is required, e.g. FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  if (input.timezone !== undefined && input.timezone !== null && input.timezone !== '' && !isValidZone(input.timezone)) {
    throw new RecurrenceError('timezone', `unknown time zone "${input.timezone}"; use an IANA name such as "Asia/Shanghai"`);
  }
  const block = parseBlock(input.rule);
  const parts = block.rule;

  const zone: string | undefined =
    input.timezone || (block.dtstart?.kind === 'floating' && block.dtstart.tzid) || (block.dtstart?.kind === 'instant' ? 'UTC' : undefined);
  if (!zone) throw new RecurrenceError('timezone', 'a time zone is required (timezone, or DTSTART;TZID=...)');

  // The floating start, in the zone's wall-clock time.
  let dtstartF: number;
  let allDay = false;
  if (block.dtstart) {
    allDay = block.dtstart.kind === 'date';
    dtstartF = toFloating(block.dtstart, zone);
  } else if (input.dtstart instanceof Date) {
    dtstartF = instantToFloating(toInstantMs(input.dtstart, 'dtstart'), zone);
  } else if (typeof input.dtstart === 'string' && input.dtstart.trim() !== '') {
    const floating = parseFloatingText(input.dtstart);
    dtstartF = floating ?? instantToFloating(toInstantMs(input.dtstart, 'dtstart'), zone);
  } else {
    throw new RecurrenceError('dtstart', 'a start (DTSTART) is required: give dtstart, or a DTSTART line in the rule');
  }

  let untilF: number | null = null;
  if (parts.until) untilF = 'instant' in parts.until ? instantToFloating(parts.until.instant, zone) : parts.until.floating;
  if (untilF !== null && untilF < dtstartF) {
    throw new RecurrenceError('rule', `UNTIL ${floatingIso(untilF)} is before the start ${floatingIso(dtstartF)}`);
  }

  const exInstants = new Set<number>();
  const exDates = new Set<string>(input.exceptions ?? []);
  for (const v of block.exdates) {
    if (v.kind === 'date') exDates.add(floatingIso(v.ms).slice(0, 10));
    else exInstants.add(v.kind === 'instant' ? v.ms : floatingToInstant(toFloating(v, zone), zone));
  }
  const rdates = block.rdates.map((v: DateValue) => (v.kind === 'instant' ? v.ms : floatingToInstant(toFloating(v, zone), zone))).sort((a, b) => a - b);

  const keep = (instantMs: number) => {
    if (exInstants.has(instantMs)) return false;
    if (exDates.size && exDates.has(floatingIso(instantToFloating(instantMs, zone)).slice(0, 10))) return false;
    return true;
  };

  /** Instants in [fromMs, toMs] (inclusive bounds), sorted. */
  function instantsBetween(fromMs: number, toMs: number, cap: number, truncate: boolean): number[] {
    // Widen by a day in floating space: offsets move a wall-clock time by at most ±26 h.
    const margin = cap + 64;
    const floating = expandFloating(parts, dtstartF, untilF, instantToFloating(fromMs, zone) - DAY, instantToFloating(toMs, zone) + DAY, margin, true);
    const out: number[] = [];
    for (const f of floating) {
      const i = floatingToInstant(f, zone);
      if (i >= fromMs && i <= toMs && keep(i)) out.push(i);
    }
    for (const r of rdates) if (r >= fromMs && r <= toMs && keep(r) && !out.includes(r)) out.push(r);
    out.sort((a, b) => a - b);
    if (out.length > cap || (floating.length >= margin && !truncate)) {
      if (truncate) out.length = cap;
      else throw new RecurrenceError('rule', `the rule produces more than ${cap} occurrences in the requested window; narrow the window or the rule`);
    }
    return out;
  }

  const startInstant = floatingToInstant(dtstartF, zone);
  const ended = (afterMs: number) => (untilF !== null && instantToFloating(afterMs, zone) > untilF + DAY) || false;

  /** The first `count` instants at or after `fromMs`, searching in growing windows. */
  function firstFrom(fromMs: number, count: number): number[] {
    const found: number[] = [];
    let lo = Math.max(fromMs, startInstant - DAY);
    let span = PERIOD[parts.freq] * parts.interval * (count + 1);
    const limit = fromMs + HORIZON[parts.freq] * Math.max(1, Math.min(parts.interval, 10));
    const lastRdate = rdates.length ? rdates[rdates.length - 1] : -Infinity;
    while (found.length < count) {
      const hi = Math.min(lo + span, limit);
      const batch = instantsBetween(lo, hi, count - found.length, true);
      for (const i of batch) if (i >= fromMs) found.push(i);
      if (found.length >= count || hi >= limit) break;
      if (parts.count !== null || untilF !== null) {
        // A finished series: stop once past its end.
        if (ended(hi) && hi > lastRdate) break;
      }
      lo = hi + 1;
      span *= 2;
    }
    if (found.length === 0 && parts.count === null && untilF === null && rdates.every((r) => r < fromMs)) {
      const years = Math.round(HORIZON[parts.freq] / YEAR);
      throw new RecurrenceError('rule', `the rule produces no occurrence within ${years} years; check BYMONTH/BYMONTHDAY/BYDAY (e.g. February 30 never exists)`);
    }
    return found.slice(0, count);
  }

  const startLocalIso = floatingIso(dtstartF);
  const untilLabel = untilF === null ? null : floatingIso(untilF).slice(0, 10);

  return {
    timezone: zone,
    dtstartLocal: startLocalIso,
    allDay,
    next(after, opts = {}) {
      const ms = toInstantMs(after, 'from') + (opts.inclusive ? 0 : 1);
      const [first] = firstFrom(ms, 1);
      return first === undefined ? null : occurrence(first, zone);
    },
    between(from, to, opts = {}) {
      const lo = toInstantMs(from, 'from');
      const hi = toInstantMs(to, 'to');
      if (hi < lo) throw new RecurrenceError('to', 'to must not be before from');
      const inclusive = opts.inclusive ?? true;
      const cap = opts.limit ?? MAX_OCCURRENCES;
      const list = instantsBetween(lo, hi, cap, opts.limit !== undefined).filter((i) => inclusive || (i !== lo && i !== hi));
      return list.map((i) => occurrence(i, zone));
    },
    list({ from, count }) {
      if (!Number.isInteger(count) || count < 1 || count > MAX_OCCURRENCES) throw new RecurrenceError('count', `count must be a whole number from 1 to ${MAX_OCCURRENCES}`);
      const fromMs = from === undefined ? startInstant : toInstantMs(from, 'from');
      return firstFrom(fromMs, count).map((i) => occurrence(i, zone));
    },
    describe() {
      const d = new Date(dtstartF);
      return describeRule(parts, { hour: d.getUTCHours(), minute: d.getUTCMinutes() }, untilLabel);
    },
  };
}

export function preview(input: RecurrenceInput & { from?: string | Date; count?: number }) {
  const count = input.count ?? 10;
  if (!Number.isInteger(count) || count < 1 || count > MAX_PREVIEW_COUNT) throw new RecurrenceError('count', `count must be a whole number from 1 to ${MAX_PREVIEW_COUNT}`);
  const recurrence = parseRecurrence(input);
  const from = input.from === undefined || input.from === null ? undefined : input.from;
  return {
    timezone: recurrence.timezone,
    description: recurrence.describe(),
    occurrences: recurrence.list({ from, count }).map((o) => ({ utc: o.utc, local: o.local })),
  };
}

/**
 * A playbook step for one group: "Day N at HH:mm" from the cohort start in the group's
 * zone, optionally repeated by a rule inside the playbook window.
 */
export function resolveStep(s: { cohortStart: string; day: number; time: string; timezone: string; rule?: string | null; windowDays?: number }): Recurrence {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s.cohortStart)) throw new RecurrenceError('dtstart', `cohortStart "${s.cohortStart}" is not a date YYYY-MM-DD`);
  if (!/^\d{2}:\d{2}/.test(s.time)) throw new RecurrenceError('dtstart', `step time "${s.time}" is not HH:mm`);
  const base = Date.UTC(Number(s.cohortStart.slice(0, 4)), Number(s.cohortStart.slice(5, 7)) - 1, Number(s.cohortStart.slice(8, 10)));
  const startF = base + s.day * DAY + Number(s.time.slice(0, 2)) * 3_600_000 + Number(s.time.slice(3, 5)) * MIN;
  const dtstart = floatingIso(startF);
  let rule = s.rule && s.rule.trim() ? s.rule.trim().replace(/^RRULE:/i, '') : 'FREQ=DAILY;COUNT=1';
  if (s.rule && s.windowDays !== undefined && !/(^|;)\s*(COUNT|UNTIL)=/i.test(rule)) {
    // Repeat up to the end of the playbook's last local day.
    const endF = base + (s.windowDays + 1) * DAY - 1000;
    rule += `;UNTIL=${floatingIso(endF).replace(/[-:]/g, '')}`;
  }
  return parseRecurrence({ rule, timezone: s.timezone, dtstart });
}
