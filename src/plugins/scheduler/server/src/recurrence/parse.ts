/**
 * Parses and validates a recurrence: an RRULE (with or without `RRULE:`) or an iCalendar
 * block of DTSTART / RRULE / EXDATE / RDATE lines. Every error names the field and the
 * offending token. Nothing here depends on the start or the zone (see guard.ts for that).
 */
import { RecurrenceError, type RecurrenceField } from './errors';
import { utcFields, DAY } from './format';
import { isValidZone } from './zone';

export const FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'] as const;
export type Freq = (typeof FREQS)[number];
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface ByDay {
  weekday: number; // 0 = MO … 6 = SU (rrule's numbering)
  n: number | null; // +1 first, -1 last, …; null = every such weekday
}

/** UNTIL as written: an instant (…Z), a floating local date-time, or a local date. */
export type Until = { kind: 'instant'; ms: number; text: string } | { kind: 'floating'; ms: number; text: string };

export interface RuleParts {
  freq: Freq;
  interval: number;
  count: number | null;
  until: Until | null;
  bysetpos: number[];
  bymonth: number[];
  bymonthday: number[];
  byyearday: number[];
  byweekno: number[];
  byday: ByDay[];
  byhour: number[];
  byminute: number[];
  bysecond: number[];
  wkst: number;
  /** RFC 7529: the calendar the rule counts in (null: Gregorian, plain RFC 5545). */
  rscale: Rscale | null;
  /** RFC 7529: what happens to a date that does not exist in a year or month. */
  skip: Skip;
  /** RFC 7529 leap months given in BYMONTH (`5L` → 5); `bymonth` holds the regular ones. */
  leapMonths: number[];
}

export const RSCALES = ['CHINESE', 'GREGORIAN'] as const;
export type Rscale = (typeof RSCALES)[number];
export const SKIPS = ['OMIT', 'BACKWARD', 'FORWARD'] as const;
export type Skip = (typeof SKIPS)[number];

/** A date value of DTSTART / EXDATE / RDATE. `ms` is UTC for instants, floating otherwise. */
export type DateValue =
  { kind: 'instant'; ms: number } | { kind: 'floating'; ms: number; tzid: string | null } | { kind: 'date'; ms: number };

export interface ParsedBlock {
  rule: RuleParts;
  dtstart: DateValue | null;
  exdates: DateValue[];
  rdates: DateValue[];
}

/** More posts than this from one rule is a mistake; it also bounds counting from the start. */
export const MAX_COUNT = 10_000;
export const MAX_INTERVAL = 10_000;
/** Posting to a chat group more often than every 5 minutes is spam, not a schedule. */
export const MIN_MINUTELY_INTERVAL = 5;

const KEYS = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYSETPOS',
  'BYMONTH',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYDAY',
  'BYHOUR',
  'BYMINUTE',
  'BYSECOND',
  'WKST',
  'RSCALE',
  'SKIP',
];
const BY_KEYS = KEYS.filter((k) => k.startsWith('BY') && k !== 'BYSETPOS');

/** RFC 7529's RSCALE and SKIP, and BYMONTH with leap months (`5L`). */
function parseScale(get: (k: string) => string | undefined) {
  const rscaleText = get('RSCALE');
  let rscale: Rscale | null = null;
  if (rscaleText) {
    const name = rscaleText.toUpperCase();
    if (!(RSCALES as readonly string[]).includes(name))
      fail(`RSCALE=${rscaleText} is not supported: use RSCALE=CHINESE (the Chinese lunisolar calendar) or RSCALE=GREGORIAN`);
    rscale = name as Rscale;
  }
  const skipText = get('SKIP');
  if (skipText && !rscale) fail(`SKIP=${skipText} needs RSCALE (RFC 7529), e.g. RSCALE=GREGORIAN;SKIP=BACKWARD`);
  if (skipText && !(SKIPS as readonly string[]).includes(skipText.toUpperCase()))
    fail(`SKIP=${skipText} is not one of OMIT, BACKWARD or FORWARD`);
  const bymonth: number[] = [];
  const leapMonths: number[] = [];
  const monthText = get('BYMONTH');
  if (monthText) {
    for (const raw of monthText.split(',')) {
      const m = /^(\d{1,2})(L)?$/i.exec(raw.trim());
      if (!m)
        fail(`BYMONTH=${monthText}: "${raw.trim()}" is not a month 1..12${rscale === 'CHINESE' ? ' (or a leap month such as 5L)' : ''}`);
      if (+m![1] < 1 || +m![1] > 12) fail(`BYMONTH=${raw.trim()} is out of range 1..12`);
      if (m![2] && rscale !== 'CHINESE')
        fail(
          rscale === 'GREGORIAN'
            ? `BYMONTH=${raw.trim()}: the Gregorian calendar has no leap months`
            : `BYMONTH=${raw.trim()}: a leap month needs RSCALE=CHINESE (RFC 7529)`
        );
      (m![2] ? leapMonths : bymonth).push(+m![1]);
    }
  }
  return { rscale, skip: (skipText?.toUpperCase() ?? 'OMIT') as Skip, bymonth, leapMonths };
}

const fail = (message: string, field: RecurrenceField = 'rule'): never => {
  throw new RecurrenceError(field, message);
};

/** `KEY=1,2,-3` within [min, max] (or ±[min, max] when signed; zero never allowed when signed). */
function intList(key: string, value: string, min: number, max: number, signed = false): number[] {
  return value.split(',').map((raw) => {
    const token = raw.trim();
    if (!/^[+-]?\d+$/.test(token)) fail(`${key}=${value}: "${token}" is not a whole number`);
    const n = Number(token);
    const ok = signed ? n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max && !token.startsWith('-');
    if (!ok) fail(`${key}=${token} is out of range ${signed ? `-${max}..-${min} or ${min}..${max}` : `${min}..${max}`}`);
    return n;
  });
}

/** iCalendar DATE or DATE-TIME: 20260301, 20260301T090000, 20260301T090000Z. */
export function parseDateToken(token: string, field: RecurrenceField, what: string): { ms: number; utc: boolean; dateOnly: boolean } {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(token.trim());
  if (!m)
    fail(`${what} "${token.trim()}" is not an iCalendar date or date-time (YYYYMMDD or YYYYMMDDTHHMMSS, optionally ending in Z)`, field);
  const [, y, mo, d, h, mi, s, z] = m!;
  const ms = utcFields(+y, +mo, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0));
  if (ms === null) fail(`${what} "${token.trim()}" is not a real calendar date-time`, field);
  return { ms: ms as number, utc: !!z, dateOnly: h === undefined };
}

export function parseRuleParts(text: string): RuleParts {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) fail('the rule is empty; expected e.g. FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  const seen = new Map<string, string>();
  for (const pair of body.split(';')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) fail(`"${pair.trim()}" is not KEY=VALUE`);
    const key = pair.slice(0, eq).trim().toUpperCase();
    const value = pair.slice(eq + 1).trim();
    if (!KEYS.includes(key)) fail(`unknown rule part "${pair.slice(0, eq).trim()}"; expected one of ${KEYS.join(', ')}`);
    if (seen.has(key)) fail(`${key} is given twice`);
    if (!value) fail(`${key} has no value`);
    seen.set(key, value);
  }
  const get = (k: string) => seen.get(k);

  const freqText = get('FREQ');
  if (!freqText) fail('FREQ is required (YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY)');
  const freq = freqText!.toUpperCase() as Freq;
  if (!FREQS.includes(freq)) fail(`unknown FREQ "${freqText}"; use YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY`);
  if (freq === 'SECONDLY')
    fail('FREQ=SECONDLY is not supported: a post repeats at most every few minutes (use MINUTELY with INTERVAL=5 or more, or slower)');

  const interval = get('INTERVAL') ? intList('INTERVAL', get('INTERVAL')!, 1, MAX_INTERVAL)[0] : 1;
  if (freq === 'MINUTELY' && interval < MIN_MINUTELY_INTERVAL) {
    fail(
      `FREQ=MINUTELY needs INTERVAL=${MIN_MINUTELY_INTERVAL} or more (got INTERVAL=${interval}): posting more often than every ${MIN_MINUTELY_INTERVAL} minutes is not a schedule`
    );
  }
  if (get('COUNT') && get('UNTIL')) fail('COUNT and UNTIL must not both be given (RFC 5545 §3.3.10)');
  const count = get('COUNT') ? intList('COUNT', get('COUNT')!, 1, MAX_COUNT)[0] : null;

  let until: Until | null = null;
  if (get('UNTIL')) {
    const u = parseDateToken(get('UNTIL')!, 'rule', 'UNTIL');
    const text = isoOfToken(u);
    // A date-only UNTIL includes that whole local day.
    until = u.utc ? { kind: 'instant', ms: u.ms, text } : { kind: 'floating', ms: u.dateOnly ? u.ms + DAY - 1000 : u.ms, text };
  }

  const byday: ByDay[] = get('BYDAY')
    ? get('BYDAY')!
        .split(',')
        .map((raw) => {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(raw.trim());
          if (!m)
            fail(
              `BYDAY=${get('BYDAY')}: "${raw.trim()}" is not a day (MO, TU, WE, TH, FR, SA, SU, optionally with a position like 1MO or -1FR)`
            );
          const n = m![1] ? Number(m![1]) : null;
          if (n !== null && (n === 0 || Math.abs(n) > 53)) fail(`BYDAY=${raw.trim()}: the position must be 1..53 or -53..-1`);
          return { weekday: WEEKDAYS.indexOf(m![2].toUpperCase() as (typeof WEEKDAYS)[number]), n };
        })
    : [];
  const wkstText = get('WKST');
  if (wkstText && !WEEKDAYS.includes(wkstText.toUpperCase() as (typeof WEEKDAYS)[number]))
    fail(`WKST=${wkstText} is not a day (MO, TU, WE, TH, FR, SA or SU)`);

  const scale = parseScale(get);
  const parts: RuleParts = {
    freq,
    interval,
    count,
    until,
    bysetpos: get('BYSETPOS') ? intList('BYSETPOS', get('BYSETPOS')!, 1, 366, true) : [],
    bymonth: scale.bymonth,
    bymonthday: get('BYMONTHDAY') ? intList('BYMONTHDAY', get('BYMONTHDAY')!, 1, 31, true) : [],
    byyearday: get('BYYEARDAY') ? intList('BYYEARDAY', get('BYYEARDAY')!, 1, 366, true) : [],
    byweekno: get('BYWEEKNO') ? intList('BYWEEKNO', get('BYWEEKNO')!, 1, 53, true) : [],
    byday,
    byhour: get('BYHOUR') ? intList('BYHOUR', get('BYHOUR')!, 0, 23) : [],
    byminute: get('BYMINUTE') ? intList('BYMINUTE', get('BYMINUTE')!, 0, 59) : [],
    bysecond: get('BYSECOND') ? intList('BYSECOND', get('BYSECOND')!, 0, 59) : [],
    wkst: wkstText ? WEEKDAYS.indexOf(wkstText.toUpperCase() as (typeof WEEKDAYS)[number]) : 0,
    rscale: scale.rscale,
    skip: scale.skip,
    leapMonths: scale.leapMonths,
  };
  checkCombinations(parts, (k) => seen.has(k));
  checkScaleRule(parts, (k) => seen.has(k));
  return parts;
}

/** RFC 5545 §3.3.10's "MUST NOT" combinations, and what this scheduler refuses on purpose. */
function checkCombinations(p: RuleParts, has: (key: string) => boolean) {
  const f = p.freq;
  if (has('BYWEEKNO') && f !== 'YEARLY') fail(`BYWEEKNO is only allowed with FREQ=YEARLY (RFC 5545), not FREQ=${f}`);
  if (has('BYYEARDAY') && (f === 'DAILY' || f === 'WEEKLY' || f === 'MONTHLY')) fail(`BYYEARDAY is not allowed with FREQ=${f} (RFC 5545)`);
  if (has('BYMONTHDAY') && f === 'WEEKLY') fail('BYMONTHDAY is not allowed with FREQ=WEEKLY (RFC 5545)');
  const numbered = p.byday.find((b) => b.n !== null);
  if (numbered) {
    const token = `${numbered.n}${WEEKDAYS[numbered.weekday]}`;
    if (f !== 'MONTHLY' && f !== 'YEARLY') fail(`BYDAY=${token}: a numbered day is only allowed with FREQ=MONTHLY or YEARLY (RFC 5545)`);
    if (f === 'YEARLY' && has('BYWEEKNO')) fail(`BYDAY=${token}: a numbered day is not allowed together with BYWEEKNO (RFC 5545)`);
  }
  if (has('BYSETPOS') && !BY_KEYS.some(has))
    fail('BYSETPOS needs another BY… part to pick from (RFC 5545), e.g. BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1');
  // Sub-daily rules restricted to some days of the month or year are not chat schedules;
  // use FREQ=DAILY (or slower) with BYHOUR/BYMINUTE lists instead.
  if (f === 'HOURLY' || f === 'MINUTELY') {
    for (const key of ['BYMONTH', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS']) {
      if (has(key)) fail(`${key} is not supported with FREQ=${f}; use FREQ=DAILY (or slower) with BYHOUR/BYMINUTE lists instead`);
    }
  }
  // rrule 2.8.1 moves a MINUTELY rule to the next allowed BYHOUR by whole hours, which
  // breaks the every-N-minutes grid unless N divides 60.
  if (f === 'MINUTELY' && p.byhour.length && 60 % p.interval !== 0) {
    fail(
      `FREQ=MINUTELY;INTERVAL=${p.interval} with BYHOUR is not supported: the interval must divide 60 (5, 6, 10, 12, 15, 20, 30, 60); or use FREQ=DAILY with BYHOUR and BYMINUTE lists`
    );
  }
  // Several seconds per minute would be several posts per minute.
  if (p.bysecond.length > 1) fail(`BYSECOND=${p.bysecond.join(',')}: at most one second is allowed (posts never repeat within a minute)`);
}

/**
 * What this engine expands in another calendar: yearly and monthly rules picking months
 * and days of the month (RFC 7529's examples and every lunar festival). Day-of-week and
 * week-number parts mean nothing new in a lunar calendar, so they are refused, not guessed.
 */
function checkScaleRule(p: RuleParts, has: (key: string) => boolean) {
  if (!p.rscale || (p.rscale === 'GREGORIAN' && p.skip === 'OMIT')) return; // plain RFC 5545
  const name = `RSCALE=${p.rscale}${p.rscale === 'GREGORIAN' ? `;SKIP=${p.skip}` : ''}`;
  if (p.freq !== 'YEARLY' && p.freq !== 'MONTHLY')
    fail(`${name} works with FREQ=YEARLY or FREQ=MONTHLY (got FREQ=${p.freq}); a daily or weekly rule is the same in every calendar`);
  for (const key of ['BYDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS']) {
    if (has(key)) fail(`${key} is not supported with ${name}: pick the months with BYMONTH and the days with BYMONTHDAY`);
  }
  if (p.rscale === 'CHINESE') {
    const long = p.bymonthday.find((d) => Math.abs(d) > 30);
    if (long !== undefined) fail(`BYMONTHDAY=${long}: a lunar month has 29 or 30 days; use BYMONTHDAY=-1 for the last day of the month`);
  }
}

function isoOfToken(u: { ms: number; utc: boolean; dateOnly: boolean }): string {
  const iso = new Date(u.ms).toISOString();
  if (u.dateOnly) return iso.slice(0, 10);
  return u.utc ? `${iso.slice(0, 19)}Z` : iso.slice(0, 19);
}

/** `NAME;TZID=X;VALUE=DATE:v1,v2` → its values. */
function parseDateLine(line: string, name: string, field: RecurrenceField): DateValue[] {
  const colon = line.indexOf(':');
  if (colon < 0) fail(`${name} line has no value: "${line}"`, field);
  const params = new Map<string, string>();
  for (const p of line.slice(0, colon).split(';').slice(1)) {
    const eq = p.indexOf('=');
    if (eq <= 0) fail(`${name} parameter "${p}" is not NAME=VALUE`, field);
    // Parameter values may be quoted (TZID="America/New_York").
    params.set(
      p.slice(0, eq).trim().toUpperCase(),
      p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
    );
  }
  const tzid = params.get('TZID') ?? null;
  const valueType = params.get('VALUE')?.toUpperCase() ?? null;
  if (tzid !== null && !isValidZone(tzid)) fail(`unknown time zone "${tzid}" in ${name}`, 'timezone');
  if (valueType !== null && valueType !== 'DATE' && valueType !== 'DATE-TIME')
    fail(`${name};VALUE=${valueType} is not supported (only DATE and DATE-TIME)`, field);
  const values = line.slice(colon + 1).split(',');
  if (values.some((v) => !v.trim())) fail(`${name} has an empty value: "${line}"`, field);
  return values.map((token) => {
    const d = parseDateToken(token, field, name);
    if (valueType === 'DATE' && !d.dateOnly) fail(`${name};VALUE=DATE needs a date (YYYYMMDD), got "${token.trim()}"`, field);
    if (valueType === 'DATE' || d.dateOnly) return { kind: 'date', ms: d.ms };
    if (d.utc) {
      if (tzid) fail(`${name} "${token.trim()}" ends in Z but also has TZID=${tzid}; use one or the other`, field);
      return { kind: 'instant', ms: d.ms };
    }
    return { kind: 'floating', ms: d.ms, tzid };
  });
}

export function parseBlock(text: string): ParsedBlock {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '') // RFC 5545 line folding
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) fail('the rule is empty; expected e.g. FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  let rule: RuleParts | null = null;
  let dtstart: DateValue | null = null;
  const exdates: DateValue[] = [];
  const rdates: DateValue[] = [];
  for (const line of lines) {
    const name = line.split(/[;:=]/)[0].toUpperCase();
    if (name === 'DTSTART') {
      if (dtstart) fail('DTSTART is given twice', 'dtstart');
      const values = parseDateLine(line, 'DTSTART', 'dtstart');
      if (values.length !== 1) fail(`DTSTART must have exactly one value: "${line}"`, 'dtstart');
      dtstart = values[0];
    } else if (name === 'RRULE' || KEYS.includes(name)) {
      if (rule) fail('only one RRULE is supported');
      rule = parseRuleParts(line);
    } else if (name === 'EXDATE') {
      exdates.push(...parseDateLine(line, 'EXDATE', 'rule'));
    } else if (name === 'RDATE') {
      rdates.push(...parseDateLine(line, 'RDATE', 'rule'));
    } else {
      fail(`unknown line "${line}"; expected DTSTART, RRULE, EXDATE or RDATE`);
    }
  }
  if (!rule) fail('no RRULE found; expected e.g. RRULE:FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  return { rule: rule!, dtstart, exdates, rdates };
}
