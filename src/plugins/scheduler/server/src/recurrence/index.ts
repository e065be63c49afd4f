/**
 * The recurrence engine: RFC 5545 rules expanded in local wall-clock time and placed in
 * IANA zones (zone.ts has the DST rules). Pure TypeScript: no Strapi import, nothing that
 * reads the host's time zone.
 */
import { RecurrenceError } from './errors';
import { parseBlock, parseRuleParts, type DateValue, type ParsedBlock, type RuleParts } from './parse';
import { explicitParts } from './expand';
import { assertCanMatch } from './guard';
import { createRecurrence, MAX_OCCURRENCES, type CalendarReport, type Occurrence, type Recurrence } from './series';
import { DAY, HOUR, MINUTE, floatingIso, parseDateTimeText, toFloatingSeconds, toInstant, utcFields } from './format';
import { floatingToInstant, isValidZone } from './zone';
import { CALENDARS, isCalendarName, type CalendarName } from './cn-calendar';
import { assertScaleRuleCanMatch, type ScaleRule } from './rscale';

export { RecurrenceError, MAX_OCCURRENCES, CALENDARS };
export type { CalendarReport, Occurrence, Recurrence, RuleParts, CalendarName };

export interface RecurrenceInput {
  /** 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0' (with or without 'RRULE:') or a DTSTART/RRULE/EXDATE/RDATE block. */
  rule: string;
  /** IANA zone; required unless the block's DTSTART has TZID or ends in Z (then UTC). */
  timezone?: string;
  /** Local wall-clock 'YYYY-MM-DDTHH:mm[:ss]' in `timezone`, or an instant (Date, ISO with Z/offset). Ignored if the block has DTSTART. */
  dtstart?: string | Date;
  /** Local dates 'YYYY-MM-DD' on which no occurrence happens. */
  exceptions?: string[];
  /** China's working-day calendar applied in the zone's local days (cn-calendar.ts); default none. */
  calendar?: CalendarName | null;
}

function calendarOf(value: unknown): CalendarName {
  if (value === undefined || value === null || value === '') return 'none';
  if (!isCalendarName(value))
    throw new RecurrenceError('calendar', `calendar ${JSON.stringify(value)} is not one of ${CALENDARS.join(', ')}`);
  return value;
}

export const MAX_PREVIEW_COUNT = 1000;

/** An IANA zone name luxon can use ('UTC' and 'Etc/UTC' included); never '' or a fixed offset like 'UTC+8'. */
export function validateTimezone(zone: string): boolean {
  return isValidZone(zone);
}

export function parseRecurrence(input: RecurrenceInput): Recurrence {
  if (!input || typeof input.rule !== 'string' || input.rule.trim() === '') {
    throw new RecurrenceError('rule', 'a rule is required, e.g. FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  }
  const given = input.timezone === undefined || input.timezone === null || input.timezone === '' ? null : input.timezone;
  if (given !== null && !isValidZone(given)) {
    throw new RecurrenceError('timezone', `unknown time zone "${given}"; use an IANA name such as "Asia/Shanghai"`);
  }
  const calendar = calendarOf(input.calendar);
  const block = parseBlock(input.rule);
  const dt = block.dtstart;

  // A TZID start names the zone; a Z start means UTC unless a zone is given.
  const zone = given ?? (dt?.kind === 'floating' ? dt.tzid : null) ?? (dt?.kind === 'instant' ? 'UTC' : null);
  if (!zone) throw new RecurrenceError('timezone', 'a time zone is required: give timezone, or DTSTART;TZID=... in the rule');
  // RFC 5545: a rule repeats in its DTSTART's zone (TZID, or UTC for …Z), whatever zone the
  // posts are shown in: 13:00Z stays 13:00Z across a DST change where the group lives.
  const ruleZone = dt?.kind === 'instant' ? 'UTC' : dt?.kind === 'floating' && dt.tzid ? dt.tzid : zone;

  let dtstartF: number;
  if (dt) {
    dtstartF = floatingIn(dt, ruleZone);
  } else if (input.dtstart instanceof Date) {
    if (Number.isNaN(input.dtstart.getTime())) throw new RecurrenceError('dtstart', 'dtstart is an invalid Date');
    dtstartF = toFloatingSeconds(input.dtstart.getTime(), zone);
  } else if (typeof input.dtstart === 'string' && input.dtstart.trim() !== '') {
    const p = parseDateTimeText(input.dtstart);
    if (p.kind === 'floating') dtstartF = p.ms;
    else if (p.kind === 'instant') dtstartF = toFloatingSeconds(p.ms, zone);
    else {
      throw new RecurrenceError(
        'dtstart',
        p.kind === 'invalid'
          ? `dtstart "${input.dtstart}" is not a real calendar date-time`
          : `dtstart "${input.dtstart}" is not a local date-time YYYY-MM-DDTHH:mm[:ss] (or an ISO instant with Z / an offset)`
      );
    }
  } else {
    throw new RecurrenceError('dtstart', 'a start (DTSTART) is required: give dtstart, or a DTSTART line in the rule');
  }

  return build(block, { zone: ruleZone, displayZone: zone, calendar }, dtstartF, dt?.kind === 'date', exceptionDates(input.exceptions));
}

/** A DTSTART value as floating local time in `zone`. */
function floatingIn(v: DateValue, zone: string): number {
  if (v.kind === 'instant') return toFloatingSeconds(v.ms, zone);
  if (v.kind === 'floating' && v.tzid && v.tzid !== zone) return toFloatingSeconds(floatingToInstant(v.ms, v.tzid), zone);
  return v.ms;
}

/** An EXDATE / RDATE value as an instant; dates and floating values are local to `zone` (or their TZID). */
function instantOf(v: DateValue, zone: string): number {
  if (v.kind === 'instant') return v.ms;
  return floatingToInstant(v.ms, v.kind === 'floating' && v.tzid ? v.tzid : zone);
}

function exceptionDates(list: unknown): Set<string> {
  const out = new Set<string>();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw new RecurrenceError('rule', 'exceptions must be a list of local dates YYYY-MM-DD');
  for (const e of list) {
    const m = typeof e === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(e) : null;
    if (!m || utcFields(+m[1], +m[2], +m[3]) === null)
      throw new RecurrenceError('rule', `exception ${JSON.stringify(e)} is not a local date YYYY-MM-DD`);
    out.add(e as string);
  }
  return out;
}

/** A rule's form under a calendar, without a start or zone: what a playbook step can be checked for on save. */
export function checkRuleCalendar(rule: string | null | undefined, calendar: unknown): void {
  const name = calendarOf(calendar);
  if (typeof rule !== 'string' || !rule.trim()) return;
  const block = parseBlock(rule);
  if (name === 'cn-workdays') workdayParts(block.rule);
}

/**
 * cn-workdays picks the days itself (working days, make-up weekends included), so the rule
 * may only give the times: daily, or "weekdays"/"every day" weekly, or sub-daily on such
 * days. Returned as the equivalent every-day rule the calendar then filters.
 */
function workdayParts(parts: RuleParts): RuleParts {
  const refuse = (why: string): never => {
    throw new RecurrenceError(
      'calendar',
      `calendar cn-workdays picks the days itself (China's working days), so ${why}; use a daily rule such as FREQ=DAILY;BYHOUR=8;BYMINUTE=0, or calendar cn-no-holidays to keep the rule's own days and skip public holidays`
    );
  };
  if (parts.rscale) refuse('a lunar or RSCALE rule cannot pick days too');
  if (parts.freq === 'YEARLY' || parts.freq === 'MONTHLY') refuse(`FREQ=${parts.freq} cannot be used`);
  if ((parts.freq === 'DAILY' || parts.freq === 'WEEKLY') && parts.interval !== 1) refuse(`INTERVAL=${parts.interval} cannot be used`);
  for (const [key, list] of [
    ['BYMONTH', parts.bymonth],
    ['BYMONTHDAY', parts.bymonthday],
    ['BYYEARDAY', parts.byyearday],
    ['BYWEEKNO', parts.byweekno],
    ['BYSETPOS', parts.bysetpos],
  ] as const) {
    if (list.length) refuse(`${key} cannot be used`);
  }
  const weekdays = [...new Set(parts.byday.map((b) => (b.n === null ? b.weekday : -1)))].sort().join();
  const anyDay = weekdays === '' || weekdays === '0,1,2,3,4' || weekdays === '0,1,2,3,4,5,6';
  if (!anyDay || (parts.freq === 'WEEKLY' && weekdays === '')) refuse('BYDAY must be MO,TU,WE,TH,FR, all seven days, or left out');
  return { ...parts, freq: parts.freq === 'WEEKLY' ? 'DAILY' : parts.freq, byday: [] };
}

/** An RFC 7529 rule this engine expands in another calendar (rscale.ts); null for rrule's. */
function scaleRuleOf(parts: RuleParts): ScaleRule | null {
  if (!parts.rscale || (parts.rscale === 'GREGORIAN' && parts.skip === 'OMIT')) return null;
  let bymonth = [...parts.bymonth.map((month) => ({ month, leap: false })), ...parts.leapMonths.map((month) => ({ month, leap: true }))];
  // RFC 5545: a yearly BYMONTHDAY without BYMONTH is that day of every month of the year.
  if (parts.freq === 'YEARLY' && parts.bymonthday.length && !bymonth.length) {
    const all = Array.from({ length: 12 }, (_, i) => i + 1);
    bymonth = [
      ...all.map((month) => ({ month, leap: false })),
      ...(parts.rscale === 'CHINESE' ? all.map((month) => ({ month, leap: true })) : []),
    ];
  }
  return {
    scale: parts.rscale,
    freq: parts.freq as ScaleRule['freq'],
    interval: parts.interval,
    bymonth,
    bymonthday: parts.bymonthday,
    skip: parts.skip,
  };
}

/** The times of day of a scale rule, seconds after midnight (in ms), ascending. */
function timesOfDay(parts: RuleParts, dtstartF: number): number[] {
  const { byhour, byminute, bysecond } = explicitParts({ ...parts, freq: 'DAILY' }, dtstartF).parts;
  const out: number[] = [];
  for (const h of byhour) for (const m of byminute) for (const s of bysecond) out.push(h * HOUR + m * MINUTE + s * 1000);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Checks that need the start and zone, then the queryable series. */
function build(
  block: ParsedBlock,
  where: { zone: string; displayZone: string; calendar: CalendarName },
  dtstartF: number,
  allDay: boolean,
  exceptions: Set<string>,
  opts: { once?: boolean; windowEndF?: number } = {}
): Recurrence {
  const { zone, displayZone, calendar } = where;
  let parts = where.calendar === 'cn-workdays' ? workdayParts(block.rule) : block.rule;
  if (
    allDay &&
    (parts.freq === 'HOURLY' || parts.freq === 'MINUTELY' || parts.byhour.length || parts.byminute.length || parts.bysecond.length)
  ) {
    throw new RecurrenceError(
      'rule',
      `an all-day rule (DTSTART;VALUE=DATE) repeats on dates only; remove ${parts.freq === 'HOURLY' || parts.freq === 'MINUTELY' ? `FREQ=${parts.freq}` : 'BYHOUR/BYMINUTE/BYSECOND'}`
    );
  }
  let empty = false;
  if (opts.windowEndF !== undefined && parts.count === null && parts.until === null) {
    // A playbook step repeats up to the end of the window's last local day; one that
    // starts after the window has no occurrences (the planner then simply skips it).
    if (opts.windowEndF < dtstartF) empty = true;
    else parts = { ...parts, until: { kind: 'floating', ms: opts.windowEndF, text: floatingIso(opts.windowEndF) } };
  }

  const startInstant = floatingToInstant(dtstartF, zone);
  let untilInstant: number | null = null;
  let untilF: number | null = null;
  if (parts.until?.kind === 'instant') {
    untilInstant = parts.until.ms;
    if (untilInstant < startInstant)
      throw new RecurrenceError('rule', `UNTIL ${parts.until.text} is before the start ${floatingIso(dtstartF)}`);
  } else if (parts.until) {
    untilF = parts.until.ms;
    if (untilF < dtstartF) throw new RecurrenceError('rule', `UNTIL ${parts.until.text} is before the start ${floatingIso(dtstartF)}`);
  }

  const scaleRule = scaleRuleOf(parts);
  if (scaleRule) {
    assertScaleRuleCanMatch(scaleRule, Math.floor(dtstartF / DAY) * DAY);
  } else {
    const explicit = explicitParts(parts, dtstartF);
    assertCanMatch(explicit.parts, dtstartF, explicit.fromStart);
  }

  const exInstants = new Set<number>();
  const exDates = new Set<string>(exceptions);
  for (const v of block.exdates) {
    // A date EXDATE removes that whole local day.
    if (v.kind === 'date') exDates.add(floatingIso(v.ms).slice(0, 10));
    else exInstants.add(instantOf(v, zone));
  }
  const rdates = block.rdates.map((v) => instantOf(v, zone)).sort((a, b) => a - b);

  return createRecurrence({
    parts,
    zone,
    displayZone,
    calendar,
    scaleRule,
    scaleTimes: scaleRule ? timesOfDay(parts, dtstartF) : [],
    dtstartF,
    allDay,
    untilInstant,
    untilF,
    exInstants,
    exDates,
    rdates,
    empty,
    once: opts.once,
  });
}

export function preview(input: RecurrenceInput & { from?: string | Date; count?: number }): {
  timezone: string;
  calendar: CalendarName;
  description: { en: string; zh: string };
  occurrences: { utc: string; local: string }[];
  adjustments: CalendarReport['adjustments'];
  warnings: CalendarReport['warnings'];
} {
  const count = input.count ?? 10;
  if (!Number.isInteger(count) || count < 1 || count > MAX_PREVIEW_COUNT) {
    throw new RecurrenceError('count', `count must be a whole number from 1 to ${MAX_PREVIEW_COUNT} (got ${JSON.stringify(input.count)})`);
  }
  const recurrence = parseRecurrence(input);
  const from = input.from === undefined || input.from === null || input.from === '' ? undefined : input.from;
  const occurrences = recurrence.list({ from, count });
  // What the calendar changed over the span the list covers (to its last post, or a year when it is empty).
  const start = from ?? occurrences[0]?.instant ?? new Date();
  const end = occurrences.length === count ? occurrences[occurrences.length - 1].instant : null;
  const startMs = start instanceof Date ? start.getTime() : toInstant(start, recurrence.timezone, 'from');
  const report = recurrence.calendarReport(start, end ?? new Date(startMs + 366 * DAY), MAX_PREVIEW_COUNT);
  return {
    timezone: recurrence.timezone,
    calendar: recurrence.calendar,
    description: recurrence.describe(),
    occurrences: occurrences.map((o) => ({ utc: o.utc, local: o.local })),
    adjustments: report.adjustments,
    warnings: report.warnings,
  };
}

/**
 * A playbook step for one group: "Day N at HH:mm" counted from the cohort start (Day 0) in
 * the group's zone. Without a rule it is one post; with a rule the step's time is the
 * rule's start and, unless the rule has its own COUNT/UNTIL, it repeats up to the end of
 * local day cohortStart + windowDays.
 */
export function resolveStep(s: {
  cohortStart: string;
  day: number;
  time: string;
  timezone: string;
  rule?: string | null;
  windowDays?: number;
  calendar?: CalendarName | null;
}): Recurrence {
  const calendar = calendarOf(s.calendar);
  const dm = typeof s.cohortStart === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.cohortStart) : null;
  const cohortMs = dm ? utcFields(+dm[1], +dm[2], +dm[3]) : null;
  if (cohortMs === null) throw new RecurrenceError('dtstart', `cohortStart ${JSON.stringify(s.cohortStart)} is not a date YYYY-MM-DD`);
  if (!Number.isInteger(s.day)) throw new RecurrenceError('dtstart', `step day ${JSON.stringify(s.day)} is not a whole number`);
  const tm = typeof s.time === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(s.time) : null;
  if (!tm || +tm[1] > 23 || +tm[2] > 59 || +(tm[3] ?? 0) > 59)
    throw new RecurrenceError('dtstart', `step time ${JSON.stringify(s.time)} is not HH:mm[:ss[.SSS]]`);
  if (!isValidZone(s.timezone))
    throw new RecurrenceError('timezone', `unknown time zone "${s.timezone}"; use an IANA name such as "Asia/Shanghai"`);
  if (s.windowDays !== undefined && s.windowDays !== null && (!Number.isInteger(s.windowDays) || s.windowDays < 0)) {
    throw new RecurrenceError('rule', `windowDays ${JSON.stringify(s.windowDays)} must be a whole number of days, 0 or more`);
  }
  // Milliseconds of the step time are dropped: posts are scheduled to the second.
  const startF = (cohortMs as number) + s.day * DAY + +tm[1] * HOUR + +tm[2] * MINUTE + +(tm[3] ?? 0) * 1000;

  if (!s.rule || !s.rule.trim()) {
    return build(
      { rule: parseRuleParts('FREQ=DAILY;COUNT=1'), dtstart: null, exdates: [], rdates: [] },
      { zone: s.timezone, displayZone: s.timezone, calendar },
      startF,
      false,
      new Set(),
      { once: true }
    );
  }
  const block = parseBlock(s.rule);
  if (block.dtstart)
    throw new RecurrenceError('rule', "a step's rule must not have its own DTSTART: the step's day and time are its start");
  const windowEndF =
    s.windowDays === undefined || s.windowDays === null ? undefined : (cohortMs as number) + (s.windowDays + 1) * DAY - 1000;
  return build(block, { zone: s.timezone, displayZone: s.timezone, calendar }, startF, false, new Set(), { windowEndF });
}
