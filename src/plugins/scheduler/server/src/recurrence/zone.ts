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

export function isValidZone(name: unknown): name is string {
  return typeof name === 'string' && name.trim() !== '' && name === name.trim() && IANAZone.isValidZone(name);
}

/**
 * UTC offset (ms) of a zone at an instant. Offsets are cached per UTC day when the day
 * has no transition (same offset at its start and end): a zone changes offset at most
 * once within any day, so a day that starts and ends alike is constant throughout.
 */
const dayOffsets = new Map<string, number | null>();
export function offsetAt(zone: string, instantMs: number): number {
  const day = Math.floor(instantMs / DAY);
  const key = `${zone}|${day}`;
  let cached = dayOffsets.get(key);
  if (cached === undefined) {
    const z = ianaZone(zone);
    const start = z.offset(day * DAY);
    const end = z.offset((day + 1) * DAY - 1);
    cached = start === end ? start * 60_000 : null;
    if (dayOffsets.size > 200_000) dayOffsets.clear();
    dayOffsets.set(key, cached);
  }
  return cached ?? ianaZone(zone).offset(instantMs) * 60_000;
}

/** The instant (epoch ms) of a floating wall-clock time in a zone, per RFC 5545 §3.3.5. */
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
