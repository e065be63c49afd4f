/**
 * Calendar periods. Expected dates are read off a printed calendar: November 2026 starts
 * on a Sunday and ends on a Monday; 2026-11-22 is a Sunday.
 */
import { period, shift, placeInZone, weekdayOf } from '../period';

describe('period', () => {
  it('month view: whole weeks from the Monday before the 1st to the Sunday after the last day', () => {
    const p = period('month', '2026-11-22');
    expect(p.dates[0]).toBe('2026-10-26');
    expect(p.dates[p.dates.length - 1]).toBe('2026-12-06');
    expect(p.dates).toHaveLength(42);
    expect(p.from).toBe('2026-10-25T00:00:00.000Z');
    expect(p.to).toBe('2026-12-08T00:00:00.000Z');
  });

  it('week view: the seven days from the anchor (from a Sunday: Sunday to Saturday)', () => {
    expect(period('week', '2026-11-22').dates).toEqual([
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
    expect(weekdayOf('2026-11-22')).toBe(7);
    expect(weekdayOf('2026-11-23')).toBe(1);
  });

  it('day view: one date, fetched with a day either side', () => {
    expect(period('day', '2026-03-29')).toEqual({
      dates: ['2026-03-29'],
      from: '2026-03-28T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
    });
  });

  it('February 2027 starts on a Monday and fills exactly four weeks', () => {
    const p = period('month', '2027-02-10');
    expect([p.dates[0], p.dates[p.dates.length - 1], p.dates.length]).toEqual(['2027-02-01', '2027-02-28', 28]);
  });

  it('shift moves by a month, a week or a day (month ends clamp)', () => {
    expect(shift('month', '2026-01-31', 1)).toBe('2026-02-28');
    expect(shift('week', '2026-11-22', -1)).toBe('2026-11-15');
    expect(shift('day', '2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('placeInZone', () => {
  it('puts a post on its local date: 23:30Z is the next morning in Shanghai (+8) and the same evening in New York (-5 in winter)', () => {
    expect(placeInZone('2026-11-22T23:30:00.000Z', 'Asia/Shanghai')).toEqual({ date: '2026-11-23', time: '07:30' });
    expect(placeInZone('2026-11-22T23:30:00.000Z', 'America/New_York')).toEqual({ date: '2026-11-22', time: '18:30' });
  });
});
