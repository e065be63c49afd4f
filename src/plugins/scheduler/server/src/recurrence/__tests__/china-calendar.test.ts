/**
 * China's working-day calendar (cn-workdays, cn-no-holidays) and rules whose DTSTART has
 * its own zone (…Z or TZID), which repeat in that zone.
 *
 * Oracles, none of them from the code or the data package under test:
 *  - the State Council's holiday arrangements for 2025 (国办发明电〔2024〕12号) and 2026
 *    (国办发明电〔2025〕7号), typed in below from the notices' text;
 *  - weekdays from Date.UTC arithmetic;
 *  - DST offsets from the published US and EU rules (oracle.ts and euOffset below), with
 *    python-dateutil's semantics for a UTC start: `rrule(DAILY, dtstart=datetime(2026, 3,
 *    1, 13, tzinfo=UTC))` yields 13:00 UTC every day, whatever zone it is displayed in.
 */
import { parseRecurrence, preview, RecurrenceError, type CalendarName } from '..';
import { easternOffset, nthSunday } from './oracle';

type Range = [string, string];
interface Arrangement {
  off: Range[];
  work: string[];
}

/** The notices: days off (inclusive ranges) and the weekend days that are working days. */
const NOTICES: Record<number, Arrangement> = {
  2025: {
    off: [
      ['2025-01-01', '2025-01-01'], // 元旦
      ['2025-01-28', '2025-02-04'], // 春节
      ['2025-04-04', '2025-04-06'], // 清明节
      ['2025-05-01', '2025-05-05'], // 劳动节
      ['2025-05-31', '2025-06-02'], // 端午节
      ['2025-10-01', '2025-10-08'], // 国庆节、中秋节
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节
      ['2026-04-04', '2026-04-06'], // 清明节
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午节
      ['2026-09-25', '2026-09-27'], // 中秋节
      ['2026-10-01', '2026-10-07'], // 国庆节
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += DAY) out.push(iso(d));
  return out;
}
function offDays(a: Arrangement): Set<string> {
  const out = new Set<string>();
  for (const [from, to] of a.off) for (let d = ms(from); d <= ms(to); d += DAY) out.add(iso(d));
  return out;
}
const isWeekend = (date: string) => [0, 6].includes(new Date(ms(date)).getUTCDay());

function dates(rule: string, calendar: CalendarName, zone: string, from: string, to: string, dtstart = from): string[] {
  return parseRecurrence({ rule, timezone: zone, dtstart: `${dtstart}T08:00:00`, calendar })
    .between(`${from}T00:00:00`, `${to}T23:59:59`)
    .map((o) => o.localDate);
}

describe('cn-workdays: every day of 2025 and 2026 against the State Council notices', () => {
  for (const year of [2025, 2026]) {
    const notice = NOTICES[year];
    const off = offDays(notice);
    const work = new Set(notice.work);
    const expected = daysOf(year).filter((d) => work.has(d) || (!isWeekend(d) && !off.has(d)));

    it(`${year}: ${expected.length} working days, make-up weekends included`, () => {
      // Sanity of the oracle itself: make-up days are weekends, days off are not working days.
      for (const d of work) expect(isWeekend(d)).toBe(true);
      expect(dates('FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-workdays', 'Asia/Shanghai', `${year}-01-01`, `${year}-12-31`)).toEqual(expected);
    });

    it(`${year}: "weekdays" written as a weekly rule means the same`, () => {
      expect(
        dates('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0', 'cn-workdays', 'Asia/Shanghai', `${year}-01-01`, `${year}-12-31`)
      ).toEqual(expected);
    });

    it(`${year}: cn-no-holidays keeps the rule's own days and drops every day off`, () => {
      const daily = daysOf(year).filter((d) => !off.has(d));
      expect(dates('FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-no-holidays', 'Asia/Shanghai', `${year}-01-01`, `${year}-12-31`)).toEqual(daily);
      // Mondays only: a Monday holiday is dropped, a make-up Sunday is not added.
      const mondays = daysOf(year).filter((d) => new Date(ms(d)).getUTCDay() === 1 && !off.has(d));
      expect(
        dates('FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=0', 'cn-no-holidays', 'Asia/Shanghai', `${year}-01-01`, `${year}-12-31`)
      ).toEqual(mondays);
    });
  }

  it("applies in each group's own zone: local days in New York, not Beijing's", () => {
    // 2026-10-01 08:00 in New York is a Chinese holiday date, 2026-10-10 a make-up Saturday.
    const ny = dates('FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-workdays', 'America/New_York', '2026-09-28', '2026-10-12');
    expect(ny).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
  });

  it('sub-daily rules keep their times on working days only', () => {
    const r = parseRecurrence({
      rule: 'FREQ=HOURLY;INTERVAL=4;BYHOUR=9,13,17;BYMINUTE=30',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-10-09T09:30:00',
      calendar: 'cn-workdays',
    });
    expect(r.between('2026-10-09T00:00:00', '2026-10-12T23:59:59').map((o) => o.local.slice(0, 16))).toEqual([
      '2026-10-09T09:30',
      '2026-10-09T13:30',
      '2026-10-09T17:30',
      '2026-10-10T09:30', // make-up Saturday
      '2026-10-10T13:30',
      '2026-10-10T17:30',
      '2026-10-12T09:30',
      '2026-10-12T13:30',
      '2026-10-12T17:30',
    ]);
  });

  it('COUNT counts the posts the calendar keeps; exceptions still come after', () => {
    const r = parseRecurrence({
      rule: 'FREQ=DAILY;COUNT=5;BYHOUR=8;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-09-30T08:00:00',
      calendar: 'cn-workdays',
    });
    expect(r.list({ count: 10 }).map((o) => o.localDate)).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
    const withException = parseRecurrence({
      rule: 'FREQ=DAILY;COUNT=5;BYHOUR=8;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-09-30T08:00:00',
      calendar: 'cn-workdays',
      exceptions: ['2026-10-09'],
    });
    expect(withException.list({ count: 10 }).map((o) => o.localDate)).toEqual(['2026-09-30', '2026-10-08', '2026-10-10', '2026-10-12']);
  });

  it('a step (Day N at HH:mm) follows the calendar too', async () => {
    const { resolveStep } = await import('..');
    const step = resolveStep({
      cohortStart: '2026-09-28',
      day: 0,
      time: '08:00',
      timezone: 'Asia/Shanghai',
      rule: 'FREQ=DAILY',
      windowDays: 13,
      calendar: 'cn-workdays',
    });
    expect(step.between('2026-09-01T00:00:00Z', '2026-11-01T00:00:00Z').map((o) => o.localDate)).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
  });
});

describe('years the data does not cover', () => {
  it('2027: cn-workdays falls back to Monday-Friday and says so; cn-no-holidays skips nothing', () => {
    const jan = dates('FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-workdays', 'Asia/Shanghai', '2026-12-28', '2027-01-10');
    // 2027-01-01 is a Friday: no data, so it is a working day like any Friday.
    expect(jan).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
      '2027-01-08',
    ]);
    const r = preview({
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-12-28T08:00:00',
      calendar: 'cn-workdays',
      count: 6,
    });
    expect(r.warnings).toEqual([
      {
        code: 'holiday-data-missing',
        year: 2027,
        en: 'no China holiday data for 2027 yet: occurrences follow weekdays only',
        zh: '尚无 2027 年的中国节假日数据：暂按周一至周五发送',
      },
    ]);
    expect(dates('FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-no-holidays', 'Asia/Shanghai', '2027-01-01', '2027-01-03')).toEqual([
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('no warning while every day listed is covered', () => {
    const r = preview({
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-09-28T08:00:00',
      calendar: 'cn-workdays',
      count: 10,
    });
    expect(r.warnings).toEqual([]);
  });
});

describe('preview lists what the calendar changed, with names in English and Chinese', () => {
  it('National Day 2026 under cn-workdays', () => {
    const r = preview({
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-09-28T08:00:00',
      calendar: 'cn-workdays',
      count: 7,
    });
    expect(r.calendar).toBe('cn-workdays');
    expect(r.description).toEqual({ en: 'every working day in China at 08:00', zh: '中国工作日（含调休）每天 08:00' });
    expect(r.occurrences.map((o) => o.local.slice(0, 10))).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
    // Weekend days of the break (10-03, 10-04) were never weekday posts: not "skipped".
    expect(r.adjustments.map((a) => a.text.en)).toEqual([
      '2026-10-01 skipped: National Day / 国庆节',
      '2026-10-02 skipped: National Day / 国庆节',
      '2026-10-05 skipped: National Day / 国庆节',
      '2026-10-06 skipped: National Day / 国庆节',
      '2026-10-07 skipped: National Day / 国庆节',
      '2026-10-10 added: make-up working day / 调休上班',
    ]);
    expect(r.adjustments[5]).toEqual({
      date: '2026-10-10',
      change: 'added',
      reason: { en: 'make-up working day', zh: '调休上班' },
      text: { en: '2026-10-10 added: make-up working day / 调休上班', zh: '2026-10-10 加发：调休上班' },
    });
  });

  it('cn-no-holidays skips weekend holiday days too, and adds nothing', () => {
    const r = preview({
      rule: 'FREQ=DAILY;BYHOUR=20;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-09-24T20:00:00',
      calendar: 'cn-no-holidays',
      count: 3,
    });
    expect(r.description).toEqual({ en: "every day at 20:00, except China's public holidays", zh: '每天 20:00（法定节假日除外）' });
    expect(r.occurrences.map((o) => o.local.slice(0, 10))).toEqual(['2026-09-24', '2026-09-28', '2026-09-29']);
    expect(r.adjustments.map((a) => a.text.zh)).toEqual(['2026-09-25 不发：中秋', '2026-09-26 不发：中秋', '2026-09-27 不发：中秋']);
  });
});

describe('cn-workdays picks the days itself: rules that pick days are refused, naming the field', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=8', 'BYDAY must be MO,TU,WE,TH,FR'],
    ['FREQ=WEEKLY;BYHOUR=8', 'BYDAY must be MO,TU,WE,TH,FR'],
    ['FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=8', 'FREQ=MONTHLY cannot be used'],
    ['FREQ=DAILY;INTERVAL=2;BYHOUR=8', 'INTERVAL=2 cannot be used'],
    ['FREQ=DAILY;BYMONTH=3;BYHOUR=8', 'BYMONTH cannot be used'],
  ])('%s', (rule, message) => {
    let err: RecurrenceError | null = null;
    try {
      parseRecurrence({ rule, timezone: 'Asia/Shanghai', dtstart: '2026-03-01T08:00:00', calendar: 'cn-workdays' });
    } catch (e) {
      err = e as RecurrenceError;
    }
    expect(err).toBeInstanceOf(RecurrenceError);
    expect(err?.field).toBe('calendar');
    expect(err?.message).toContain(message);
    expect(err?.message).toContain('cn-no-holidays');
  });

  it('an unknown calendar is refused', () => {
    expect(() =>
      parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-01T08:00:00', calendar: 'cn' as CalendarName })
    ).toThrow(/calendar "cn" is not one of none, cn-workdays, cn-no-holidays/);
  });
});

/** Europe's rule: summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function berlinOffset(utcMs: number): number {
  const y = new Date(utcMs).getUTCFullYear();
  const start = Date.UTC(y, 2, nthSunday(y, 3, -1), 1);
  const end = Date.UTC(y, 9, nthSunday(y, 10, -1), 1);
  return utcMs >= start && utcMs < end ? 2 : 1;
}
/** New York's offset at an instant, from the oracle's wall-clock rule (valid away from the 1-hour edges). */
function newYorkOffset(utcMs: number): number {
  const guess = new Date(utcMs - 5 * 3_600_000);
  return easternOffset(guess.getUTCFullYear(), guess.getUTCMonth() + 1, guess.getUTCDate(), guess.getUTCHours());
}
const localOf = (utcMs: number, offsetH: number) => {
  const sign = offsetH < 0 ? '-' : '+';
  return `${new Date(utcMs + offsetH * 3_600_000).toISOString().slice(0, 19)}.000${sign}${String(Math.abs(offsetH)).padStart(2, '0')}:00`;
};

describe('a UTC start stays in UTC (RFC 5545, python-dateutil, ical.js)', () => {
  const offsets: Record<string, (ms: number) => number> = { 'America/New_York': newYorkOffset, 'Europe/Berlin': berlinOffset };
  const cases: [string, string, string][] = [
    ['America/New_York', '2026-03-01', '2026-03-16'], // DST from 2026-03-08
    ['America/New_York', '2026-10-25', '2026-11-08'], // back on 2026-11-01
    ['Europe/Berlin', '2026-03-22', '2026-04-02'], // from 2026-03-29
    ['Europe/Berlin', '2026-10-20', '2026-10-30'], // back on 2026-10-25
  ];
  it.each(cases)('DTSTART 13:00Z daily, shown in %s from %s to %s', (zone, from, to) => {
    const offset = offsets[zone];
    const r = parseRecurrence({ rule: `DTSTART:${from.replace(/-/g, '')}T130000Z\nRRULE:FREQ=DAILY`, timezone: zone });
    const got = r.between(`${from}T00:00:00Z`, `${to}T23:59:59Z`);
    const expected: { utc: string; local: string }[] = [];
    for (let d = ms(from); d <= ms(to); d += DAY) {
      const at = d + 13 * 3_600_000;
      expected.push({ utc: new Date(at).toISOString(), local: localOf(at, offset(at)) });
    }
    expect(got.map((o) => ({ utc: o.utc, local: o.local }))).toEqual(expected);
    // The local time does move across the change: it is not a wall-clock rule.
    expect(new Set(got.map((o) => o.localTime)).size).toBe(2);
    expect(r.timezone).toBe(zone);
    expect(r.ruleZone).toBe('UTC');
  });

  it('says so in the description', () => {
    const r = parseRecurrence({ rule: 'DTSTART:20260301T130000Z\nRRULE:FREQ=DAILY', timezone: 'America/New_York' });
    expect(r.describe()).toEqual({ en: 'every day at 13:00 UTC', zh: '每天 13:00（UTC）' });
  });

  it('a TZID start repeats at its own wall-clock time, shown in the given zone', () => {
    // 09:00 New York: 14:00Z until 2026-03-08, 13:00Z after; Berlin shows 15:00, then 14:00, then 15:00 from 03-29.
    const r = parseRecurrence({ rule: 'DTSTART;TZID=America/New_York:20260301T090000\nRRULE:FREQ=DAILY', timezone: 'Europe/Berlin' });
    const got = r.between('2026-03-06T00:00:00Z', '2026-03-30T23:59:59Z');
    for (const o of got) {
      const at = o.instant.getTime();
      expect(new Date(at + newYorkOffset(at) * 3_600_000).toISOString().slice(11, 16)).toBe('09:00');
      expect(o.local).toBe(localOf(at, berlinOffset(at)));
    }
    const runs = got.map((o) => o.localTime).filter((t, i, a) => i === 0 || a[i - 1] !== t);
    expect(runs).toEqual(['15:00', '14:00', '15:00']);
  });

  it('a floating start (no Z, no TZID) still repeats at the wall-clock time of the zone', () => {
    const r = parseRecurrence({ rule: 'DTSTART:20260301T080000\nRRULE:FREQ=DAILY', timezone: 'America/New_York' });
    expect(new Set(r.between('2026-03-01T00:00:00Z', '2026-03-16T00:00:00Z').map((o) => o.localTime))).toEqual(new Set(['08:00']));
  });
});
