/**
 * Wall-clock times across DST changes, odd offsets and the RFC 5545 §3.3.5 edge rules.
 * Expected instants are computed by hand from each zone's published rules (offsets and
 * transition dates in the comment next to each case) with withOffset(): plain arithmetic.
 */
import { DateTime } from 'luxon';
import { parseRecurrence } from '..';
import { withOffset } from './oracle';
import { floatingToInstant, instantToFloating } from '../zone';

const daily = (zone: string, dtstart: string, from: string, count: number, rule = 'FREQ=DAILY') =>
  parseRecurrence({ rule, timezone: zone, dtstart }).list({ from, count });
const utcs = (list: { utc: string }[]) => list.map((o) => o.utc);

describe('DST in both hemispheres (2026)', () => {
  it('America/New_York springs forward Sun 8 March (EST -5 → EDT -4)', () => {
    expect(utcs(daily('America/New_York', '2026-01-01T08:00:00', '2026-03-07T00:00:00Z', 3))).toEqual([
      withOffset('2026-03-07 08:00', -5), // 13:00Z
      withOffset('2026-03-08 08:00', -4), // 12:00Z
      withOffset('2026-03-09 08:00', -4),
    ]);
  });

  it('America/New_York falls back Sun 1 November (EDT -4 → EST -5)', () => {
    expect(utcs(daily('America/New_York', '2026-01-01T08:00:00', '2026-10-31T00:00:00Z', 3))).toEqual([
      withOffset('2026-10-31 08:00', -4),
      withOffset('2026-11-01 08:00', -5),
      withOffset('2026-11-02 08:00', -5),
    ]);
  });

  it('Europe/Berlin: CET +1 → CEST +2 on Sun 29 March, back on Sun 25 October', () => {
    expect(utcs(daily('Europe/Berlin', '2026-01-01T08:00:00', '2026-03-28T00:00:00Z', 3))).toEqual([
      withOffset('2026-03-28 08:00', 1),
      withOffset('2026-03-29 08:00', 2),
      withOffset('2026-03-30 08:00', 2),
    ]);
    expect(utcs(daily('Europe/Berlin', '2026-01-01T08:00:00', '2026-10-24T00:00:00Z', 3))).toEqual([
      withOffset('2026-10-24 08:00', 2),
      withOffset('2026-10-25 08:00', 1),
      withOffset('2026-10-26 08:00', 1),
    ]);
  });

  it('Australia/Sydney: AEDT +11 ends Sun 5 April (03:00 → 02:00), starts again Sun 4 October (02:00 → 03:00)', () => {
    expect(utcs(daily('Australia/Sydney', '2026-01-01T08:00:00', withOffset('2026-04-04 00:00', 11), 3))).toEqual([
      withOffset('2026-04-04 08:00', 11), // 3 April 21:00Z
      withOffset('2026-04-05 08:00', 10), // 4 April 22:00Z
      withOffset('2026-04-06 08:00', 10),
    ]);
    expect(utcs(daily('Australia/Sydney', '2026-01-01T08:00:00', withOffset('2026-10-03 00:00', 10), 3))).toEqual([
      withOffset('2026-10-03 08:00', 10),
      withOffset('2026-10-04 08:00', 11),
      withOffset('2026-10-05 08:00', 11),
    ]);
  });

  it('a weekly rule keeps its wall-clock time across the change (Monday 19:30 Berlin)', () => {
    const r = parseRecurrence({
      rule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=30',
      timezone: 'Europe/Berlin',
      dtstart: '2026-03-16T00:00:00',
    });
    // 16 and 23 March are CET (+1); 30 March onwards CEST (+2).
    expect(utcs(r.list({ count: 3 }))).toEqual([
      withOffset('2026-03-16 19:30', 1),
      withOffset('2026-03-23 19:30', 1),
      withOffset('2026-03-30 19:30', 2),
    ]);
    expect(r.list({ count: 3 }).map((o) => o.localTime)).toEqual(['19:30', '19:30', '19:30']);
  });
});

describe('RFC 5545 §3.3.5: times in a gap use the offset before it; repeated times mean the first', () => {
  it('gap: 02:30 Berlin on 2026-03-29 (02:00 → 03:00) is 01:30Z, shown as 03:30+02:00', () => {
    const [o] = daily('Europe/Berlin', '2026-03-01T02:30:00', '2026-03-29T00:00:00Z', 1);
    expect(o.utc).toBe(withOffset('2026-03-29 02:30', 1));
    expect(o.utc).toBe('2026-03-29T01:30:00.000Z');
    expect(o.local).toBe('2026-03-29T03:30:00.000+02:00');
  });

  it('overlap: 02:30 Berlin on 2026-10-25 (03:00 → 02:00) is the first, +02:00 = 00:30Z', () => {
    const [o] = daily('Europe/Berlin', '2026-10-01T02:30:00', '2026-10-25T00:00:00Z', 1);
    expect(o.utc).toBe('2026-10-25T00:30:00.000Z');
    expect(o.local).toBe('2026-10-25T02:30:00.000+02:00');
  });

  it('overlap: 01:30 New York on 2026-11-01 is EDT (05:30Z), not EST (06:30Z)', () => {
    const [o] = daily('America/New_York', '2026-10-01T01:30:00', '2026-11-01T00:00:00Z', 1);
    expect(o.utc).toBe('2026-11-01T05:30:00.000Z');
    expect(o.local).toBe('2026-11-01T01:30:00.000-04:00');
  });

  it('gap: 02:30 New York on 2026-03-08 lands at 03:30 EDT (07:30Z)', () => {
    const [o] = daily('America/New_York', '2026-03-01T02:30:00', '2026-03-08T00:00:00Z', 1);
    expect(o.utc).toBe('2026-03-08T07:30:00.000Z');
    expect(o.local).toBe('2026-03-08T03:30:00.000-04:00');
  });

  it('Sydney overlap 02:30 on 2026-04-05 is the AEDT one (+11: 4 April 15:30Z); gap 02:30 on 2026-10-04 reads +10 (16:30Z)', () => {
    expect(daily('Australia/Sydney', '2026-04-01T02:30:00', '2026-04-04T12:00:00Z', 1)[0].utc).toBe(withOffset('2026-04-05 02:30', 11));
    const [gap] = daily('Australia/Sydney', '2026-10-01T02:30:00', '2026-10-03T12:00:00Z', 1);
    expect(gap.utc).toBe(withOffset('2026-10-04 02:30', 10));
    expect(gap.local).toBe('2026-10-04T03:30:00.000+11:00');
  });

  it("a 02:30 daily rule around the gap day keeps every other day's 02:30", () => {
    // 28 March: CET, 29 March: gap (→ 01:30Z), 30 March: CEST.
    expect(utcs(daily('Europe/Berlin', '2026-03-01T02:30:00', '2026-03-28T00:00:00Z', 3))).toEqual([
      withOffset('2026-03-28 02:30', 1),
      withOffset('2026-03-29 02:30', 1),
      withOffset('2026-03-30 02:30', 2),
    ]);
  });

  it("luxon's own fromObject differs in overlaps (it returns the later Berlin instant) and agrees in gaps", () => {
    // Why zone.ts does not simply use DateTime.fromObject: documented here so a luxon
    // change in either direction is noticed.
    expect(DateTime.fromObject({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, { zone: 'Europe/Berlin' }).toUTC().toISO()).toBe(
      '2026-10-25T01:30:00.000Z'
    );
    expect(DateTime.fromObject({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, { zone: 'Europe/Berlin' }).toUTC().toISO()).toBe(
      '2026-03-29T01:30:00.000Z'
    );
  });
});

describe('zones with 30/45-minute offsets and changed rules', () => {
  it('Asia/Kolkata is +05:30 all year', () => {
    const list = daily('Asia/Kolkata', '2026-01-01T08:00:00', '2026-06-01T00:00:00Z', 2);
    expect(utcs(list)).toEqual([withOffset('2026-06-01 08:00', 5.5), withOffset('2026-06-02 08:00', 5.5)]); // 02:30Z
    expect(list[0].local).toBe('2026-06-01T08:00:00.000+05:30');
  });

  it('Pacific/Chatham: +13:45 until Sun 5 April 2026 03:45 → 02:45 (+12:45)', () => {
    const list = daily('Pacific/Chatham', '2026-01-01T08:00:00', withOffset('2026-04-04 00:00', 13.75), 3);
    expect(utcs(list)).toEqual([
      withOffset('2026-04-04 08:00', 13.75),
      withOffset('2026-04-05 08:00', 12.75),
      withOffset('2026-04-06 08:00', 12.75),
    ]);
    expect(list[0].local).toBe('2026-04-04T08:00:00.000+13:45');
    expect(list[1].local).toBe('2026-04-05T08:00:00.000+12:45');
  });

  it('Pacific/Chatham edges: 03:00 on 5 April happens twice (first: +13:45), 03:00 on 27 September does not exist (read +12:45)', () => {
    // NZ changes at 14:00Z; Chatham's clocks then read 03:45 → 02:45 (April) and 02:45 → 03:45 (September).
    expect(daily('Pacific/Chatham', '2026-04-01T03:00:00', '2026-04-04T00:00:00Z', 1)[0].utc).toBe(withOffset('2026-04-05 03:00', 13.75)); // 13:15Z
    const [gap] = daily('Pacific/Chatham', '2026-09-20T03:00:00', '2026-09-26T00:00:00Z', 1);
    expect(gap.utc).toBe(withOffset('2026-09-27 03:00', 12.75)); // 14:15Z
    expect(gap.local).toBe('2026-09-27T04:00:00.000+13:45');
  });

  it('America/Sao_Paulo: -03:00 all year since 2019 (no DST on the old first-Sunday-of-November date)', () => {
    expect(utcs(daily('America/Sao_Paulo', '2026-01-01T08:00:00', '2026-11-01T00:00:00Z', 2))).toEqual([
      withOffset('2026-11-01 08:00', -3),
      withOffset('2026-11-02 08:00', -3),
    ]);
    // 2019-11-03 would have been the start of DST under the old rule; it was abolished.
    expect(daily('America/Sao_Paulo', '2019-10-01T08:00:00', '2019-11-03T00:00:00Z', 1)[0].utc).toBe(withOffset('2019-11-03 08:00', -3));
  });

  it('America/Sao_Paulo before 2019: midnight did not exist on 2018-11-04 (00:00 → 01:00, -03 → -02)', () => {
    const [gap] = daily('America/Sao_Paulo', '2018-11-01T00:00:00', '2018-11-04T00:00:00Z', 1);
    expect(gap.utc).toBe(withOffset('2018-11-04 00:00', -3)); // 03:00Z
    expect(gap.local).toBe('2018-11-04T01:00:00.000-02:00');
    // And summer time applied: 1 December 2018 08:00 was -02:00.
    expect(daily('America/Sao_Paulo', '2018-11-01T08:00:00', '2018-12-01T00:00:00Z', 1)[0].utc).toBe(withOffset('2018-12-01 08:00', -2));
  });
});

describe('rule forms', () => {
  it('DTSTART in UTC (Z) is shown in the given zone; without a zone it means UTC', () => {
    const r = parseRecurrence({ rule: 'DTSTART:20261201T000000Z\nRRULE:FREQ=DAILY;COUNT=2', timezone: 'Asia/Shanghai' });
    expect(r.dtstartLocal).toBe('2026-12-01T08:00:00');
    expect(r.list({ count: 5 }).map((o) => o.local)).toEqual(['2026-12-01T08:00:00.000+08:00', '2026-12-02T08:00:00.000+08:00']);
    const u = parseRecurrence({ rule: 'DTSTART:20261201T000000Z\nRRULE:FREQ=DAILY;COUNT=1' });
    expect(u.timezone).toBe('UTC');
    expect(u.list({ count: 1 })[0].local).toBe('2026-12-01T00:00:00.000Z');
  });

  it('DTSTART;TZID is used as the zone, or shown in another zone when one is given', () => {
    const ny = parseRecurrence({ rule: 'DTSTART;TZID=America/New_York:20261201T090000\nRRULE:FREQ=DAILY;COUNT=1' });
    expect(ny.timezone).toBe('America/New_York');
    expect(ny.list({ count: 1 })[0].utc).toBe(withOffset('2026-12-01 09:00', -5));
    // The rule repeats at 09:00 New York time (RFC 5545), shown in Berlin: in December
    // 09:00 EST = 14:00Z = 15:00 CET. (china-calendar.test.ts crosses the DST changes.)
    const berlin = parseRecurrence({
      rule: 'DTSTART;TZID="America/New_York":20261201T090000\nRRULE:FREQ=DAILY;COUNT=2',
      timezone: 'Europe/Berlin',
    });
    expect(berlin.dtstartLocal).toBe('2026-12-01T15:00:00');
    expect(utcs(berlin.list({ count: 5 }))).toEqual([withOffset('2026-12-01 15:00', 1), withOffset('2026-12-02 15:00', 1)]);
  });

  it('a dtstart given as an instant (Date or ISO with offset) is read as that instant', () => {
    const a = parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'Asia/Shanghai', dtstart: new Date(Date.UTC(2026, 2, 1, 0, 0, 0)) });
    const b = parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'Asia/Shanghai', dtstart: '2026-03-01T09:00:00+09:00' });
    expect(a.dtstartLocal).toBe('2026-03-01T08:00:00');
    expect(b.dtstartLocal).toBe('2026-03-01T08:00:00');
  });

  it('VALUE=DATE is an all-day rule at local midnight (Berlin midnight is CET until 29 March, CEST after)', () => {
    const r = parseRecurrence({ rule: 'DTSTART;VALUE=DATE:20260322\nRRULE:FREQ=WEEKLY;COUNT=3', timezone: 'Europe/Berlin' });
    expect(r.allDay).toBe(true);
    expect(r.dtstartLocal).toBe('2026-03-22T00:00:00');
    expect(utcs(r.list({ count: 5 }))).toEqual([
      withOffset('2026-03-22 00:00', 1),
      withOffset('2026-03-29 00:00', 1),
      withOffset('2026-04-05 00:00', 2),
    ]);
    expect(r.describe()).toEqual({ en: 'every week, 3 times', zh: '每周，共3次' });
  });

  it('UNTIL in UTC is an instant: 08:00 Shanghai is 00:00Z, so UNTIL=…T000000Z keeps that day', () => {
    const r = parseRecurrence({ rule: 'FREQ=DAILY;UNTIL=20261203T000000Z', timezone: 'Asia/Shanghai', dtstart: '2026-12-01T08:00:00' });
    expect(utcs(r.list({ count: 10 }))).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z']);
    const earlier = parseRecurrence({
      rule: 'FREQ=DAILY;UNTIL=20261202T235959Z',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-12-01T08:00:00',
    });
    expect(earlier.list({ count: 10 })).toHaveLength(2);
  });

  it('UNTIL in UTC during an overlap compares instants, not wall-clock times', () => {
    // 25 October 2026, Berlin: 02:30 happens at 00:30Z (CEST) and 01:30Z (CET). The rule's
    // 02:30 is the first, 00:30Z; UNTIL 01:15Z (= 02:15 local, second pass) is after it.
    const r = parseRecurrence({ rule: 'FREQ=DAILY;UNTIL=20261025T011500Z', timezone: 'Europe/Berlin', dtstart: '2026-10-23T02:30:00' });
    expect(utcs(r.list({ count: 10 }))).toEqual([
      withOffset('2026-10-23 02:30', 2),
      withOffset('2026-10-24 02:30', 2),
      withOffset('2026-10-25 02:30', 2),
    ]);
  });

  it('a floating UNTIL (no Z) and a date UNTIL are local', () => {
    const floating = parseRecurrence({
      rule: 'FREQ=DAILY;UNTIL=20261203T080000',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-12-01T08:00:00',
    });
    expect(floating.list({ count: 10 }).map((o) => o.localDate)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    const date = parseRecurrence({ rule: 'FREQ=DAILY;UNTIL=20261203', timezone: 'Asia/Shanghai', dtstart: '2026-12-01T23:30:00' });
    expect(date.list({ count: 10 }).map((o) => o.localDate)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
  });

  it('EXDATE in TZID, Z and DATE forms, RDATE in TZID and Z forms, and exception dates', () => {
    const rule = [
      'DTSTART;TZID=Europe/Berlin:20261201T090000',
      'RRULE:FREQ=DAILY;COUNT=8',
      'EXDATE;TZID=Europe/Berlin:20261202T090000',
      'EXDATE:20261204T080000Z', // 09:00 CET
      'EXDATE;VALUE=DATE:20261206',
      'RDATE;TZID=Europe/Berlin:20261210T180000',
      'RDATE:20261211T120000Z,20261201T080000Z', // the second duplicates DTSTART: listed once
    ].join('\r\n');
    const r = parseRecurrence({ rule, exceptions: ['2026-12-03'] });
    expect(utcs(r.list({ count: 20 }))).toEqual([
      withOffset('2026-12-01 09:00', 1),
      withOffset('2026-12-05 09:00', 1),
      withOffset('2026-12-07 09:00', 1),
      withOffset('2026-12-08 09:00', 1),
      withOffset('2026-12-10 18:00', 1),
      '2026-12-11T12:00:00.000Z',
    ]);
  });

  it('EXDATE in UTC removes an occurrence after a DST change (08:00 EDT on 9 March = 12:00Z)', () => {
    const r = parseRecurrence({ rule: 'DTSTART;TZID=America/New_York:20260306T080000\nRRULE:FREQ=DAILY;COUNT=5\nEXDATE:20260309T120000Z' });
    expect(r.list({ count: 10 }).map((o) => o.localDate)).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-10']);
  });

  it('leap days: February 29 only in leap years (2100 is not one)', () => {
    const r = parseRecurrence({ rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', timezone: 'UTC', dtstart: '2025-01-01T09:00:00' });
    expect(r.list({ count: 3 }).map((o) => o.localDate)).toEqual(['2028-02-29', '2032-02-29', '2036-02-29']);
    const century = parseRecurrence({ rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', timezone: 'UTC', dtstart: '2097-01-01T09:00:00' });
    expect(century.list({ count: 2 }).map((o) => o.localDate)).toEqual(['2104-02-29', '2108-02-29']);
    // A yearly rule that starts on 29 February keeps to 29 February (invalid dates are skipped, not moved).
    const fromLeap = parseRecurrence({ rule: 'FREQ=YEARLY', timezone: 'Asia/Shanghai', dtstart: '2024-02-29T10:00:00' });
    expect(fromLeap.list({ count: 3 }).map((o) => o.localDate)).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
  });

  it('BYSETPOS: the last weekday of each month at 18:00 Shanghai (= 10:00Z)', () => {
    // 2026 month ends: 31 Jan Sat, 28 Feb Sat, 31 Mar Tue, 30 Apr Thu, 31 May Sun (2026-01-01 is a Thursday).
    const r = parseRecurrence({
      rule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=18;BYMINUTE=0',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-01-01T00:00:00',
    });
    expect(utcs(r.list({ count: 5 }))).toEqual(
      ['2026-01-30', '2026-02-27', '2026-03-31', '2026-04-30', '2026-05-29'].map((d) => `${d}T10:00:00.000Z`)
    );
  });

  it('between() is inclusive by default; next() is exclusive by default', () => {
    const r = parseRecurrence({
      rule: 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=30',
      timezone: 'Asia/Shanghai',
      dtstart: '2026-11-01T00:00:00',
    });
    // Mondays and Thursdays 19:30 Shanghai = 11:30Z; 23 and 30 November 2026 are Mondays.
    expect(utcs(r.between('2026-11-23T11:30:00Z', '2026-11-30T11:30:00Z'))).toEqual([
      '2026-11-23T11:30:00.000Z',
      '2026-11-26T11:30:00.000Z',
      '2026-11-30T11:30:00.000Z',
    ]);
    expect(utcs(r.between('2026-11-23T11:30:00Z', '2026-11-30T11:30:00Z', { inclusive: false }))).toEqual(['2026-11-26T11:30:00.000Z']);
    expect(r.next('2026-11-23T11:30:00Z')?.utc).toBe('2026-11-26T11:30:00.000Z');
    expect(r.next('2026-11-23T11:30:00Z', { inclusive: true })?.utc).toBe('2026-11-23T11:30:00.000Z');
  });

  it('offset-less from/to strings are wall-clock times in the rule zone, never the host zone', () => {
    const r = parseRecurrence({ rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', timezone: 'Asia/Shanghai', dtstart: '2026-03-01T08:00:00' });
    expect(r.next('2026-03-05T07:00:00')?.utc).toBe('2026-03-05T00:00:00.000Z'); // 07:00 Shanghai is before 08:00
    expect(r.next('2026-03-05T08:00')?.utc).toBe('2026-03-06T00:00:00.000Z');
    expect(r.next('2026-03-05')?.localDate).toBe('2026-03-05'); // local midnight
    expect(utcs(r.between('2026-03-05', '2026-03-06T23:59:59'))).toEqual(['2026-03-05T00:00:00.000Z', '2026-03-06T00:00:00.000Z']);
  });

  it('a finished series ends with null / an empty list', () => {
    const r = parseRecurrence({ rule: 'FREQ=DAILY;COUNT=2', timezone: 'UTC', dtstart: '2026-01-01T08:00:00' });
    expect(r.next('2026-06-01T00:00:00Z')).toBeNull();
    expect(r.list({ from: '2026-06-01T00:00:00Z', count: 3 })).toEqual([]);
    const u = parseRecurrence({ rule: 'FREQ=DAILY;UNTIL=20260105T000000Z', timezone: 'UTC', dtstart: '2026-01-01T08:00:00' });
    expect(u.next('2030-06-01T00:00:00Z')).toBeNull();
  });
});

describe('placement agrees with luxon wherever luxon is unambiguous', () => {
  // An independent implementation (luxon's fromObject, Intl-based) as the oracle: for a
  // wall-clock time that exists once, its instant; in an overlap, the earlier of the
  // instants luxon confirms show that time; in a gap, luxon's answer (the offset before
  // the gap, checked by hand in the cases above).
  function expectedInstant(f: number, zone: string): number {
    const d = new Date(f);
    const fields = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
    };
    const guess = DateTime.fromObject(fields, { zone }).toMillis();
    const shows = (ms: number) => {
      const x = DateTime.fromMillis(ms, { zone });
      return (
        x.year === fields.year && x.month === fields.month && x.day === fields.day && x.hour === fields.hour && x.minute === fields.minute
      );
    };
    const candidates = [-3_600_000, -1_800_000, 0, 1_800_000, 3_600_000].map((delta) => guess + delta).filter(shows);
    return candidates.length ? Math.min(...candidates) : guess;
  }

  const zones = [
    'America/New_York',
    'Europe/Berlin',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kolkata',
    'America/St_Johns',
    'America/Sao_Paulo',
    'Asia/Shanghai',
    'UTC',
  ];
  it.each(zones)('%s: floatingToInstant every 6 h 41 min of 2026, and every 5 minutes of each day the offset changes', (zone) => {
    // Days whose local noon offsets differ contain a transition (luxon decides which).
    const changeDays: number[] = [];
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
      const at = (ms: number) => {
        const d = new Date(ms);
        return DateTime.fromObject({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 12 }, { zone })
          .offset;
      };
      if (at(day) !== at(day + 86_400_000)) changeDays.push(day, day + 86_400_000);
    }
    const points: number[] = [];
    for (let f = Date.UTC(2026, 0, 1); f < Date.UTC(2027, 0, 1); f += 401 * 60_000) points.push(f);
    for (const day of changeDays) for (let f = day; f < day + 86_400_000; f += 5 * 60_000) points.push(f);
    let overlaps = 0;
    for (const f of points) {
      const expected = expectedInstant(f, zone);
      const got = floatingToInstant(f, zone);
      if (got !== expected)
        throw new Error(
          `${zone} ${new Date(f).toISOString().slice(0, 16)}: got ${new Date(got).toISOString()}, luxon says ${new Date(expected).toISOString()}`
        );
      if (instantToFloating(got + 3_600_000, zone) === f || instantToFloating(got + 1_800_000, zone) === f) overlaps++;
    }
    // Zones with DST go through an autumn overlap (each time in it is checked above).
    const hasDst = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'America/St_Johns',
    ].includes(zone);
    expect(changeDays.length).toBe(hasDst ? 4 : 0);
    expect(overlaps > 0).toBe(hasDst);
  });

  it.each(zones)('%s: the engine end to end (FREQ=MINUTELY;INTERVAL=337 through 2026)', (zone) => {
    const r = parseRecurrence({ rule: 'FREQ=MINUTELY;INTERVAL=337', timezone: zone, dtstart: '2026-01-01T00:00:00' });
    const got = r.list({ count: 1560 }).map((o) => o.instant.getTime());
    const expected: number[] = [];
    for (let k = 0; k < 1560; k++) expected.push(expectedInstant(Date.UTC(2026, 0, 1) + k * 337 * 60_000, zone));
    expect(got).toEqual(expected.sort((a, b) => a - b));
  });

  it("Pacific/Apia skipped 30 December 2011: that day's 08:00 is the instant of 31 December 08:00 (listed once)", () => {
    // Samoa went from -10:00 (DST) straight to +14:00 at the end of 29 December 2011.
    const list = daily('Pacific/Apia', '2011-12-28T08:00:00', '2011-12-28T00:00:00Z', 3);
    expect(list.map((o) => o.local)).toEqual([
      '2011-12-28T08:00:00.000-10:00',
      '2011-12-29T08:00:00.000-10:00',
      '2011-12-31T08:00:00.000+14:00',
    ]);
    expect(list[2].utc).toBe(withOffset('2011-12-30 08:00', -10)); // the gap rule, = 31 Dec 08:00 +14:00
    expect(daily('Pacific/Apia', '2011-12-28T08:00:00', '2011-12-31T00:00:00Z', 1)[0].localDate).toBe('2012-01-01');
  });
});

describe("local strings are exactly luxon's toISO()", () => {
  const zones = [
    'UTC',
    'utc',
    'GMT',
    'Etc/UTC',
    'Etc/GMT',
    'Europe/London',
    'Asia/Kolkata',
    'America/St_Johns',
    'Pacific/Chatham',
    'Australia/Lord_Howe',
    'America/New_York',
    'Pacific/Kiritimati',
  ];
  it.each(zones)('%s', (zone) => {
    const r = parseRecurrence({ rule: 'FREQ=HOURLY;INTERVAL=7', timezone: zone, dtstart: '2026-01-01T00:00:00' });
    const list = r.between('2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z', { limit: 2000 });
    expect(list.length).toBeGreaterThan(1000);
    for (const o of list) {
      const lux = DateTime.fromMillis(o.instant.getTime(), { zone });
      expect(o.local).toBe(lux.toISO());
      expect(o.localDate).toBe(lux.toISODate());
      expect(o.localTime).toBe(lux.toFormat('HH:mm'));
      expect(o.utc).toBe(o.instant.toISOString());
    }
  });
});
