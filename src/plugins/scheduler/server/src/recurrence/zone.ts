/**
 * Placing floating local wall-clock times in IANA zones, with RFC 5545 §3.3.5:
 *  - a local time that occurs twice (clocks go back) is the FIRST of the two instants;
 *  - a local time that does not exist (clocks go forward) is read with the UTC offset
 *    in force BEFORE the gap (02:30 in a 02:00→03:00 gap lands at 03:30 local).
 *
 * "Floating" times are carried as epoch milliseconds of the wall-clock fields read as if
 * they were UTC (Date.UTC(y, m, d, h, mi, s)); nothing here reads the host's zone.
 */
import { IANAZone } from 'luxon';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const zones = new Map<string, IANAZone>();

export function ianaZone(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

/**
 * Zone names already checked: luxon's check builds an Intl.DateTimeFormat each time (tens
 * of µs), and every expansion checks its zone. Bounded: names come from groups and rules.
 */
const checked = new Map<string, boolean>();
const CHECKED_MAX = 1000;

export function isValidZone(name: unknown): name is string {
  if (typeof name !== 'string' || name.trim() === '' || name !== name.trim()) return false;
  let valid = checked.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    if (checked.size >= CHECKED_MAX) checked.clear();
    checked.set(name, valid);
  }
  return valid;
}

/**
 * UTC offset (ms) of a zone at an instant, from luxon's IANAZone (the runtime's ICU data).
 *
 * Offsets are cached per UTC day when the day starts and ends with the same offset. That
 * is exact because no zone changes its offset twice within 48 hours: checked over every
 * zone of tzdb 2025b for 1800-2200 (zdump -v), the closest two offset changes are 95 hours
 * apart (Africa/Freetown, 1939). So a day with equal offsets at both ends has none inside.
 */
const dayOffsets = new Map<string, Map<number, number | null>>();
export function offsetAt(zone: string, instantMs: number): number {
  const day = Math.floor(instantMs / DAY);
  let days = dayOffsets.get(zone);
  if (!days) {
    days = new Map();
    dayOffsets.set(zone, days);
  }
  let cached = days.get(day);
  if (cached === undefined) {
    const z = ianaZone(zone);
    const start = z.offset(day * DAY);
    const end = z.offset((day + 1) * DAY - 1);
    cached = start === end ? start * 60_000 : null;
    if (days.size > 50_000) days.clear(); // bounded memory: ~137 years of days per zone
    days.set(day, cached);
  }
  return cached ?? ianaZone(zone).offset(instantMs) * 60_000;
}

/**
 * The instant (epoch ms) of a floating wall-clock time in a zone, per RFC 5545 §3.3.5.
 *
 * Every instant that shows wall-clock time f lies within f ± 16 h (no offset exceeds
 * that), so its offset is the one in force a day before f or a day after f: with offset
 * changes at least 48 h apart (see offsetAt) there is at most one change in between.
 * Both candidates are tried; both valid = overlap (take the earlier instant), none valid
 * = gap (read f with the offset before the gap).
 *
 * luxon's DateTime.fromObject agrees for gaps but, in an overlap, returns whichever
 * instant its first guess lands on: the later one for Berlin or New York in autumn, the
 * earlier one for Sydney in April. Hence this function instead of fromObject.
 */
export function floatingToInstant(floatingMs: number, zone: string): number {
  const before = offsetAt(zone, floatingMs - DAY);
  const after = offsetAt(zone, floatingMs + DAY);
  let best: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = floatingMs - offset;
    if (offsetAt(zone, instant) === offset && (best === null || instant < best)) best = instant;
  }
  if (best !== null) return best; // overlap: the smaller instant is the first one
  // Gap: the offset in force before the gap.
  return floatingMs - before;
}

/** The floating wall-clock time (as UTC ms) of an instant in a zone. */
export function instantToFloating(instantMs: number, zone: string): number {
  return instantMs + offsetAt(zone, instantMs);
}
