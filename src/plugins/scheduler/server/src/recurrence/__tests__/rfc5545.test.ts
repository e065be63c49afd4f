/**
 * Every example of RFC 5545 §3.8.5.3 (all use DTSTART;TZID=America/New_York). The expected
 * local dates are the ones the RFC lists (copied from its text, ranges like "September
 * 2-30" expanded with dayRange); their UTC instants come from oracle.ts: the 1987-2006 US
 * Eastern rule (EDT = UTC-4 from the first Sunday of April, EST = UTC-5 from the last
 * Sunday of October; 1997: 6 April / 26 October, 1998: 5 April / 25 October, 1999:
 * 4 April / 31 October, 2000: 2 April / 29 October) computed with plain arithmetic.
 */
import { parseRecurrence } from '..';
import { dayRange, eastern, on } from './oracle';

const NY = (dtstart: string, rrule: string, extra: string[] = []) =>
  [`DTSTART;TZID=America/New_York:${dtstart}`, `RRULE:${rrule}`, ...extra].join('\n');
/** The engine's first `count` occurrences (UTC ISO). */
const utc = (rule: string, count: number) =>
  parseRecurrence({ rule })
    .list({ count })
    .map((o) => o.utc);
/** RFC local dates at 09:00 New York → UTC ISO. */
const at9 = (dates: string[], time = '09:00') => dates.map((d) => eastern(`${d} ${time}`));

describe('RFC 5545 §3.8.5.3 examples (America/New_York, 1996-2007 US DST rules)', () => {
  it('daily for 10 occurrences: September 2-11 (EDT)', () => {
    expect(utc(NY('19970902T090000', 'FREQ=DAILY;COUNT=10'), 50)).toEqual(at9(dayRange('1997-09-02', '1997-09-11')));
  });

  it('daily until December 24, 1997: EDT to October 25, EST from October 26', () => {
    const list = utc(NY('19970902T090000', 'FREQ=DAILY;UNTIL=19971224T000000Z'), 500);
    expect(list).toEqual(at9(dayRange('1997-09-02', '1997-12-23')));
    expect(list).toHaveLength(113);
    // 25 October 09:00 EDT = 13:00Z; 26 October 09:00 EST = 14:00Z.
    expect(list).toContain('1997-10-25T13:00:00.000Z');
    expect(list).toContain('1997-10-26T14:00:00.000Z');
  });

  it('every other day, forever', () => {
    // September 2,4,…,30; October 2,…,24 (EDT), October 26,28,30; November 1,…,29; December 1,3 (EST).
    expect(utc(NY('19970902T090000', 'FREQ=DAILY;INTERVAL=2'), 47)).toEqual(at9(dayRange('1997-09-02', '1997-12-03', 2)));
  });

  it('every 10 days, 5 occurrences', () => {
    expect(utc(NY('19970902T090000', 'FREQ=DAILY;INTERVAL=10;COUNT=5'), 50)).toEqual(
      at9([...on('1997-09', [2, 12, 22]), ...on('1997-10', [2, 12])])
    );
  });

  it('every day in January for 3 years (YEARLY with BYDAY form)', () => {
    const expected = at9([
      ...dayRange('1998-01-01', '1998-01-31'),
      ...dayRange('1999-01-01', '1999-01-31'),
      ...dayRange('2000-01-01', '2000-01-31'),
    ]);
    expect(utc(NY('19980101T090000', 'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA'), 500)).toEqual(expected);
  });

  it('every day in January for 3 years (DAILY with BYMONTH form)', () => {
    const expected = at9([
      ...dayRange('1998-01-01', '1998-01-31'),
      ...dayRange('1999-01-01', '1999-01-31'),
      ...dayRange('2000-01-01', '2000-01-31'),
    ]);
    expect(utc(NY('19980101T090000', 'FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1'), 500)).toEqual(expected);
  });

  it('weekly for 10 occurrences', () => {
    expect(utc(NY('19970902T090000', 'FREQ=WEEKLY;COUNT=10'), 50)).toEqual(
      at9([...on('1997-09', [2, 9, 16, 23, 30]), ...on('1997-10', [7, 14, 21, 28]), ...on('1997-11', [4])])
    );
  });

  it('weekly until December 24, 1997', () => {
    expect(utc(NY('19970902T090000', 'FREQ=WEEKLY;UNTIL=19971224T000000Z'), 50)).toEqual(
      at9([
        ...on('1997-09', [2, 9, 16, 23, 30]),
        ...on('1997-10', [7, 14, 21, 28]),
        ...on('1997-11', [4, 11, 18, 25]),
        ...on('1997-12', [2, 9, 16, 23]),
      ])
    );
  });

  it('every other week, forever', () => {
    expect(utc(NY('19970902T090000', 'FREQ=WEEKLY;INTERVAL=2;WKST=SU'), 13)).toEqual(
      at9([
        ...on('1997-09', [2, 16, 30]),
        ...on('1997-10', [14, 28]),
        ...on('1997-11', [11, 25]),
        ...on('1997-12', [9, 23]),
        ...on('1998-01', [6, 20]),
        ...on('1998-02', [3, 17]),
      ])
    );
  });

  it('weekly on Tuesday and Thursday for five weeks (UNTIL form)', () => {
    expect(utc(NY('19970902T090000', 'FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH'), 50)).toEqual(
      at9([...on('1997-09', [2, 4, 9, 11, 16, 18, 23, 25, 30]), ...on('1997-10', [2])])
    );
  });

  it('weekly on Tuesday and Thursday for five weeks (COUNT form)', () => {
    expect(utc(NY('19970902T090000', 'FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH'), 50)).toEqual(
      at9([...on('1997-09', [2, 4, 9, 11, 16, 18, 23, 25, 30]), ...on('1997-10', [2])])
    );
  });

  it('every other week on Monday, Wednesday and Friday until December 24, 1997', () => {
    expect(utc(NY('19970901T090000', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR'), 100)).toEqual(
      at9([
        ...on('1997-09', [1, 3, 5, 15, 17, 19, 29]),
        ...on('1997-10', [1, 3, 13, 15, 17, 27, 29, 31]),
        ...on('1997-11', [10, 12, 14, 24, 26, 28]),
        ...on('1997-12', [8, 10, 12, 22]),
      ])
    );
  });

  it('every other week on Tuesday and Thursday, for 8 occurrences', () => {
    expect(utc(NY('19970902T090000', 'FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH'), 50)).toEqual(
      at9([...on('1997-09', [2, 4, 16, 18, 30]), ...on('1997-10', [2, 14, 16])])
    );
  });

  it('monthly on the first Friday for 10 occurrences (both DST changes)', () => {
    expect(utc(NY('19970905T090000', 'FREQ=MONTHLY;COUNT=10;BYDAY=1FR'), 50)).toEqual(
      at9([
        '1997-09-05',
        '1997-10-03',
        '1997-11-07',
        '1997-12-05',
        '1998-01-02',
        '1998-02-06',
        '1998-03-06',
        '1998-04-03',
        '1998-05-01',
        '1998-06-05',
      ])
    );
  });

  it('monthly on the first Friday until December 24, 1997', () => {
    expect(utc(NY('19970905T090000', 'FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR'), 50)).toEqual(
      at9(['1997-09-05', '1997-10-03', '1997-11-07', '1997-12-05'])
    );
  });

  it('every other month on the first and last Sunday, for 10 occurrences', () => {
    expect(utc(NY('19970907T090000', 'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU'), 50)).toEqual(
      at9([
        '1997-09-07',
        '1997-09-28',
        '1997-11-02',
        '1997-11-30',
        '1998-01-04',
        '1998-01-25',
        '1998-03-01',
        '1998-03-29',
        '1998-05-03',
        '1998-05-31',
      ])
    );
  });

  it('monthly on the second-to-last Monday for 6 months', () => {
    expect(utc(NY('19970922T090000', 'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO'), 50)).toEqual(
      at9(['1997-09-22', '1997-10-20', '1997-11-17', '1997-12-22', '1998-01-19', '1998-02-16'])
    );
  });

  it('monthly on the third-to-the-last day, forever', () => {
    expect(utc(NY('19970928T090000', 'FREQ=MONTHLY;BYMONTHDAY=-3'), 6)).toEqual(
      at9(['1997-09-28', '1997-10-29', '1997-11-28', '1997-12-29', '1998-01-29', '1998-02-26'])
    );
  });

  it('monthly on the 2nd and 15th for 10 occurrences', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15'), 50)).toEqual(
      at9([
        ...on('1997-09', [2, 15]),
        ...on('1997-10', [2, 15]),
        ...on('1997-11', [2, 15]),
        ...on('1997-12', [2, 15]),
        ...on('1998-01', [2, 15]),
      ])
    );
  });

  it('monthly on the first and last day for 10 occurrences', () => {
    expect(utc(NY('19970930T090000', 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1'), 50)).toEqual(
      at9([
        '1997-09-30',
        '1997-10-01',
        '1997-10-31',
        '1997-11-01',
        '1997-11-30',
        '1997-12-01',
        '1997-12-31',
        '1998-01-01',
        '1998-01-31',
        '1998-02-01',
      ])
    );
  });

  it('every 18 months on the 10th to 15th, for 10 occurrences', () => {
    expect(utc(NY('19970910T090000', 'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15'), 50)).toEqual(
      at9([...on('1997-09', [10, 11, 12, 13, 14, 15]), ...on('1999-03', [10, 11, 12, 13])])
    );
  });

  it('every Tuesday, every other month', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU'), 18)).toEqual(
      at9([
        ...on('1997-09', [2, 9, 16, 23, 30]),
        ...on('1997-11', [4, 11, 18, 25]),
        ...on('1998-01', [6, 13, 20, 27]),
        ...on('1998-03', [3, 10, 17, 24, 31]),
      ])
    );
  });

  it('yearly in June and July for 10 occurrences (day taken from DTSTART)', () => {
    expect(utc(NY('19970610T090000', 'FREQ=YEARLY;COUNT=10;BYMONTH=6,7'), 50)).toEqual(
      at9([1997, 1998, 1999, 2000, 2001].flatMap((y) => [`${y}-06-10`, `${y}-07-10`]))
    );
  });

  it('every other year on January, February and March for 10 occurrences', () => {
    expect(utc(NY('19970310T090000', 'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3'), 50)).toEqual(
      at9(['1997-03-10', ...[1999, 2001, 2003].flatMap((y) => [`${y}-01-10`, `${y}-02-10`, `${y}-03-10`])])
    );
  });

  it('every third year on the 1st, 100th and 200th day for 10 occurrences', () => {
    expect(utc(NY('19970101T090000', 'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200'), 50)).toEqual(
      at9([
        '1997-01-01',
        '1997-04-10',
        '1997-07-19',
        '2000-01-01',
        '2000-04-09',
        '2000-07-18',
        '2003-01-01',
        '2003-04-10',
        '2003-07-19',
        '2006-01-01',
      ])
    );
  });

  it('every 20th Monday of the year, forever', () => {
    expect(utc(NY('19970519T090000', 'FREQ=YEARLY;BYDAY=20MO'), 3)).toEqual(at9(['1997-05-19', '1998-05-18', '1999-05-17']));
  });

  it('Monday of week number 20, forever', () => {
    expect(utc(NY('19970512T090000', 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO'), 3)).toEqual(at9(['1997-05-12', '1998-05-11', '1999-05-17']));
  });

  it('every Thursday in March, forever', () => {
    expect(utc(NY('19970313T090000', 'FREQ=YEARLY;BYMONTH=3;BYDAY=TH'), 11)).toEqual(
      at9([...on('1997-03', [13, 20, 27]), ...on('1998-03', [5, 12, 19, 26]), ...on('1999-03', [4, 11, 18, 25])])
    );
  });

  it('every Thursday, but only during June, July and August, forever', () => {
    expect(utc(NY('19970605T090000', 'FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8'), 39)).toEqual(
      at9([
        ...on('1997-06', [5, 12, 19, 26]),
        ...on('1997-07', [3, 10, 17, 24, 31]),
        ...on('1997-08', [7, 14, 21, 28]),
        ...on('1998-06', [4, 11, 18, 25]),
        ...on('1998-07', [2, 9, 16, 23, 30]),
        ...on('1998-08', [6, 13, 20, 27]),
        ...on('1999-06', [3, 10, 17, 24]),
        ...on('1999-07', [1, 8, 15, 22, 29]),
        ...on('1999-08', [5, 12, 19, 26]),
      ])
    );
  });

  it('every Friday the 13th, forever (DTSTART removed by EXDATE)', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', ['EXDATE;TZID=America/New_York:19970902T090000']), 5)).toEqual(
      at9(['1998-02-13', '1998-03-13', '1998-11-13', '1999-08-13', '2000-10-13'])
    );
  });

  it('the first Saturday that follows the first Sunday of the month, forever', () => {
    expect(utc(NY('19970913T090000', 'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13'), 10)).toEqual(
      at9([
        '1997-09-13',
        '1997-10-11',
        '1997-11-08',
        '1997-12-13',
        '1998-01-10',
        '1998-02-07',
        '1998-03-07',
        '1998-04-11',
        '1998-05-09',
        '1998-06-13',
      ])
    );
  });

  it('every 4 years, the first Tuesday after a Monday in November (US Presidential Election day)', () => {
    expect(utc(NY('19961105T090000', 'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8'), 3)).toEqual(
      at9(['1996-11-05', '2000-11-07', '2004-11-02'])
    );
  });

  it('BYSETPOS: the third instance of Tuesday, Wednesday or Thursday, for the next 3 months', () => {
    expect(utc(NY('19970904T090000', 'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3'), 50)).toEqual(
      at9(['1997-09-04', '1997-10-07', '1997-11-06'])
    );
  });

  it('BYSETPOS: the second-to-last weekday of the month', () => {
    expect(utc(NY('19970929T090000', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2'), 7)).toEqual(
      at9(['1997-09-29', '1997-10-30', '1997-11-27', '1997-12-30', '1998-01-29', '1998-02-26', '1998-03-30'])
    );
  });

  it('every 3 hours from 9:00 on a specific day: UNTIL=…170000Z is an instant (13:00 EDT)', () => {
    // The RFC lists 09:00, 12:00, 15:00 EDT, but 15:00 EDT is 19:00Z, after its own
    // UNTIL of 17:00Z (an inconsistency inherited from RFC 2445). UNTIL bounds the set
    // inclusively as a UTC instant (§3.3.10), so 15:00 is not an occurrence.
    expect(utc(NY('19970902T090000', 'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z'), 50)).toEqual([
      eastern('1997-09-02 09:00'),
      eastern('1997-09-02 12:00'),
    ]);
  });

  it('every 15 minutes for 6 occurrences', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MINUTELY;INTERVAL=15;COUNT=6'), 50)).toEqual(
      ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'].map((t) => eastern(`1997-09-02 ${t}`))
    );
  });

  it('every hour and a half for 4 occurrences', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MINUTELY;INTERVAL=90;COUNT=4'), 50)).toEqual(
      ['09:00', '10:30', '12:00', '13:30'].map((t) => eastern(`1997-09-02 ${t}`))
    );
  });

  const twentyMinutes = ['1997-09-02', '1997-09-03'].flatMap((d) =>
    [9, 10, 11, 12, 13, 14, 15, 16].flatMap((h) =>
      [0, 20, 40].map((m) => eastern(`${d} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`))
    )
  );

  it('every 20 minutes from 9:00 to 16:40 every day (DAILY with BYHOUR/BYMINUTE form)', () => {
    expect(utc(NY('19970902T090000', 'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40'), 48)).toEqual(twentyMinutes);
  });

  it('every 20 minutes from 9:00 to 16:40 every day (MINUTELY with BYHOUR form)', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16'), 48)).toEqual(twentyMinutes);
  });

  it('WKST=MO: every other week on Tuesday and Sunday', () => {
    expect(utc(NY('19970805T090000', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO'), 50)).toEqual(
      at9(on('1997-08', [5, 10, 19, 24]))
    );
  });

  it('WKST=SU: the same rule yields different days', () => {
    expect(utc(NY('19970805T090000', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU'), 50)).toEqual(
      at9(on('1997-08', [5, 17, 19, 31]))
    );
  });

  it('an invalid date (February 30) is ignored, not moved (2007: first year of the new US rule)', () => {
    // 2007 DST began on the second Sunday of March (11 March): 15 and 30 March are EDT.
    expect(utc(NY('20070115T090000', 'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5'), 50)).toEqual(
      at9(['2007-01-15', '2007-01-30', '2007-02-15', '2007-03-15', '2007-03-30'])
    );
    expect(eastern('2007-03-15 09:00')).toBe('2007-03-15T13:00:00.000Z');
  });
});

describe('the oracle itself', () => {
  it('knows the 1997 transitions: 6 April and 26 October', () => {
    expect(eastern('1997-04-05 09:00')).toBe('1997-04-05T14:00:00.000Z');
    expect(eastern('1997-04-06 09:00')).toBe('1997-04-06T13:00:00.000Z');
    expect(eastern('1997-10-25 09:00')).toBe('1997-10-25T13:00:00.000Z');
    expect(eastern('1997-10-26 09:00')).toBe('1997-10-26T14:00:00.000Z');
    // §3.3.5 edges: 02:30 on 6 April is read as EST (07:30Z); 01:30 on 26 October is the first (EDT, 05:30Z).
    expect(eastern('1997-04-06 02:30')).toBe('1997-04-06T07:30:00.000Z');
    expect(eastern('1997-10-26 01:30')).toBe('1997-10-26T05:30:00.000Z');
  });
});
