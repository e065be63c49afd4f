/**
 * Parses and validates a recurrence: an RRULE (with or without `RRULE:`) or an
 * iCalendar block of DTSTART / RRULE / EXDATE / RDATE lines. Every error names the
 * field and the offending token.
 */
import { RecurrenceError } from './errors';
import { floatingToInstant, instantToFloating, isValidZone } from './zone';

export const FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'] as const;
export type Freq = (typeof FREQS)[number];
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface ByDay {
  weekday: number; // 0 = MO … 6 = SU
  n: number | null; // +1 first, -1 last, …
}

export interface RuleParts {
  freq: Freq;
  interval: number;
  count: number | null;
  /** UNTIL as given: either a real instant (Z) or floating local time. */
  until: { floating: number } | { instant: number } | null;
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
}

/** A date value from DTSTART / EXDATE / RDATE. */
export type DateValue = { kind: 'instant'; ms: number } | { kind: 'floating'; ms: number; tzid: string | null } | { kind: 'date'; ms: number };

export interface ParsedBlock {
  rule: RuleParts;
  dtstart: DateValue | null;
  exdates: DateValue[];
  rdates: DateValue[];
}

const MAX_COUNT = 100_000;
const ALLOWED = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYSETPOS', 'BYMONTH', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYDAY', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'WKST']);

const ruleError = (message: string): never => {
  throw new RecurrenceError('rule', message);
};

function intList(key: string, value: string, min: number, max: number, allowNegative = false, allowZero = true): number[] {
  return value.split(',').map((raw) => {
    const token = raw.trim();
    if (!/^[+-]?\d+$/.test(token)) ruleError(`${key}=${value}: "${token}" is not a whole number`);
    const n = Number(token);
    const abs = Math.abs(n);
    const ok = (allowNegative ? abs >= min && abs <= max : n >= min && n <= max) && (allowZero || n !== 0) && (allowNegative || n >= 0);
    if (!ok) {
      const range = allowNegative ? `±${min}..${max}` : `${min}..${max}`;
      ruleError(`${key}=${token} is out of range ${range}`);
    }
    return n;
  });
}

/** 20260301, 20260301T090000, 20260301T090000Z */
export function parseDateToken(token: string, field: 'rule' | 'dtstart' = 'rule'): { ms: number; utc: boolean; dateOnly: boolean } {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(token.trim());
  if (!m) throw new RecurrenceError(field, `"${token}" is not an iCalendar date or date-time (YYYYMMDD or YYYYMMDDTHHMMSS[Z])`);
  const [, y, mo, d, h, mi, s, z] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  const ms = Date.UTC(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
  const back = new Date(ms);
  if (back.getUTCMonth() !== parts[1] || back.getUTCDate() !== parts[2] || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) {
    throw new RecurrenceError(field, `"${token}" is not a valid calendar date-time`);
  }
  return { ms, utc: z === 'Z', dateOnly: h === undefined };
}

export function parseRuleParts(text: string): RuleParts {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) ruleError('the rule is empty; expected e.g. FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  const seen = new Map<string, string>();
  for (const pair of body.split(';')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) ruleError(`"${pair}" is not KEY=VALUE`);
    const key = pair.slice(0, eq).trim().toUpperCase();
    const value = pair.slice(eq + 1).trim();
    if (!ALLOWED.has(key)) ruleError(`unknown rule part "${key}"`);
    if (seen.has(key)) ruleError(`${key} is given twice`);
    if (!value) ruleError(`${key} has no value`);
    seen.set(key, value);
  }
  const freqText = seen.get('FREQ');
  if (!freqText) ruleError('FREQ is required (YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY)');
  const freq = (freqText as string).toUpperCase() as Freq;
  if (!FREQS.includes(freq)) ruleError(`unknown FREQ "${freqText}"; use YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY`);
  // A chat scheduler never posts more than once a minute; a secondly rule is a mistake.
  if (freq === 'SECONDLY') ruleError('FREQ=SECONDLY is not supported: posts can repeat at most every minute (use MINUTELY or slower)');

  // Sub-daily rules filtered to rare days would scan every minute of the year in between.
  if (freq === 'MINUTELY' || freq === 'HOURLY') {
    for (const key of ['BYMONTH', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS']) {
      if (seen.has(key)) ruleError(`${key} is not supported with FREQ=${freq}; use FREQ=DAILY (or slower) with BYHOUR/BYMINUTE lists instead`);
    }
  }
  const get = (k: string) => seen.get(k);
  const interval = get('INTERVAL') ? intList('INTERVAL', get('INTERVAL') as string, 1, 10_000)[0] : 1;
  const count = get('COUNT') ? intList('COUNT', get('COUNT') as string, 1, MAX_COUNT)[0] : null;
  if (get('COUNT') && get('UNTIL')) ruleError('COUNT and UNTIL must not both be given (RFC 5545)');
  let until: RuleParts['until'] = null;
  if (get('UNTIL')) {
    const u = parseDateToken(get('UNTIL') as string);
    // A date-only UNTIL includes that whole local day.
    until = u.utc ? { instant: u.ms } : { floating: u.dateOnly ? u.ms + 86_399_000 : u.ms };
  }
  const byday: ByDay[] = get('BYDAY')
    ? (get('BYDAY') as string).split(',').map((raw) => {
        const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(raw.trim());
        if (!m) ruleError(`BYDAY=${get('BYDAY')}: "${raw.trim()}" is not a day (MO, TU, WE, TH, FR, SA, SU, optionally with a position like 1MO or -1FR)`);
        const n = m![1] ? Number(m![1]) : null;
        if (n !== null && (n === 0 || Math.abs(n) > 53)) ruleError(`BYDAY=${raw.trim()}: the position must be ±1..53`);
        return { weekday: WEEKDAYS.indexOf(m![2].toUpperCase() as any), n };
      })
    : [];
  const wkstText = get('WKST');
  if (wkstText && !WEEKDAYS.includes(wkstText.toUpperCase() as any)) ruleError(`WKST=${wkstText} is not a day`);
  return {
    freq,
    interval,
    count,
    until,
    bysetpos: get('BYSETPOS') ? intList('BYSETPOS', get('BYSETPOS') as string, 1, 366, true, false) : [],
    bymonth: get('BYMONTH') ? intList('BYMONTH', get('BYMONTH') as string, 1, 12) : [],
    bymonthday: get('BYMONTHDAY') ? intList('BYMONTHDAY', get('BYMONTHDAY') as string, 1, 31, true, false) : [],
    byyearday: get('BYYEARDAY') ? intList('BYYEARDAY', get('BYYEARDAY') as string, 1, 366, true, false) : [],
    byweekno: get('BYWEEKNO') ? intList('BYWEEKNO', get('BYWEEKNO') as string, 1, 53, true, false) : [],
    byday,
    byhour: get('BYHOUR') ? intList('BYHOUR', get('BYHOUR') as string, 0, 23) : [],
    byminute: get('BYMINUTE') ? intList('BYMINUTE', get('BYMINUTE') as string, 0, 59) : [],
    bysecond: get('BYSECOND') ? intList('BYSECOND', get('BYSECOND') as string, 0, 59) : [],
    wkst: wkstText ? WEEKDAYS.indexOf(wkstText.toUpperCase() as any) : 0,
  };
}

/** `NAME;PARAM=X;VALUE=DATE:v1,v2` → values with their zone parameter. */
function parseDateLine(line: string, name: string, field: 'rule' | 'dtstart'): DateValue[] {
  const colon = line.indexOf(':');
  if (colon < 0) throw new RecurrenceError(field, `${name} line has no value: "${line}"`);
  const params = line
    .slice(0, colon)
    .split(';')
    .slice(1)
    .map((p) => p.split('='));
  const tzid = params.find(([k]) => k.toUpperCase() === 'TZID')?.[1] ?? null;
  const valueType = params.find(([k]) => k.toUpperCase() === 'VALUE')?.[1]?.toUpperCase() ?? null;
  if (tzid !== null && !isValidZone(tzid)) throw new RecurrenceError('timezone', `unknown time zone "${tzid}" in ${name}`);
  return line
    .slice(colon + 1)
    .split(',')
    .map((token) => {
      const d = parseDateToken(token, field);
      if (valueType === 'DATE' || d.dateOnly) return { kind: 'date', ms: d.ms } as DateValue;
      if (d.utc) return { kind: 'instant', ms: d.ms } as DateValue;
      return { kind: 'floating', ms: d.ms, tzid } as DateValue;
    });
}

export function parseBlock(text: string): ParsedBlock {
  const lines = text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]/g, '') // RFC 5545 line folding
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) ruleError('the rule is empty; expected e.g. FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  let rule: RuleParts | null = null;
  let dtstart: DateValue | null = null;
  const exdates: DateValue[] = [];
  const rdates: DateValue[] = [];
  for (const line of lines) {
    const name = line.split(/[;:]/)[0].toUpperCase();
    if (name === 'DTSTART') {
      if (dtstart) ruleError('DTSTART is given twice');
      dtstart = parseDateLine(line, 'DTSTART', 'dtstart')[0];
    } else if (name === 'RRULE' || /^FREQ=/i.test(line)) {
      if (rule) ruleError('only one RRULE is supported');
      rule = parseRuleParts(line);
    } else if (name === 'EXDATE') {
      exdates.push(...parseDateLine(line, 'EXDATE', 'rule'));
    } else if (name === 'RDATE') {
      rdates.push(...parseDateLine(line, 'RDATE', 'rule'));
    } else if (/^[A-Z]+=/i.test(line)) {
      rule = parseRuleParts(line); // an RRULE body that does not start with FREQ
    } else {
      ruleError(`unknown line "${line}"; expected DTSTART, RRULE, EXDATE or RDATE`);
    }
  }
  if (!rule) ruleError('no RRULE found; expected e.g. RRULE:FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  return { rule: rule as RuleParts, dtstart, exdates, rdates };
}

/** Any DateValue as floating local ms in `zone`. */
export function toFloating(v: DateValue, zone: string): number {
  if (v.kind === 'instant') return instantToFloating(v.ms, zone);
  if (v.kind === 'floating' && v.tzid && v.tzid !== zone) return instantToFloating(floatingToInstant(v.ms, v.tzid), zone);
  return v.ms;
}
