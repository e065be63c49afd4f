/**
 * An independent oracle for the tests: the old US Eastern rule (1987-2006: DST from the
 * first Sunday of April 02:00 to the last Sunday of October 02:00) written out with plain
 * calendar arithmetic, no time-zone library. The RFC 5545 examples use that period.
 */
const dow = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday

function firstSunday(y: number, m: number) {
  for (let d = 1; d <= 7; d++) if (dow(y, m, d) === 0) return d;
  throw new Error('unreachable');
}

function lastSunday(y: number, m: number) {
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = days; d > days - 7; d--) if (dow(y, m, d) === 0) return d;
  throw new Error('unreachable');
}

/** UTC offset in hours of US Eastern at a local wall-clock time (1987-2006 rules). */
export function easternOffset1990s(y: number, m: number, d: number, hour: number): number {
  const start = firstSunday(y, 4);
  const end = lastSunday(y, 10);
  const key = m * 10000 + d * 100 + hour;
  const inDst = key >= 4 * 10000 + start * 100 + 2 && key < 10 * 10000 + end * 100 + 1; // 01:00-01:59 on the last day counts as the first (EDT)
  return inDst ? -4 : -5;
}

/** '1997-09-02 09:00' in US Eastern (1990s rules) → ISO UTC. */
export function eastern(local: string): string {
  const [date, time = '09:00'] = local.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const offset = easternOffset1990s(y, m, d, h);
  return new Date(Date.UTC(y, m - 1, d, h - offset, mi)).toISOString();
}

/** A local wall-clock time with a known UTC offset (hours, may be fractional) → ISO UTC. */
export function withOffset(local: string, offsetHours: number): string {
  const [date, time] = local.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, h, mi) - offsetHours * 3_600_000).toISOString();
}
