/**
 * The Chinese calendar tables of scales.ts against independent oracles:
 *  - lunar-typescript (6tail): its own astronomical algorithm, not ICU;
 *  - the Spring Festival / Mid-Autumn dates published by the Hong Kong Observatory
 *    (Gregorian-Lunar calendar conversion tables) and the State Council's yearly holiday
 *    notices, typed in by hand;
 *  - ICU through Intl directly, except in the years where ICU 78 is known to be a day off.
 * scales.ts reads chinese-days' table, none of these.
 */
import { LunarYear, Solar } from 'lunar-typescript';
import { RecurrenceError } from '../errors';
import { SCALE_YEARS, scaleDateOf, scaleYear, type ScaleMonth } from '../scales';

const iso = (f: number) => new Date(f).toISOString().slice(0, 10);
const day = (text: string) => Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
const row = (m: ScaleMonth) => ({ month: m.month, leap: m.leap, start: iso(m.start), days: m.days });
const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** lunar-typescript's months of a Chinese year; it writes a leap month as a negative number. */
const oracleMonths = (y: number) =>
  LunarYear.fromYear(y)
    .getMonthsInYear()
    .map((m) => ({
      month: Math.abs(m.getMonth()),
      leap: m.getMonth() < 0,
      start: Solar.fromJulianDay(m.getFirstJulianDay()).toYmd(),
      days: m.getDayCount(),
    }));

describe('Chinese months vs lunar-typescript', () => {
  it.each(years(2025, 2035))('%i: every month start, length and leap flag', (y) => {
    expect(scaleYear('CHINESE', y).months.map(row)).toEqual(oracleMonths(y));
  });

  it('the whole supported range agrees too (1901-2099), but for three far years', () => {
    const differing = years(SCALE_YEARS.min, SCALE_YEARS.max).filter(
      (y) => JSON.stringify(scaleYear('CHINESE', y).months.map(row)) !== JSON.stringify(oracleMonths(y))
    );
    // The two sources put one month boundary a day apart in 1933, 1996 and 2060 (same
    // Spring Festival, same leap month). Pinned so a data update that changes more shows.
    expect(differing).toEqual([1933, 1996, 2060]);
  });
});

describe('published dates (Hong Kong Observatory tables, State Council holiday notices)', () => {
  const springFestival: [number, string][] = [
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    [2030, '2030-02-03'],
    [2031, '2031-01-23'],
    [2032, '2032-02-11'],
    [2033, '2033-01-31'],
    [2034, '2034-02-19'],
    [2035, '2035-02-08'],
  ];
  it.each(springFestival)('Spring Festival %i is %s', (y, date) => {
    expect(iso(scaleYear('CHINESE', y).months[0].start)).toBe(date);
    expect(scaleDateOf('CHINESE', day(date))).toEqual({ year: y, month: 1, leap: false, day: 1 });
    // The typed table checked against the other oracle as well.
    expect(oracleMonths(y)[0].start).toBe(date);
  });

  // 2033: GB/T 33661-2017 puts the leap month after the 11th, so Mid-Autumn is 8 September
  // (methods with a leap 7th month give 7 October).
  it.each([
    [2025, '2025-10-06'],
    [2026, '2026-09-25'],
    [2033, '2033-09-08'],
  ])('Mid-Autumn %i is %s', (y, date) => {
    expect(scaleDateOf('CHINESE', day(date))).toEqual({ year: y, month: 8, leap: false, day: 15 });
  });

  it('2033 has a leap 11th month from 2033-12-22; 2025 a leap 6th from 2025-07-25', () => {
    expect(
      scaleYear('CHINESE', 2033)
        .months.filter((m) => m.leap)
        .map(row)
    ).toEqual([{ month: 11, leap: true, start: '2033-12-22', days: 29 }]);
    expect(
      scaleYear('CHINESE', 2025)
        .months.filter((m) => m.leap)
        .map(row)
    ).toEqual([{ month: 6, leap: true, start: '2025-07-25', days: 29 }]);
  });

  // ICU 78 gives 2027-02-07 and 2030-02-02 (a new moon within minutes of midnight in
  // Beijing); the table follows the published calendar.
  it('the years ICU gets wrong follow the published calendar', () => {
    expect(iso(scaleYear('CHINESE', 2027).months[0].start)).toBe('2027-02-06');
    expect(iso(scaleYear('CHINESE', 2030).months[0].start)).toBe('2030-02-03');
    expect(scaleDateOf('CHINESE', day('2027-02-05'))).toEqual({ year: 2026, month: 12, leap: false, day: 29 });
  });
});

describe('scaleDateOf', () => {
  const icu = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
  // ICU 78 is a day off at one month boundary of each of these years (see above).
  const corrected = new Set([2026, 2027, 2029, 2030]);

  it('equals ICU day by day except where ICU 78 is a day off (2025-2035)', () => {
    for (let d = day('2025-01-29'); d < day('2036-01-28'); d += 86_400_000) {
      const mine = scaleDateOf('CHINESE', d);
      if (corrected.has(mine.year)) continue;
      const parts = icu.formatToParts(new Date(d + 43_200_000));
      const get = (type: string) => parts.find((p) => (p.type as string) === type)?.value ?? '';
      expect(`${mine.year}-${mine.month}${mine.leap ? 'bis' : ''}-${mine.day}`).toBe(`${get('relatedYear')}-${get('month')}-${get('day')}`);
    }
  });

  it('reads any time of day as that day and does not depend on the host zone', () => {
    expect(scaleDateOf('CHINESE', day('2033-09-08') + 23 * 3_600_000 + 59 * 60_000)).toEqual({
      year: 2033,
      month: 8,
      leap: false,
      day: 15,
    });
    expect(scaleDateOf('GREGORIAN', day('2024-02-29'))).toEqual({ year: 2024, month: 2, leap: false, day: 29 });
  });

  it('the last days of a Chinese year belong to it, not to the next Gregorian year', () => {
    expect(scaleDateOf('CHINESE', day('2026-02-16'))).toEqual({ year: 2025, month: 12, leap: false, day: 29 });
    expect(scaleDateOf('CHINESE', day('2026-01-01'))).toEqual({ year: 2025, month: 11, leap: false, day: 13 });
  });
});

describe('Gregorian tables', () => {
  it('12 months, February by leap year', () => {
    expect(scaleYear('GREGORIAN', 2024).months.map((m) => m.days)).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(scaleYear('GREGORIAN', 2100 - 1).months[1].days).toBe(28);
    expect(scaleYear('GREGORIAN', 2000).months[1].days).toBe(29);
  });
});

describe('supported range', () => {
  it.each([
    ['CHINESE', 1900],
    ['CHINESE', 2100],
    ['GREGORIAN', 2100],
  ] as const)('%s year %i is rejected', (scale, y) => {
    expect(() => scaleYear(scale, y)).toThrow(RecurrenceError);
  });

  it('names the range in the message', () => {
    expect(() => scaleDateOf('CHINESE', day('1901-02-18'))).toThrow(
      'lunar dates are supported from 1901 to 2099 (Chinese years; 1901-02-19 to 2100-02-08)'
    );
    expect(() => scaleDateOf('CHINESE', day('2100-02-09'))).toThrow(/^lunar dates are supported from 1901 to 2099/);
    expect(scaleDateOf('CHINESE', day('2100-02-08'))).toEqual({ year: 2099, month: 12, leap: false, day: 30 });
  });

  it('tables are cached and frozen', () => {
    const a = scaleYear('CHINESE', 2031);
    expect(scaleYear('CHINESE', 2031)).toBe(a);
    expect(Object.isFrozen(a.months)).toBe(true);
    expect(Object.isFrozen(a.months[0])).toBe(true);
  });
});
