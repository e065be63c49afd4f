/**
 * Independent expectations for the tests: published US Eastern DST rules written out with
 * plain calendar arithmetic (Date.UTC only, no time-zone library, nothing from the engine).
 *
 *  - 1987-2006: EDT (UTC-4) from the first Sunday of April 02:00 EST to the last Sunday of
 *    October 02:00 EDT; EST (UTC-5) otherwise. The RFC 5545 examples (1996-2006) use this.
 *  - 2007 on: from the second Sunday of March to the first Sunday of November.
 *
 * RFC 5545 §3.3.5 for the edges: on the spring day, 02:00-02:59 does not exist and is read
 * with the offset before the gap (EST); on the autumn day, 01:00-01:59 happens twice and
 * means the first one (EDT).
 */
const dow = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday

/** Day of month of the n-th Sunday (n = -1: the last). */
export function nthSunday(y: number, m: number, n: number): number {
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const sundays: number[] = [];
  for (let d = 1; d <= days; d++) if (dow(y, m, d) === 0) sundays.push(d);
  return n > 0 ? sundays[n - 1] : sundays[sundays.length + n];
}

/** UTC offset (hours) of US Eastern for a local wall-clock time, RFC 5545 §3.3.5 at the edges. */
export function easternOffset(y: number, m: number, d: number, hour: number): number {
  const [startMonth, startDay, endMonth, endDay] =
    y <= 2006 ? [4, nthSunday(y, 4, 1), 10, nthSunday(y, 10, -1)] : [3, nthSunday(y, 3, 2), 11, nthSunday(y, 11, 1)];
  const key = m * 10000 + d * 100 + hour;
  // DST from 03:00 on the start day (02:xx is in the gap: EST) until 01:59 on the end day (first pass: EDT).
  const inDst = key >= startMonth * 10000 + startDay * 100 + 3 && key < endMonth * 10000 + endDay * 100 + 2;
  return inDst ? -4 : -5;
}

/** '1997-09-02 09:00' in US Eastern → ISO UTC. */
export function eastern(local: string): string {
  const [date, time = '09:00'] = local.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const offset = easternOffset(y, m, d, h);
  return new Date(Date.UTC(y, m - 1, d, h - offset, mi)).toISOString();
}

/** A local wall-clock time with a known UTC offset (hours, may be fractional) → ISO UTC. */
export function withOffset(local: string, offsetHours: number): string {
  const [date, time = '00:00'] = local.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, h, mi) - offsetHours * 3_600_000).toISOString();
}

/** Every `step`-th day from `first` to `last` inclusive ('YYYY-MM-DD'), as 'YYYY-MM-DD'. */
export function dayRange(first: string, last: string, step = 1): string[] {
  const out: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end; t += step * 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** 'YYYY-MM' + day numbers → 'YYYY-MM-DD' list. */
export const on = (month: string, days: number[]) => days.map((d) => `${month}-${String(d).padStart(2, '0')}`);
