/**
 * Reading and writing date-times without the host's time zone.
 *
 * "Floating" wall-clock times are carried as epoch milliseconds of the wall-clock fields
 * read as if they were UTC (Date.UTC(y, m, d, h, mi, s)). Strings are parsed with regular
 * expressions and Date.UTC only: Date.parse reads offset-less strings in the host's zone.
 */
import { RecurrenceError, type RecurrenceField } from './errors';
import { floatingToInstant, instantToFloating, offsetAt } from './zone';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** Floating ms → 'YYYY-MM-DDTHH:mm:ss'. */
export function floatingIso(f: number): string {
  const d = new Date(f);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export const floatingDate = (f: number) => floatingIso(f).slice(0, 10);

/** Date.UTC of the fields, or null when they are not a real calendar date-time (Feb 30, 24:00). */
export function utcFields(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC maps years 0..99 to 1900..1999; nobody schedules posts then.
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

export type ParsedText =
  { kind: 'floating'; ms: number } | { kind: 'instant'; ms: number } | { kind: 'invalid' } | { kind: 'unrecognised' };

/**
 * 'YYYY-MM-DD[THH:mm[:ss[.SSS]]]' (no offset) is a floating local time; the same with 'Z'
 * or '±HH[:mm]' is an instant. Sub-second digits of a floating time are dropped: rules
 * work in whole seconds.
 */
export function parseDateTimeText(text: string): ParsedText {
  const t = text.trim();
  let m = LOCAL_RE.exec(t);
  if (m) {
    const ms = utcFields(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    return ms === null ? { kind: 'invalid' } : { kind: 'floating', ms };
  }
  m = INSTANT_RE.exec(t);
  if (m) {
    const wall = utcFields(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
    if (wall === null) return { kind: 'invalid' };
    const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    const zone = m[8].toUpperCase();
    let offsetMin = 0;
    if (zone !== 'Z') {
      const digits = zone.replace(':', '');
      const oh = Number(digits.slice(1, 3));
      const om = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
      if (oh > 23 || om > 59) return { kind: 'invalid' };
      offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
    return { kind: 'instant', ms: wall + millis - offsetMin * MINUTE };
  }
  return { kind: 'unrecognised' };
}

/**
 * A caller's point in time: a Date, an ISO string with Z/offset (that instant), or an
 * offset-less 'YYYY-MM-DD[THH:mm[:ss]]' read as wall-clock time in `zone`.
 */
export function toInstant(value: Date | string, zone: string, field: RecurrenceField): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RecurrenceError(field, `${field} is an invalid Date`);
    return ms;
  }
  if (typeof value !== 'string') throw new RecurrenceError(field, `${field} must be a Date or an ISO date-time string`);
  const p = parseDateTimeText(value);
  if (p.kind === 'instant') return p.ms;
  if (p.kind === 'floating') return floatingToInstant(p.ms, zone);
  throw new RecurrenceError(
    field,
    p.kind === 'invalid'
      ? `${field} "${value}" is not a real calendar date-time`
      : `${field} "${value}" is not an ISO date-time (YYYY-MM-DDTHH:mm[:ss] in the rule's zone, or with Z / an offset)`
  );
}

/** The same instant as floating wall-clock time in `zone`, whole seconds. */
export function toFloatingSeconds(instantMs: number, zone: string): number {
  const f = instantToFloating(instantMs, zone);
  return f - (((f % 1000) + 1000) % 1000);
}

/**
 * luxon's DateTime.toISO() of an instant in a zone, without building a DateTime:
 * luxon writes 'Z' only for the names it maps to its fixed UTC zone ('utc', 'gmt' in any
 * case); every IANA zone, 'Etc/UTC' included, gets '+00:00'. Offsets are whole minutes
 * in every zone since 1972; luxon truncates older second-level LMT offsets the same way.
 */
export function luxonIso(instantMs: number, zone: string): { iso: string; floating: number } {
  const offset = offsetAt(zone, instantMs);
  const floating = instantMs + offset;
  const lower = zone.toLowerCase();
  let suffix: string;
  if (offset === 0 && (lower === 'utc' || lower === 'gmt')) suffix = 'Z';
  else {
    const minutes = Math.trunc(Math.abs(offset) / MINUTE);
    suffix = `${offset < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
  }
  const millis = ((floating % 1000) + 1000) % 1000;
  return { iso: `${floatingIso(floating)}.${pad(millis, 3)}${suffix}`, floating };
}
