/**
 * The examples of RFC 5545 §3.8.5.3 that carry a time zone. Expected dates are the ones
 * the RFC lists; their UTC instants come from the hand-written 1990s US Eastern rule in
 * oracle.ts (EDT = UTC-4 from the first Sunday of April, EST = UTC-5 from the last
 * Sunday of October), not from the engine or a time-zone library.
 */
import { parseRecurrence } from '..';
import { eastern } from './oracle';

const NY = (dtstart: string, rrule: string, extra = '') => `DTSTART;TZID=America/New_York:${dtstart}\nRRULE:${rrule}${extra ? `\n${extra}` : ''}`;
const utc = (rule: string, count: number, from?: string) => parseRecurrence({ rule }).list({ count, from }).map((o) => o.utc);
const days = (prefix: string, list: number[], time = '09:00') => list.map((d) => eastern(`${prefix}-${String(d).padStart(2, '0')} ${time}`));

describe('RFC 5545 §3.8.5.3 examples (America/New_York)', () => {
  it('daily for 10 occurrences', () => {
    expect(utc(NY('19970902T090000', 'FREQ=DAILY;COUNT=10'), 100)).toEqual(days('1997-09', [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
  });

  it('daily until December 24, 1997 (113 days, crossing the end of DST)', () => {
    const list = utc(NY('19970902T090000', 'FREQ=DAILY;UNTIL=19971224T000000Z'), 200);
    expect(list).toHaveLength(113);
    expect(list[0]).toBe(eastern('1997-09-02 09:00'));
    expect(list[list.length - 1]).toBe(eastern('1997-12-23 09:00'));
    // 25 Oct is EDT (13:00Z), 26 Oct is EST (14:00Z).
    expect(list).toContain('1997-10-25T13:00:00.000Z');
    expect(list).toContain('1997-10-26T14:00:00.000Z');
  });

  it('every other day, and every 10 days 5 times', () => {
    expect(utc(NY('19970902T090000', 'FREQ=DAILY;INTERVAL=2'), 4)).toEqual(days('1997-09', [2, 4, 6, 8]));
    expect(utc(NY('19970902T090000', 'FREQ=DAILY;INTERVAL=10;COUNT=5'), 10)).toEqual([...days('1997-09', [2, 12, 22]), ...days('1997-10', [2, 12])]);
  });

  it('every day in January for 3 years', () => {
    const list = utc(NY('19980101T090000', 'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA'), 200);
    expect(list).toHaveLength(93);
    expect(list[0]).toBe(eastern('1998-01-01 09:00'));
    expect(list[92]).toBe(eastern('2000-01-31 09:00'));
  });

  it('weekly for 10 occurrences', () => {
    expect(utc(NY('19970902T090000', 'FREQ=WEEKLY;COUNT=10'), 20)).toEqual([...days('1997-09', [2, 9, 16, 23, 30]), ...days('1997-10', [7, 14, 21, 28]), ...days('1997-11', [4])]);
  });

  it('every other week on Monday, Wednesday, Friday until December 24, 1997', () => {
    const list = utc(NY('19970901T090000', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR'), 100);
    expect(list).toEqual([
      ...days('1997-09', [1, 3, 5, 15, 17, 19, 29]),
      ...days('1997-10', [1, 3, 13, 15, 17, 27, 29, 31]),
      ...days('1997-11', [10, 12, 14, 24, 26, 28]),
      ...days('1997-12', [8, 10, 12, 22]),
    ]);
  });

  it('weekly on Tuesday and Thursday for five weeks', () => {
    expect(utc(NY('19970902T090000', 'FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH'), 20)).toEqual([...days('1997-09', [2, 4, 9, 11, 16, 18, 23, 25, 30]), ...days('1997-10', [2])]);
  });

  it('monthly on the first Friday for 10 occurrences (crossing both DST changes)', () => {
    expect(utc(NY('19970905T090000', 'FREQ=MONTHLY;COUNT=10;BYDAY=1FR'), 20)).toEqual(
      ['1997-09-05', '1997-10-03', '1997-11-07', '1997-12-05', '1998-01-02', '1998-02-06', '1998-03-06', '1998-04-03', '1998-05-01', '1998-06-05'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('every other month on the first and last Sunday', () => {
    expect(utc(NY('19970907T090000', 'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU'), 20)).toEqual(
      ['1997-09-07', '1997-09-28', '1997-11-02', '1997-11-30', '1998-01-04', '1998-01-25', '1998-03-01', '1998-03-29', '1998-05-03', '1998-05-31'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('monthly on the second-to-last Monday for 6 months', () => {
    expect(utc(NY('19970922T090000', 'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO'), 10)).toEqual(
      ['1997-09-22', '1997-10-20', '1997-11-17', '1997-12-22', '1998-01-19', '1998-02-16'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('monthly on the third-to-last day', () => {
    expect(utc(NY('19970928T090000', 'FREQ=MONTHLY;BYMONTHDAY=-3'), 6)).toEqual(
      ['1997-09-28', '1997-10-29', '1997-11-28', '1997-12-29', '1998-01-29', '1998-02-26'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('monthly on the 2nd and 15th, and on the first and last day', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15'), 20)).toEqual(
      ['1997-09-02', '1997-09-15', '1997-10-02', '1997-10-15', '1997-11-02', '1997-11-15', '1997-12-02', '1997-12-15', '1998-01-02', '1998-01-15'].map((d) => eastern(`${d} 09:00`))
    );
    expect(utc(NY('19970930T090000', 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1'), 20)).toEqual(
      ['1997-09-30', '1997-10-01', '1997-10-31', '1997-11-01', '1997-11-30', '1997-12-01', '1997-12-31', '1998-01-01', '1998-01-31', '1998-02-01'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('every 18 months on the 10th to 15th', () => {
    expect(utc(NY('19970910T090000', 'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15'), 20)).toEqual([...days('1997-09', [10, 11, 12, 13, 14, 15]), ...days('1999-03', [10, 11, 12, 13])]);
  });

  it('every Tuesday, every other month', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU'), 13)).toEqual([...days('1997-09', [2, 9, 16, 23, 30]), ...days('1997-11', [4, 11, 18, 25]), ...days('1998-01', [6, 13, 20, 27])]);
  });

  it('yearly in June and July; every other year in January to March', () => {
    expect(utc(NY('19970610T090000', 'FREQ=YEARLY;COUNT=10;BYMONTH=6,7'), 20)).toEqual(
      [1997, 1998, 1999, 2000, 2001].flatMap((y) => [eastern(`${y}-06-10 09:00`), eastern(`${y}-07-10 09:00`)])
    );
    expect(utc(NY('19970310T090000', 'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3'), 20)).toEqual([
      eastern('1997-03-10 09:00'),
      ...[1999, 2001, 2003].flatMap((y) => ['01', '02', '03'].map((m) => eastern(`${y}-${m}-10 09:00`))),
    ]);
  });

  it('every third year on the 1st, 100th and 200th day', () => {
    expect(utc(NY('19970101T090000', 'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200'), 20)).toEqual(
      ['1997-01-01', '1997-04-10', '1997-07-19', '2000-01-01', '2000-04-09', '2000-07-18', '2003-01-01', '2003-04-10', '2003-07-19', '2006-01-01'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('the 20th Monday of the year, and Monday of week 20', () => {
    expect(utc(NY('19970519T090000', 'FREQ=YEARLY;BYDAY=20MO'), 3)).toEqual(['1997-05-19', '1998-05-18', '1999-05-17'].map((d) => eastern(`${d} 09:00`)));
    expect(utc(NY('19970512T090000', 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO'), 3)).toEqual(['1997-05-12', '1998-05-11', '1999-05-17'].map((d) => eastern(`${d} 09:00`)));
  });

  it('every Thursday in March', () => {
    expect(utc(NY('19970313T090000', 'FREQ=YEARLY;BYMONTH=3;BYDAY=TH'), 11)).toEqual([...days('1997-03', [13, 20, 27]), ...days('1998-03', [5, 12, 19, 26]), ...days('1999-03', [4, 11, 18, 25])]);
  });

  it('every Friday the 13th, with an EXDATE', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', 'EXDATE;TZID=America/New_York:19970902T090000'), 5)).toEqual(
      ['1998-02-13', '1998-03-13', '1998-11-13', '1999-08-13', '2000-10-13'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('the first Saturday that follows the first Sunday of the month', () => {
    expect(utc(NY('19970913T090000', 'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13'), 10)).toEqual(
      ['1997-09-13', '1997-10-11', '1997-11-08', '1997-12-13', '1998-01-10', '1998-02-07', '1998-03-07', '1998-04-11', '1998-05-09', '1998-06-13'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('US Presidential Election day', () => {
    expect(utc(NY('19961105T090000', 'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8'), 3)).toEqual(['1996-11-05', '2000-11-07', '2004-11-02'].map((d) => eastern(`${d} 09:00`)));
  });

  it('BYSETPOS: the third of Tue/Wed/Thu, and the second-to-last weekday', () => {
    expect(utc(NY('19970904T090000', 'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3'), 5)).toEqual(['1997-09-04', '1997-10-07', '1997-11-06'].map((d) => eastern(`${d} 09:00`)));
    expect(utc(NY('19970929T090000', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2'), 7)).toEqual(
      ['1997-09-29', '1997-10-30', '1997-11-27', '1997-12-30', '1998-01-29', '1998-02-26', '1998-03-30'].map((d) => eastern(`${d} 09:00`))
    );
  });

  it('every 15 minutes for 6 occurrences; every hour and a half for 4', () => {
    expect(utc(NY('19970902T090000', 'FREQ=MINUTELY;INTERVAL=15;COUNT=6'), 10)).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'].map((t) => eastern(`1997-09-02 ${t}`)));
    expect(utc(NY('19970902T090000', 'FREQ=MINUTELY;INTERVAL=90;COUNT=4'), 10)).toEqual(['09:00', '10:30', '12:00', '13:30'].map((t) => eastern(`1997-09-02 ${t}`)));
  });

  it('every 20 minutes from 9:00 to 16:40 every day', () => {
    const list = utc(NY('19970902T090000', 'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40'), 25);
    const expected = [9, 10, 11, 12, 13, 14, 15, 16].flatMap((h) => [0, 20, 40].map((m) => eastern(`1997-09-02 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)));
    expect(list.slice(0, 24)).toEqual(expected);
    expect(list[24]).toBe(eastern('1997-09-03 09:00'));
  });

  it('WKST changes which days are generated', () => {
    expect(utc(NY('19970805T090000', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO'), 10)).toEqual(days('1997-08', [5, 10, 19, 24]));
    expect(utc(NY('19970805T090000', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU'), 10)).toEqual(days('1997-08', [5, 17, 19, 31]));
  });

  it('an invalid date (February 30) is ignored, not moved', () => {
    expect(utc('DTSTART;TZID=America/New_York:20070115T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5', 10)).toEqual([
      '2007-01-15T14:00:00.000Z',
      '2007-01-30T14:00:00.000Z',
      '2007-02-15T14:00:00.000Z',
      // 2007 is the first year of the new US rule: DST from Sunday 11 March, so 15 and 30 March are EDT (UTC-4).
      '2007-03-15T13:00:00.000Z',
      '2007-03-30T13:00:00.000Z',
    ]);
  });
});
