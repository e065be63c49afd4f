/**
 * RSCALE=CHINESE rules through the engine (parse → scale generator → times → zones).
 * Expected dates come from lunar-typescript (6tail's astronomical algorithm; the engine
 * reads chinese-days' table), DST offsets from oracle.ts's hand-written US rules.
 */
import { Lunar, Solar } from 'lunar-typescript';
import { parseRecurrence, resolveStep, RecurrenceError } from '..';
import { easternOffset } from './oracle';

const solar = (y: number, m: number, d: number) => Lunar.fromYmd(y, m, d).getSolar().toYmd();
/** The last day of lunar month 12 of year y: the day before the next Spring Festival. */
const newYearsEve = (y: number) => {
  const next = Lunar.fromYmd(y + 1, 1, 1).getSolar();
  return next.next(-1).toYmd();
};

function localDates(rule: string, zone: string, from: string, to: string, dtstart = '2025-01-01T09:00:00'): string[] {
  return parseRecurrence({ rule, timezone: zone, dtstart })
    .between(`${from}T00:00:00`, `${to}T23:59:59`)
    .map((o) => o.localDate);
}

const FESTIVALS: [string, number, number][] = [
  ['春节', 1, 1],
  ['元宵', 1, 15],
  ['端午', 5, 5],
  ['七夕', 7, 7],
  ['中秋', 8, 15],
  ['重阳', 9, 9],
  ['腊八', 12, 8],
];

describe('lunar festivals 2025-2035, placed in each zone', () => {
  for (const zone of ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin']) {
    it.each(FESTIVALS)(`${zone}: %s (month %i, day %i)`, (_name, month, day) => {
      // Chinese years 2024-2035: 腊八 of Chinese 2024 falls in January 2025.
      const expected = Array.from({ length: 12 }, (_, i) => solar(2024 + i, month, day)).filter(
        (d) => d >= '2025-01-01' && d <= '2036-01-27'
      );
      const rule = `RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day};BYHOUR=9;BYMINUTE=0`;
      expect(localDates(rule, zone, '2025-01-01', '2036-01-27')).toEqual(expected);
    });

    it(`${zone}: 除夕 is the last day of the 12th month whether it has 29 or 30 days`, () => {
      const expected = Array.from({ length: 13 }, (_, i) => newYearsEve(2024 + i)).filter((d) => d >= '2025-01-01' && d <= '2036-12-31');
      expect(
        localDates('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1;BYHOUR=20;BYMINUTE=0', zone, '2025-01-01', '2036-12-31')
      ).toEqual(expected);
    });
  }

  it('Mid-Autumn 2033 is 8 September (GB/T 33661-2017: leap month after the 11th)', () => {
    expect(localDates('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15', 'Asia/Shanghai', '2033-01-01', '2033-12-31')).toEqual([
      '2033-09-08',
    ]);
    // The leap 11th month of 2033, and no leap 7th.
    expect(localDates('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=11L;BYMONTHDAY=1', 'Asia/Shanghai', '2025-01-01', '2040-12-31')).toEqual([
      '2033-12-22',
    ]);
    expect(localDates('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=7L;BYMONTHDAY=1', 'Asia/Shanghai', '2030-01-01', '2036-12-31')).toEqual([]);
  });
});

describe('RFC 7529 and RFC 5545 together', () => {
  it('the RFC 7529 Chinese New Year example (DTSTART;VALUE=DATE:20130210, yearly)', () => {
    const r = parseRecurrence({ rule: 'DTSTART;VALUE=DATE:20130210\nRRULE:RSCALE=CHINESE;FREQ=YEARLY', timezone: 'Asia/Shanghai' });
    expect(r.list({ count: 10 }).map((o) => o.localDate)).toEqual([
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

  it('monthly steps count a leap month as a month of its own (2014 has a leap 9th month)', () => {
    // DTSTART 2014-09-20 is lunar 8/27; the next three are 9/27, leap 9/27 and 10/27 (lunar-typescript writes leap months negative).
    const r = parseRecurrence({
      rule: 'DTSTART;VALUE=DATE:20140920\nRRULE:RSCALE=CHINESE;FREQ=MONTHLY;COUNT=4',
      timezone: 'Asia/Shanghai',
    });
    expect(r.list({ count: 10 }).map((o) => o.localDate)).toEqual([
      '2014-09-20',
      solar(2014, 9, 27),
      solar(2014, -9, 27),
      solar(2014, 10, 27),
    ]);
  });

  it('RSCALE=GREGORIAN with SKIP (RFC 7529 leap-day example)', () => {
    const rule = (skip: string) => `DTSTART;VALUE=DATE:20120229\nRRULE:RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=${skip};COUNT=5`;
    const dates = (skip: string) =>
      parseRecurrence({ rule: rule(skip), timezone: 'UTC' })
        .list({ count: 10 })
        .map((o) => o.localDate);
    expect(dates('OMIT')).toEqual(['2012-02-29', '2016-02-29', '2020-02-29', '2024-02-29', '2028-02-29']);
    expect(dates('BACKWARD')).toEqual(['2012-02-29', '2013-02-28', '2014-02-28', '2015-02-28', '2016-02-29']);
    expect(dates('FORWARD')).toEqual(['2012-02-29', '2013-03-01', '2014-03-01', '2015-03-01', '2016-02-29']);
  });

  it('a lunar date at a time that does not exist in the zone is read with the offset before the gap', () => {
    // 2026-03-08 (US DST start) as a lunar date, from the oracle; 02:30 New York does not exist that day.
    const l = Solar.fromYmd(2026, 3, 8).getLunar();
    const r = parseRecurrence({
      rule: `RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=${l.getMonth()};BYMONTHDAY=${l.getDay()};BYHOUR=2;BYMINUTE=30`,
      timezone: 'America/New_York',
      dtstart: '2026-01-01T02:30:00',
    });
    const [first] = r.list({ count: 1 });
    expect(first.localDate).toBe('2026-03-08');
    expect(first.utc).toBe(new Date(Date.UTC(2026, 2, 8, 2 - easternOffset(2026, 3, 8, 2), 30)).toISOString()); // 07:30Z
    expect(first.local).toBe('2026-03-08T03:30:00.000-04:00');
  });

  it('a window far from the start returns the same posts as counting from the start', () => {
    const r = parseRecurrence({
      rule: 'RSCALE=CHINESE;FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=7;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2025-01-01T07:00:00',
    });
    const all = r.list({ count: 600 }).map((o) => o.utc);
    const late = r.between('2040-06-01T00:00:00Z', '2041-06-01T00:00:00Z').map((o) => o.utc);
    expect(late.length).toBeGreaterThan(20);
    expect(all.slice(all.indexOf(late[0]), all.indexOf(late[0]) + late.length)).toEqual(late);
  });

  it('COUNT and UNTIL', () => {
    const counted = parseRecurrence({
      rule: 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;COUNT=2',
      timezone: 'Asia/Shanghai',
      dtstart: '2025-01-01T09:00:00',
    });
    expect(counted.list({ count: 5 }).map((o) => o.localDate)).toEqual([solar(2025, 8, 15), solar(2026, 8, 15)]);
    const until = parseRecurrence({
      rule: 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;UNTIL=20280101',
      timezone: 'Asia/Shanghai',
      dtstart: '2025-01-01T09:00:00',
    });
    expect(until.list({ count: 5 }).map((o) => o.localDate)).toEqual([solar(2025, 1, 1), solar(2026, 1, 1), solar(2027, 1, 1)]);
  });

  it('a playbook step may repeat on lunar dates inside its window', () => {
    const step = resolveStep({
      cohortStart: '2026-02-01',
      day: 0,
      time: '07:00',
      timezone: 'Asia/Shanghai',
      rule: 'RSCALE=CHINESE;FREQ=MONTHLY;BYMONTHDAY=1,15',
      windowDays: 60,
    });
    const expected = [solar(2025, 12, 15), solar(2026, 1, 1), solar(2026, 1, 15), solar(2026, 2, 1), solar(2026, 2, 15)].filter(
      (d) => d >= '2026-02-01' && d <= '2026-04-02'
    );
    expect(step.between('2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z').map((o) => o.localDate)).toEqual(expected);
  });

  it('descriptions in English and Chinese', () => {
    const d = (rule: string) => parseRecurrence({ rule, timezone: 'Asia/Shanghai', dtstart: '2025-01-01T09:00:00' }).describe();
    expect(d('RRULE:RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0')).toEqual({
      en: 'every year on the 15th day of the 8th lunar month at 09:00 (Mid-Autumn Festival)',
      zh: '每年农历八月十五 09:00（中秋节）',
    });
    expect(d('RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1;BYHOUR=20;BYMINUTE=0')).toEqual({
      en: "every year on the last day of the 12th lunar month at 20:00 (Chinese New Year's Eve)",
      zh: '每年农历腊月最后一天 20:00（除夕）',
    });
  });
});

describe('RSCALE input errors name the rule', () => {
  it.each([
    ['RSCALE=HEBREW;FREQ=YEARLY', 'RSCALE=HEBREW is not supported'],
    ['FREQ=YEARLY;SKIP=FORWARD', 'SKIP=FORWARD needs RSCALE'],
    ['FREQ=YEARLY;BYMONTH=5L', 'a leap month needs RSCALE=CHINESE'],
    ['RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=5L', 'the Gregorian calendar has no leap months'],
    ['RSCALE=CHINESE;FREQ=YEARLY;SKIP=SIDEWAYS', 'SKIP=SIDEWAYS is not one of OMIT, BACKWARD or FORWARD'],
    ['RSCALE=CHINESE;FREQ=WEEKLY', 'works with FREQ=YEARLY or FREQ=MONTHLY'],
    ['RSCALE=CHINESE;FREQ=YEARLY;BYDAY=MO', 'BYDAY is not supported with RSCALE=CHINESE'],
    ['RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31', 'a lunar month has 29 or 30 days'],
  ])('%s', (rule, message) => {
    let err: unknown = null;
    try {
      parseRecurrence({ rule, timezone: 'Asia/Shanghai', dtstart: '2025-01-01T09:00:00' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RecurrenceError);
    expect((err as RecurrenceError).field).toBe('rule');
    expect((err as RecurrenceError).message).toContain(message);
  });

  it('cn-workdays cannot be combined with a lunar rule', () => {
    expect(() =>
      parseRecurrence({
        rule: 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15',
        timezone: 'Asia/Shanghai',
        dtstart: '2025-01-01T09:00:00',
        calendar: 'cn-workdays',
      })
    ).toThrow(/cn-workdays picks the days itself/);
  });
});
