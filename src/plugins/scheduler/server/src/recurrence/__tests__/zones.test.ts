/**
 * Wall-clock times across DST changes and odd offsets. Expected instants are computed by
 * hand from each zone's published rules (offsets and transition dates written next to
 * each case), using withOffset() — plain arithmetic, no time-zone library.
 */
import { parseRecurrence } from '..';
import { withOffset } from './oracle';

const daily = (zone: string, dtstart: string, from: string, count: number, rule = 'FREQ=DAILY') =>
  parseRecurrence({ rule, timezone: zone, dtstart }).list({ from, count });
const utcs = (list: { utc: string }[]) => list.map((o) => o.utc);

describe('DST in both hemispheres', () => {
  it('America/New_York 2026: EST (-5) until Sun 8 March, EDT (-4) until Sun 1 November', () => {
    expect(utcs(daily('America/New_York', '2026-01-01T08:00:00', '2026-03-07T00:00:00Z', 3))).toEqual([
      withOffset('2026-03-07 08:00', -5),
      withOffset('2026-03-08 08:00', -4),
      withOffset('2026-03-09 08:00', -4),
    ]);
    expect(utcs(daily('America/New_York', '2026-01-01T08:00:00', '2026-10-31T00:00:00Z', 3))).toEqual([
      withOffset('2026-10-31 08:00', -4),
      withOffset('2026-11-01 08:00', -5),
      withOffset('2026-11-02 08:00', -5),
    ]);
  });

  it('Europe/Berlin 2026: CET (+1) until Sun 29 March, CEST (+2) until Sun 25 October', () => {
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

  it('Australia/Sydney 2026: AEDT (+11) until Sun 5 April, AEST (+10) until Sun 4 October', () => {
    expect(utcs(daily('Australia/Sydney', '2026-01-01T08:00:00', withOffset('2026-04-04 00:00', 11), 3))).toEqual([
      withOffset('2026-04-04 08:00', 11),
      withOffset('2026-04-05 08:00', 10),
      withOffset('2026-04-06 08:00', 10),
    ]);
    expect(utcs(daily('Australia/Sydney', '2026-01-01T08:00:00', withOffset('2026-10-03 00:00', 10), 3))).toEqual([
      withOffset('2026-10-03 08:00', 10),
      withOffset('2026-10-04 08:00', 11),
      withOffset('2026-10-05 08:00', 11),
    ]);
  });
});

describe('RFC 5545 §3.3.5 edge cases', () => {
  it('gap: 02:30 on the Berlin spring-forward day is read with the offset before the gap (03:30 local)', () => {
    const [o] = daily('Europe/Berlin', '2026-03-01T02:30:00', '2026-03-29T00:00:00Z', 1);
    expect(o.utc).toBe(withOffset('2026-03-29 02:30', 1)); // 01:30Z
    expect(o.local).toBe('2026-03-29T03:30:00.000+02:00');
  });

  it('overlap: 02:30 on the Berlin fall-back day is the first of the two instants (+02:00)', () => {
    const [o] = daily('Europe/Berlin', '2026-10-01T02:30:00', '2026-10-25T00:00:00Z', 1);
    expect(o.utc).toBe(withOffset('2026-10-25 02:30', 2)); // 00:30Z, not 01:30Z
    expect(o.local).toBe('2026-10-25T02:30:00.000+02:00');
  });

  it('overlap in New York: 01:30 on 2026-11-01 is 05:30Z (EDT), not 06:30Z', () => {
    const [o] = daily('America/New_York', '2026-10-01T01:30:00', '2026-11-01T00:00:00Z', 1);
    expect(o.utc).toBe('2026-11-01T05:30:00.000Z');
  });

  it('gap in New York: 02:30 on 2026-03-08 lands at 03:30 EDT (07:30Z)', () => {
    const [o] = daily('America/New_York', '2026-03-01T02:30:00', '2026-03-08T00:00:00Z', 1);
    expect(o.utc).toBe('2026-03-08T07:30:00.000Z');
    expect(o.local).toBe('2026-03-08T03:30:00.000-04:00');
  });
});

describe('zones with unusual offsets', () => {
  it('Asia/Kolkata is +05:30 all year', () => {
    expect(utcs(daily('Asia/Kolkata', '2026-01-01T08:00:00', '2026-06-01T00:00:00Z', 2))).toEqual([withOffset('2026-06-01 08:00', 5.5), withOffset('2026-06-02 08:00', 5.5)]);
  });

  it('Pacific/Chatham is +12:45, +13:45 in summer (ends Sun 5 April 2026 03:45 → 02:45)', () => {
    const list = daily('Pacific/Chatham', '2026-01-01T08:00:00', withOffset('2026-04-04 00:00', 13.75), 3);
    expect(utcs(list)).toEqual([withOffset('2026-04-04 08:00', 13.75), withOffset('2026-04-05 08:00', 12.75), withOffset('2026-04-06 08:00', 12.75)]);
    expect(list[1].local).toBe('2026-04-05T08:00:00.000+12:45');
  });

  it('America/Sao_Paulo: no DST since 2019 (-03:00), but midnight did not exist on 2018-11-04', () => {
    expect(utcs(daily('America/Sao_Paulo', '2026-01-01T08:00:00', '2026-11-05T00:00:00Z', 2))).toEqual([withOffset('2026-11-05 08:00', -3), withOffset('2026-11-06 08:00', -3)]);
    // 2018: clocks jumped 00:00 → 01:00 on 4 November; 00:00 is read with -03:00 (before the gap) = 03:00Z.
    const [gap] = daily('America/Sao_Paulo', '2018-11-01T00:00:00', '2018-11-04T00:00:00Z', 1);
    expect(gap.utc).toBe('2018-11-04T03:00:00.000Z');
    expect(gap.local).toBe('2018-11-04T01:00:00.000-02:00');
  });
});

describe('rule forms', () => {
  it('DTSTART in UTC with Z, shown in the schedule zone', () => {
    const r = parseRecurrence({ rule: 'DTSTART:20261201T000000Z\nRRULE:FREQ=DAILY;COUNT=2', timezone: 'Asia/Shanghai' });
    expect(r.list({ count: 5 }).map((o) => o.local)).toEqual(['2026-12-01T08:00:00.000+08:00', '2026-12-02T08:00:00.000+08:00']);
    // Without an explicit zone a Z start means UTC.
    expect(parseRecurrence({ rule: 'DTSTART:20261201T000000Z\nRRULE:FREQ=DAILY;COUNT=1' }).timezone).toBe('UTC');
  });

  it('VALUE=DATE is an all-day rule at local midnight', () => {
    const r = parseRecurrence({ rule: 'DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=WEEKLY;COUNT=2', timezone: 'Europe/Berlin' });
    expect(r.allDay).toBe(true);
    expect(utcs(r.list({ count: 5 }))).toEqual([withOffset('2026-03-01 00:00', 1), withOffset('2026-03-08 00:00', 1)]);
  });

  it('UNTIL in UTC is an instant', () => {
    // 08:00 Shanghai = 00:00Z; UNTIL 2026-12-03T00:00:00Z includes the 3rd exactly, not the 4th.
    const r = parseRecurrence({ rule: 'FREQ=DAILY;UNTIL=20261203T000000Z', timezone: 'Asia/Shanghai', dtstart: '2026-12-01T08:00:00' });
    expect(utcs(r.list({ count: 10 }))).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z']);
  });

  it('EXDATE in TZID and Z forms, RDATE, and exception dates', () => {
    const rule = [
      'DTSTART;TZID=Europe/Berlin:20261201T090000',
      'RRULE:FREQ=DAILY;COUNT=5',
      'EXDATE;TZID=Europe/Berlin:20261202T090000',
      'EXDATE:20261204T080000Z',
      'RDATE;TZID=Europe/Berlin:20261210T180000',
    ].join('\n');
    const r = parseRecurrence({ rule, exceptions: ['2026-12-03'] });
    expect(utcs(r.list({ count: 10 }))).toEqual([withOffset('2026-12-01 09:00', 1), withOffset('2026-12-05 09:00', 1), withOffset('2026-12-10 18:00', 1)]);
  });

  it('leap days: February 29 only in leap years', () => {
    const r = parseRecurrence({ rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', timezone: 'UTC', dtstart: '2025-01-01T09:00:00' });
    expect(r.list({ count: 3 }).map((o) => o.localDate)).toEqual(['2028-02-29', '2032-02-29', '2036-02-29']);
  });

  it('between() returns the occurrences inside a window, inclusive', () => {
    const r = parseRecurrence({ rule: 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=30', timezone: 'Asia/Shanghai', dtstart: '2026-11-01T00:00:00' });
    // Mondays/Thursdays 19:30 Shanghai = 11:30Z.
    expect(utcs(r.between('2026-11-23T11:30:00Z', '2026-11-30T11:30:00Z'))).toEqual(['2026-11-23T11:30:00.000Z', '2026-11-26T11:30:00.000Z', '2026-11-30T11:30:00.000Z']);
    expect(utcs(r.between('2026-11-23T11:30:00Z', '2026-11-30T11:30:00Z', { inclusive: false }))).toEqual(['2026-11-26T11:30:00.000Z']);
    expect(r.next('2026-11-23T11:30:00Z')?.utc).toBe('2026-11-26T11:30:00.000Z');
    expect(r.next('2026-11-23T11:30:00Z', { inclusive: true })?.utc).toBe('2026-11-23T11:30:00.000Z');
  });
});
