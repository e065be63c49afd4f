/**
 * The cursor: expanding from a moved DTSTART near the window must give exactly what rrule
 * gives expanding from the original DTSTART (years back). The oracle is rrule itself, run
 * from the real start, in UTC floating space (where wall-clock ms equal instants), on
 * deterministic pseudo-random rules covering every frequency, INTERVAL, BYSETPOS,
 * BYWEEKNO, BYYEARDAY, numbered BYDAY and WKST.
 */
import { parseRecurrence } from '..';
import { cursorStart, explicitParts, toRRule } from '../expand';
import { parseRuleParts } from '../parse';

const DAY = 86_400_000;

/** mulberry32: a tiny seeded PRNG, so every run checks the same cases. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const some = <T>(xs: readonly T[], min = 1, max = 3): T[] => {
    const n = int(min, Math.min(max, xs.length));
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n) out.push(pool.splice(int(0, pool.length - 1), 1)[0]);
    return out;
  };
  return { next, int, pick, some };
}

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

interface Case {
  rule: string;
  dtstartF: number;
  fromF: number;
  toF: number;
}

function generate(seed: number): Case {
  const r = prng(seed);
  const freq = r.pick(['YEARLY', 'YEARLY', 'MONTHLY', 'MONTHLY', 'WEEKLY', 'WEEKLY', 'DAILY', 'DAILY', 'HOURLY', 'MINUTELY'] as const);
  const fromF = Date.UTC(r.int(2026, 2030), r.int(0, 11), r.int(1, 28), r.int(0, 23), r.int(0, 59));
  // Start years back for calendar frequencies; sub-daily ones are expanded minute by minute by the oracle, so closer.
  const back = {
    YEARLY: r.int(5, 40) * 365,
    MONTHLY: r.int(2, 30) * 365,
    WEEKLY: r.int(1, 25) * 365,
    DAILY: r.int(1, 20) * 365,
    HOURLY: r.int(2, 300),
    MINUTELY: r.int(1, 6),
  }[freq];
  const start = new Date(fromF - back * DAY - r.int(0, 86_399) * 1000);
  // Day of month ≤ 28 so that a default BYMONTHDAY taken from the start always exists.
  const dtstartF = Date.UTC(
    start.getUTCFullYear(),
    start.getUTCMonth(),
    Math.min(start.getUTCDate(), 28),
    start.getUTCHours(),
    start.getUTCMinutes(),
    r.pick([0, 0, 30])
  );
  const d = new Date(dtstartF);
  const span = { YEARLY: 40 * 365, MONTHLY: 6 * 365, WEEKLY: 3 * 365, DAILY: 400, HOURLY: 30, MINUTELY: 2 }[freq] * DAY;

  const parts: string[] = [`FREQ=${freq}`];
  const interval = {
    YEARLY: r.int(1, 4),
    MONTHLY: r.int(1, 18),
    WEEKLY: r.int(1, 5),
    DAILY: r.int(1, 10),
    HOURLY: r.int(1, 13),
    MINUTELY: r.int(5, 200),
  }[freq];
  if (interval > 1 || r.next() < 0.3) parts.push(`INTERVAL=${interval}`);
  const time = () => {
    if (r.next() < 0.5) parts.push(`BYHOUR=${r.some([6, 8, 9, 12, 18, 20, 23], 1, 2).join(',')}`);
    if (r.next() < 0.5) parts.push(`BYMINUTE=${r.some([0, 15, 30, 45], 1, 2).join(',')}`);
  };
  const plainDays = () => r.some(DAYS, 1, 5).join(',');
  switch (freq) {
    case 'YEARLY': {
      const shape = r.int(0, 6);
      if (shape === 1)
        parts.push(
          `BYMONTH=${r.some([1, 2, 3, 6, 9, 12], 1, 3).join(',')}`,
          `BYMONTHDAY=${r.some([1, 10, 15, 28, -1, -7], 1, 2).join(',')}`
        );
      if (shape === 2)
        parts.push(`BYWEEKNO=${r.some([1, 2, 20, 26, 52, 53, -1], 1, 3).join(',')}`, `BYDAY=${plainDays()}`, `WKST=${r.pick(DAYS)}`);
      if (shape === 3) parts.push(`BYYEARDAY=${r.some([1, 32, 100, 200, 365, 366, -1, -100], 1, 3).join(',')}`);
      if (shape === 4) parts.push(`BYMONTH=${r.some([1, 5, 11], 1, 2).join(',')}`, `BYDAY=${r.pick([1, 2, -1, 3])}${r.pick(DAYS)}`);
      if (shape === 5) parts.push(`BYDAY=${r.pick([1, 10, 20, -1, 52])}${r.pick(DAYS)}`);
      if (shape === 6)
        parts.push(`BYMONTH=${r.some([2, 7, 10], 1, 2).join(',')}`, `BYDAY=${plainDays()}`, `BYSETPOS=${r.pick([1, 2, -1, -2])}`);
      time();
      break;
    }
    case 'MONTHLY': {
      const shape = r.int(0, 5);
      if (shape === 1) parts.push(`BYMONTHDAY=${r.some([1, 2, 15, 28, 30, 31, -1, -3], 1, 3).join(',')}`);
      if (shape === 2) parts.push('BYDAY=MO,TU,WE,TH,FR', `BYSETPOS=${r.pick([1, -1, -2, 3])}`);
      if (shape === 3) parts.push(`BYDAY=${r.some(['1MO', '2TU', '-1FR', '3SU', '-2WE', '4SA'], 1, 2).join(',')}`);
      if (shape === 4) parts.push(`BYDAY=${plainDays()}`);
      if (shape === 5) parts.push(`BYDAY=${r.pick(DAYS)}`, `BYMONTHDAY=${r.some([7, 8, 9, 10, 11, 12, 13], 3, 7).join(',')}`);
      time();
      break;
    }
    case 'WEEKLY': {
      const shape = r.int(0, 3);
      if (shape === 1 || shape === 3) parts.push(`BYDAY=${plainDays()}`);
      if (shape === 2) parts.push(`BYDAY=${r.some(DAYS, 2, 5).join(',')}`, `BYSETPOS=${r.pick([1, -1, 2])}`);
      if (shape === 3) parts.push(`BYMONTH=${r.some([1, 4, 8, 12], 1, 3).join(',')}`);
      parts.push(`WKST=${r.pick(DAYS)}`);
      time();
      break;
    }
    case 'DAILY': {
      const shape = r.int(0, 4);
      if (shape === 1 && interval % 7 !== 0) parts.push(`BYDAY=${plainDays()}`);
      if (shape === 2) parts.push(`BYMONTH=${r.some([1, 2, 6, 11], 1, 2).join(',')}`);
      if (shape === 3) parts.push(`BYMONTHDAY=${r.some([1, 5, 13, 28, -1], 1, 3).join(',')}`);
      if (shape === 4) parts.push('BYHOUR=8,12,20', `BYSETPOS=${r.pick([1, -1, 2])}`);
      else time();
      break;
    }
    case 'HOURLY': {
      if (r.next() < 0.5) parts.push(`BYDAY=${plainDays()}`);
      // Include the start's hour so the hour grid always reaches an allowed hour.
      if (r.next() < 0.5) parts.push(`BYHOUR=${[...new Set([d.getUTCHours(), ...r.some([0, 7, 9, 13, 22], 1, 3)])].join(',')}`);
      if (r.next() < 0.3) parts.push(`BYMINUTE=${r.some([0, 20, 40], 1, 2).join(',')}`);
      break;
    }
    case 'MINUTELY': {
      if (r.next() < 0.5) parts.push(`BYDAY=${plainDays()}`);
      break;
    }
  }
  return { rule: parts.join(';'), dtstartF, fromF, toF: fromF + span };
}

const cases = Array.from({ length: 240 }, (_, i) => generate(1000 + i));

describe('cursor start == expansion from the real start (rrule as the oracle)', () => {
  it.each(
    cases.map((c) => [c.rule, new Date(c.dtstartF).toISOString().slice(0, 19), new Date(c.fromF).toISOString().slice(0, 16), c] as const)
  )('%s from %s, window at %s', (_rule, _s, _f, c) => {
    const parts = parseRuleParts(c.rule);
    const oracle = toRRule(parts, c.dtstartF, null)
      .between(new Date(c.fromF), new Date(c.toF), true)
      .map((x) => x.getTime());

    // The expansion starts on the rule's own grid, before the window and at most 2 intervals
    // plus one period back (the cursor, or the real start when that is already that close):
    // bounded work whatever the start's age.
    const cursor = cursorStart(parts, c.dtstartF, c.fromF);
    const period = { YEARLY: 366, MONTHLY: 31, WEEKLY: 7, DAILY: 1, HOURLY: 1 / 24, MINUTELY: 1 / 1440 }[parts.freq as 'DAILY'] * DAY;
    const scanFrom = cursor ?? c.dtstartF;
    expect(scanFrom).toBeLessThanOrEqual(c.fromF);
    expect(c.fromF - scanFrom).toBeLessThanOrEqual((2 * parts.interval + 1) * period + DAY);
    if (cursor !== null) {
      const moved = toRRule(explicitParts(parts, c.dtstartF).parts, cursor, null)
        .between(new Date(c.fromF), new Date(c.toF), true)
        .map((x) => x.getTime());
      expect(moved).toEqual(oracle);
    }

    // End to end in UTC, where floating time and instants coincide.
    const engine = parseRecurrence({ rule: c.rule, timezone: 'UTC', dtstart: new Date(c.dtstartF).toISOString().slice(0, 19) })
      .between(new Date(c.fromF), new Date(c.toF))
      .map((o) => o.instant.getTime());
    expect(engine).toEqual(oracle);
  });

  it('the generated cases exercise every frequency and the tricky parts, mostly move the start, and mostly produce occurrences', () => {
    const rules = cases.map((c) => c.rule);
    expect(cases.filter((c) => cursorStart(parseRuleParts(c.rule), c.dtstartF, c.fromF) !== null).length).toBeGreaterThan(
      cases.length * 0.9
    );
    for (const token of [
      'YEARLY',
      'MONTHLY',
      'WEEKLY',
      'DAILY',
      'HOURLY',
      'MINUTELY',
      'BYSETPOS',
      'BYWEEKNO',
      'BYYEARDAY',
      'WKST',
      'INTERVAL',
    ]) {
      expect(rules.filter((r) => r.includes(token)).length).toBeGreaterThan(5);
    }
    const nonEmpty = cases.filter(
      (c) => toRRule(parseRuleParts(c.rule), c.dtstartF, null).between(new Date(c.fromF), new Date(c.toF), true).length > 0
    );
    expect(nonEmpty.length).toBeGreaterThan(cases.length * 0.9);
  });

  it('COUNT is counted from the real start (no cursor)', () => {
    expect(cursorStart(parseRuleParts('FREQ=DAILY;COUNT=5'), Date.UTC(2006, 0, 1), Date.UTC(2026, 0, 1))).toBeNull();
    // …and still right: the 21st to 25th occurrences of a yearly series started in 2006, asked about in 2026.
    const r = parseRecurrence({ rule: 'FREQ=YEARLY;COUNT=25', timezone: 'UTC', dtstart: '2006-03-01T09:00:00' });
    expect(r.next('2026-01-01T00:00:00Z')?.utc).toBe('2026-03-01T09:00:00.000Z');
    expect(r.list({ from: '2026-01-01T00:00:00Z', count: 5 }).map((o) => o.localDate)).toEqual([
      '2026-03-01',
      '2027-03-01',
      '2028-03-01',
      '2029-03-01',
      '2030-03-01',
    ]);
    expect(r.next('2030-03-01T09:00:00Z')).toBeNull();
  });
});
