/**
 * scaleDays / assertScaleRuleCanMatch / describeScale. Oracles, each named where used:
 *  - RFC 7529 §4.3 examples (Chinese New Year) and the SKIP rules of §3.1.2, expected
 *    dates written from the RFC's text;
 *  - lunar-typescript (6tail's astronomical algorithm, independent of ICU) for lunar dates;
 *  - plain Gregorian arithmetic (Date.UTC) for RSCALE=GREGORIAN.
 */
import { Lunar, LunarYear, Solar } from 'lunar-typescript';
import { RecurrenceError } from '../errors';
import { assertScaleRuleCanMatch, describeScale, LUNAR_FESTIVALS, scaleDays, type ScaleRule, type Skip } from '../rscale';

const DAY = 86_400_000;
const iso = (f: number) => new Date(f).toISOString().slice(0, 10);
const day = (text: string) => Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
const rule = (parts: Partial<ScaleRule>): ScaleRule => ({
  scale: 'CHINESE',
  freq: 'YEARLY',
  interval: 1,
  bymonth: [],
  bymonthday: [],
  skip: 'OMIT',
  ...parts,
});
/** The first `n` dates (all of them when n is omitted). */
function dates(r: ScaleRule, start: string, n = Infinity, fromDay?: string): string[] {
  const out: string[] = [];
  if (n === 0) return out;
  for (const d of scaleDays(r, day(start), fromDay === undefined ? {} : { fromDay: day(fromDay) })) {
    out.push(iso(d));
    if (out.length >= n) break;
  }
  return out;
}
const m = (month: number, leap = false) => ({ month, leap });
/** lunar-typescript: Gregorian date of a lunar date (month < 0: leap). */
const lunar = (y: number, month: number, d: number) => Lunar.fromYmd(y, month, d).getSolar().toYmd();
const lastDay = (y: number, month: number) => {
  const lm = LunarYear.fromYear(y).getMonth(month)!;
  return Solar.fromJulianDay(lm.getFirstJulianDay() + lm.getDayCount() - 1).toYmd();
};

describe('RFC 7529 examples', () => {
  it('§4.3.1 Chinese New Year: DTSTART 2013-02-10, RSCALE=CHINESE;FREQ=YEARLY', () => {
    expect(dates(rule({}), '2013-02-10', 10)).toEqual([
      '2013-02-10',
      '2014-01-31',
      '2015-02-19',
      '2016-02-08',
      '2017-01-28',
      '2018-02-16',
      '2019-02-05',
      '2020-01-25',
      '2021-02-12',
      '2022-02-01',
    ]);
  });

  const feb29 = rule({ scale: 'GREGORIAN' });
  it.each([
    ['OMIT', ['2012-02-29', '2016-02-29', '2020-02-29', '2024-02-29']],
    ['BACKWARD', ['2012-02-29', '2013-02-28', '2014-02-28', '2015-02-28', '2016-02-29', '2017-02-28']],
    ['FORWARD', ['2012-02-29', '2013-03-01', '2014-03-01', '2015-03-01', '2016-02-29', '2017-03-01']],
  ] as [Skip, string[]][])('§4.3.4 Gregorian February 29 yearly, SKIP=%s', (skip, expected) => {
    expect(dates({ ...feb29, skip }, '2012-02-29', expected.length)).toEqual(expected);
  });

  it.each([
    ['OMIT', ['2025-01-31', '2025-03-31', '2025-05-31', '2025-07-31', '2025-08-31', '2025-10-31', '2025-12-31', '2026-01-31']],
    ['BACKWARD', ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31']],
    ['FORWARD', ['2025-01-31', '2025-03-01', '2025-03-31', '2025-05-01', '2025-05-31', '2025-07-01', '2025-07-31', '2025-08-31']],
  ] as [Skip, string[]][])('Gregorian monthly BYMONTHDAY=31, SKIP=%s', (skip, expected) => {
    expect(dates(rule({ scale: 'GREGORIAN', freq: 'MONTHLY', bymonthday: [31], skip }), '2025-01-31', 8)).toEqual(expected);
  });

  it('FORWARD moves that land on a date the rule also makes collapse (BYMONTHDAY=1,31)', () => {
    const list = dates(rule({ scale: 'GREGORIAN', freq: 'MONTHLY', bymonthday: [1, 31], skip: 'FORWARD' }), '2025-01-01', 7);
    expect(list).toEqual(['2025-01-01', '2025-01-31', '2025-02-01', '2025-03-01', '2025-03-31', '2025-04-01', '2025-05-01']);
  });
});

describe('leap months (oracle: lunar-typescript; 2025 has a leap 6th month from 2025-07-25)', () => {
  const years = [2023, 2024, 2025, 2026, 2027, 2028];
  it('BYMONTH=6L, SKIP=OMIT: only 2025 (then 2036)', () => {
    expect(dates(rule({ bymonth: [m(6, true)], bymonthday: [1] }), '2023-01-22', 2)).toEqual([lunar(2025, -6, 1), lunar(2036, -6, 1)]);
    expect(lunar(2025, -6, 1)).toBe('2025-07-25');
  });
  it('BYMONTH=6L, SKIP=BACKWARD: the regular 6th month in other years', () => {
    const expected = years.map((y) => (y === 2025 ? lunar(y, -6, 1) : lunar(y, 6, 1)));
    expect(dates(rule({ bymonth: [m(6, true)], bymonthday: [1], skip: 'BACKWARD' }), '2023-01-22', 6)).toEqual(expected);
  });
  it('BYMONTH=6L, SKIP=FORWARD: the 7th month in other years', () => {
    const expected = years.map((y) => (y === 2025 ? lunar(y, -6, 1) : lunar(y, 7, 1)));
    expect(dates(rule({ bymonth: [m(6, true)], bymonthday: [1], skip: 'FORWARD' }), '2023-01-22', 6)).toEqual(expected);
  });
  it('BYMONTH=6 is only the regular 6th month; MONTHLY;BYMONTH=6L only the leap one', () => {
    expect(dates(rule({ bymonth: [m(6)], bymonthday: [1] }), '2025-01-29', 1)).toEqual(['2025-06-25']);
    expect(dates(rule({ freq: 'MONTHLY', bymonth: [m(6, true)], bymonthday: [1] }), '2025-01-29', 2)).toEqual([
      '2025-07-25',
      lunar(2036, -6, 1),
    ]);
  });
  it('BYMONTH=6L;BYMONTHDAY=30: the month first, then the day (6L of 2025 has 29 days)', () => {
    const r = rule({ bymonth: [m(6, true)], bymonthday: [30] });
    expect(dates({ ...r, skip: 'BACKWARD' }, '2025-01-29', 1)).toEqual([lunar(2025, -6, 29)]);
    expect(dates({ ...r, skip: 'FORWARD' }, '2025-01-29', 1)).toEqual([lunar(2025, 7, 1)]);
    // 2026: no 6L → BACKWARD uses the 6th month (30 days), FORWARD the 7th (29 days: day 30 → 8/1).
    expect(dates({ ...r, skip: 'BACKWARD' }, '2026-02-17', 1)).toEqual([lunar(2026, 6, 30)]);
    expect(dates({ ...r, skip: 'FORWARD' }, '2026-02-17', 1)).toEqual([lunar(2026, 8, 1)]);
  });
  it('a DTSTART in a leap month repeats in that leap month (default BYMONTH keeps the flag)', () => {
    expect(dates(rule({}), '2025-07-25', 1, '2025-07-26')).toEqual(['2036-07-23']);
  });
});

describe('festivals 2025-2035 (oracle: lunar-typescript Lunar.fromYmd)', () => {
  it.each(LUNAR_FESTIVALS.map((f) => [f.en, f] as const))('%s', (_name, f) => {
    const r = rule({ bymonth: [m(f.month)], bymonthday: [f.day] });
    // Chinese years 2025-2035: from the 2025 Spring Festival, eleven dates.
    const expected = Array.from({ length: 11 }, (_, i) => 2025 + i).map((y) =>
      f.day === -1 ? lastDay(y, f.month) : lunar(y, f.month, f.day)
    );
    expect(dates(r, '2025-01-29', 11)).toEqual(expected);
  });
});

describe('day 30 (oracle: lunar-typescript month lengths)', () => {
  const months2025 = LunarYear.fromYear(2025).getMonthsInYear();
  it('MONTHLY;BYMONTHDAY=30 OMIT: only the 30-day months', () => {
    const expected = months2025
      .filter((lm) => lm.getDayCount() === 30)
      .map((lm) => Solar.fromJulianDay(lm.getFirstJulianDay() + 29).toYmd());
    expect(dates(rule({ freq: 'MONTHLY', bymonthday: [30] }), '2025-01-29').filter((d) => d < '2026-02-17')).toEqual(expected);
  });
  it.each(['BACKWARD', 'FORWARD'] as Skip[])('MONTHLY;BYMONTHDAY=30 %s: one date per month', (skip) => {
    const expected = months2025.map((lm) =>
      Solar.fromJulianDay(lm.getFirstJulianDay() + (lm.getDayCount() === 30 ? 29 : skip === 'BACKWARD' ? 28 : 29)).toYmd()
    );
    expect(dates(rule({ freq: 'MONTHLY', bymonthday: [30], skip }), '2025-01-29', months2025.length)).toEqual(expected);
  });
  it('除夕 (BYMONTH=12;BYMONTHDAY=-1) is the last day whether the 12th month has 29 or 30 days', () => {
    expect(dates(rule({ bymonth: [m(12)], bymonthday: [-1] }), '2025-01-01', 6)).toEqual([
      '2025-01-28',
      '2026-02-16',
      '2027-02-05',
      '2028-01-25',
      '2029-02-12',
      '2030-02-02',
    ]);
  });
  it('BYMONTHDAY=31 with SKIP=BACKWARD is every lunar month end', () => {
    const expected = months2025.map((lm) => Solar.fromJulianDay(lm.getFirstJulianDay() + lm.getDayCount() - 1).toYmd());
    expect(dates(rule({ freq: 'MONTHLY', bymonthday: [31], skip: 'BACKWARD' }), '2025-01-29', 13)).toEqual(expected);
  });
});

describe('INTERVAL', () => {
  it('YEARLY;INTERVAL=2 steps Chinese years', () => {
    expect(dates(rule({ interval: 2, bymonth: [m(8)], bymonthday: [15] }), '2025-01-29', 3)).toEqual([
      lunar(2025, 8, 15),
      lunar(2027, 8, 15),
      lunar(2029, 8, 15),
    ]);
  });
  it('MONTHLY;INTERVAL=2 counts a leap month as a month of its own', () => {
    const all = [...LunarYear.fromYear(2025).getMonthsInYear(), ...LunarYear.fromYear(2026).getMonthsInYear()];
    const expected = all.filter((_, i) => i % 2 === 0).map((lm) => Solar.fromJulianDay(lm.getFirstJulianDay()).toYmd());
    expect(dates(rule({ freq: 'MONTHLY', interval: 2, bymonthday: [1] }), '2025-01-29', expected.length)).toEqual(expected);
    // 1, 3, 5, 6L, 7+1=8, …: the leap 6th month is the 7th month of 2025's list.
    expect(expected.slice(0, 5)).toEqual(['2025-01-29', '2025-03-29', '2025-05-27', '2025-07-25', '2025-09-22']);
  });
  it('Gregorian MONTHLY;INTERVAL=5 across years (February 2027 has no 30th: omitted)', () => {
    expect(dates(rule({ scale: 'GREGORIAN', freq: 'MONTHLY', interval: 5 }), '2025-11-30', 4)).toEqual([
      '2025-11-30',
      '2026-04-30',
      '2026-09-30',
      '2027-07-30',
    ]);
  });
});

describe('fromDay: the tail of the full generation', () => {
  // A small LCG so failures reproduce.
  let seed = 7529;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const rules: [string, ScaleRule][] = [
    ['lunar yearly 8/15', rule({ bymonth: [m(8)], bymonthday: [15] })],
    ['lunar yearly 6L/30 FORWARD, INTERVAL=3', rule({ interval: 3, bymonth: [m(6, true)], bymonthday: [30], skip: 'FORWARD' })],
    ['lunar yearly 12/-1, 1/1,30 BACKWARD', rule({ bymonth: [m(12), m(1)], bymonthday: [-1, 1, 30], skip: 'BACKWARD' })],
    ['lunar monthly 1,15,30 FORWARD, INTERVAL=7', rule({ freq: 'MONTHLY', interval: 7, bymonthday: [1, 15, 30], skip: 'FORWARD' })],
    ['lunar monthly -30 BACKWARD', rule({ freq: 'MONTHLY', bymonthday: [-30], skip: 'BACKWARD' })],
    [
      'Gregorian monthly 31 FORWARD, INTERVAL=2',
      rule({ scale: 'GREGORIAN', freq: 'MONTHLY', interval: 2, bymonthday: [31], skip: 'FORWARD' }),
    ],
    ['Gregorian yearly 2/29 BACKWARD', rule({ scale: 'GREGORIAN', bymonth: [m(2)], bymonthday: [29], skip: 'BACKWARD' })],
  ];
  it.each(rules)('%s', (_name, r) => {
    const start = '2001-03-15';
    const all = dates(r, start);
    expect(all.length).toBeGreaterThan(0);
    expect([...all].sort()).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
    for (let i = 0; i < 40; i++) {
      const from = iso(day(start) + Math.floor(rand() * 90 * 365) * DAY);
      expect(dates(r, start, Infinity, from)).toEqual(all.filter((d) => d >= from));
    }
  });
  it('fromDay before DTSTART changes nothing; past the range yields nothing', () => {
    const r = rule({ bymonth: [m(8)], bymonthday: [15] });
    expect(dates(r, '2025-01-01', 3, '2000-01-01')).toEqual(dates(r, '2025-01-01', 3));
    expect(dates(r, '2025-01-01', Infinity, '2101-01-01')).toEqual([]);
  });
});

describe('range end', () => {
  it('a lunar yearly rule ends with Chinese year 2099 and a monthly one with its last month', () => {
    const sf = dates(rule({}), '2026-02-17');
    expect(sf).toHaveLength(2099 - 2026 + 1);
    expect(sf[sf.length - 1]).toBe('2099-01-21');
    const ends = dates(rule({ freq: 'MONTHLY', bymonthday: [-1] }), '2099-01-21');
    expect(ends[ends.length - 1]).toBe('2100-02-08');
  });
  it('a FORWARD move past the range is dropped', () => {
    const list = dates(rule({ bymonth: [m(12)], bymonthday: [31], skip: 'FORWARD' }), '2098-01-01');
    expect(list[list.length - 1] <= '2100-02-08').toBe(true);
  });
  it('a DTSTART outside the range is rejected', () => {
    expect(() => scaleDays(rule({}), day('2100-03-01'))).toThrow(/^lunar dates are supported from 1901 to 2099/);
  });
});

describe('assertScaleRuleCanMatch', () => {
  const start = day('2026-03-01');
  it.each([
    [
      'BYMONTHDAY=31, CHINESE, OMIT',
      rule({ freq: 'MONTHLY', bymonthday: [31] }),
      'the rule never produces an occurrence: lunar months have 29 or 30 days, so BYMONTHDAY=31 never exists (use BYMONTHDAY=-1 for the last day of the month, or SKIP=BACKWARD / SKIP=FORWARD)',
    ],
    [
      'GREGORIAN BYMONTH=2;BYMONTHDAY=30, OMIT',
      rule({ scale: 'GREGORIAN', bymonth: [m(2)], bymonthday: [30] }),
      'the rule never produces an occurrence: February never has day 30 (use BYMONTHDAY=-1 for the last day of the month, or SKIP=BACKWARD / SKIP=FORWARD)',
    ],
    [
      'BYMONTH=12L, OMIT',
      rule({ bymonth: [m(12, true)], bymonthday: [1] }),
      'the rule never produces an occurrence: there is no leap 12th lunar month (12L) in the supported years 2026-2099 (use SKIP=BACKWARD or SKIP=FORWARD to fall back to a regular month)',
    ],
    [
      'an INTERVAL that misses the only 6L years (2025, 2036, 2055, 2074…)',
      rule({ interval: 100, bymonth: [m(6, true)], bymonthday: [1] }),
      'the rule never produces an occurrence: there is no leap 6th lunar month (6L) in the supported years 2026-2099 on the INTERVAL=100 grid (use SKIP=BACKWARD or SKIP=FORWARD to fall back to a regular month)',
    ],
    [
      'a one-period rule whose only date is before DTSTART',
      rule({ interval: 500, bymonth: [m(1)], bymonthday: [1] }),
      'the rule never produces an occurrence: no date from DTSTART (2026-03-01) to the end of the supported range (2100-02-08) matches it',
    ],
  ])('%s', (_name, r, message) => {
    expect(() => assertScaleRuleCanMatch(r, start)).toThrow(new RecurrenceError('rule', message));
  });
  it('rejects malformed parts', () => {
    expect(() => assertScaleRuleCanMatch(rule({ scale: 'GREGORIAN', bymonth: [m(2, true)] }), start)).toThrow(
      'BYMONTH=2L: the Gregorian calendar has no leap months'
    );
    expect(() => assertScaleRuleCanMatch(rule({ bymonthday: [0] }), start)).toThrow('BYMONTHDAY=0 is out of range -31..-1 or 1..31');
    expect(() => assertScaleRuleCanMatch(rule({ interval: 0 }), start)).toThrow('INTERVAL=0 must be a whole number of at least 1');
  });
  it.each([
    ['6L with BACKWARD', rule({ bymonth: [m(6, true)], bymonthday: [1], skip: 'BACKWARD' })],
    ['31 with BACKWARD', rule({ freq: 'MONTHLY', bymonthday: [31], skip: 'BACKWARD' })],
    ['February 29 with OMIT', rule({ scale: 'GREGORIAN', bymonth: [m(2)], bymonthday: [29] })],
    ['除夕', rule({ bymonth: [m(12)], bymonthday: [-1] })],
  ])('accepts %s', (_name, r) => {
    expect(() => assertScaleRuleCanMatch(r, start)).not.toThrow();
  });
});

describe('describeScale', () => {
  const start = day('2026-03-01');
  it.each([
    [
      rule({ bymonth: [m(8)], bymonthday: [15] }),
      'every year on the 15th day of the 8th lunar month (Mid-Autumn Festival)',
      '每年农历八月十五（中秋节）',
    ],
    [
      rule({ bymonth: [m(1)], bymonthday: [1] }),
      'every year on the 1st day of the 1st lunar month (Spring Festival)',
      '每年农历正月初一（春节）',
    ],
    [
      rule({ bymonth: [m(1)], bymonthday: [15] }),
      'every year on the 15th day of the 1st lunar month (Lantern Festival)',
      '每年农历正月十五（元宵节）',
    ],
    [
      rule({ bymonth: [m(5)], bymonthday: [5] }),
      'every year on the 5th day of the 5th lunar month (Dragon Boat Festival)',
      '每年农历五月初五（端午节）',
    ],
    [
      rule({ bymonth: [m(7)], bymonthday: [7] }),
      'every year on the 7th day of the 7th lunar month (Qixi Festival)',
      '每年农历七月初七（七夕）',
    ],
    [
      rule({ bymonth: [m(9)], bymonthday: [9] }),
      'every year on the 9th day of the 9th lunar month (Double Ninth Festival)',
      '每年农历九月初九（重阳节）',
    ],
    [
      rule({ bymonth: [m(12)], bymonthday: [8] }),
      'every year on the 8th day of the 12th lunar month (Laba Festival)',
      '每年农历腊月初八（腊八节）',
    ],
    [
      rule({ bymonth: [m(12)], bymonthday: [-1] }),
      "every year on the last day of the 12th lunar month (Chinese New Year's Eve)",
      '每年农历腊月最后一天（除夕）',
    ],
    [rule({ bymonth: [m(11)], bymonthday: [21] }), 'every year on the 21st day of the 11th lunar month', '每年农历冬月廿一'],
    [rule({ bymonth: [m(10)], bymonthday: [20] }), 'every year on the 20th day of the 10th lunar month', '每年农历十月二十'],
    [rule({ bymonth: [m(5, true)], bymonthday: [5] }), 'every year on the 5th day of the leap 5th lunar month', '每年农历闰五月初五'],
    [
      rule({ interval: 2, bymonth: [m(8)], bymonthday: [15] }),
      'every 2 years on the 15th day of the 8th lunar month (Mid-Autumn Festival)',
      '每2年农历八月十五（中秋节）',
    ],
    [rule({ freq: 'MONTHLY', bymonthday: [15, 1] }), 'every lunar month on the 1st and 15th day', '每个农历月的初一、十五'],
    [rule({ freq: 'MONTHLY', interval: 3, bymonthday: [-1] }), 'every 3 lunar months on the last day', '每3个农历月的最后一天'],
    [
      rule({ freq: 'MONTHLY', bymonthday: [30], skip: 'BACKWARD' }),
      'every lunar month on the 30th day, moved to the previous day when that day does not exist',
      '每个农历月的三十（当月没有这一天时提前一天）',
    ],
    [
      rule({ bymonth: [m(12)], bymonthday: [30], skip: 'FORWARD' }),
      'every year on the 30th day of the 12th lunar month, moved to the next day when that day does not exist',
      '每年农历腊月三十（当年没有这一天时推后一天）',
    ],
    [
      rule({ bymonth: [m(6, true)], bymonthday: [1], skip: 'BACKWARD' }),
      'every year on the 1st day of the leap 6th lunar month, in the regular month when that year has no such leap month',
      '每年农历闰六月初一（当年没有这个闰月时改在同名的月份）',
    ],
    [
      rule({ bymonth: [m(1), m(8)], bymonthday: [1, 15] }),
      'every year on the 1st and 15th day of the 1st and 8th lunar months',
      '每年农历正月、八月的初一、十五',
    ],
    [rule({ scale: 'GREGORIAN', bymonth: [m(2)], bymonthday: [29] }), 'every year on February 29', '每年2月29日'],
    [
      rule({ scale: 'GREGORIAN', bymonth: [m(2)], bymonthday: [29], skip: 'BACKWARD' }),
      'every year on February 29, moved to the previous day when that day does not exist',
      '每年2月29日（当年没有这一天时提前一天）',
    ],
    [
      rule({ scale: 'GREGORIAN', freq: 'MONTHLY', bymonthday: [31], skip: 'FORWARD' }),
      'every month on the 31st, moved to the nearest later day when that day does not exist',
      '每月31日（当月没有这一天时改为之后最近的一天）',
    ],
  ] as [ScaleRule, string, string][])('%#', (r, en, zh) => {
    expect(describeScale(r, start)).toEqual({ en, zh });
  });
  it('defaults come from DTSTART (2033-09-08 is 8/15)', () => {
    expect(describeScale(rule({}), day('2033-09-08')).zh).toBe('每年农历八月十五（中秋节）');
  });
});
