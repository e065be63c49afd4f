import { addDays, todayUtc } from '../dates';

describe('seed dates', () => {
  it('adds calendar days across month, year and DST boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    // 2026-03-29 is the EU spring-forward day; calendar days are unaffected.
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });

  it('takes today in UTC whatever the host zone', () => {
    // 2026-11-22T23:30Z is already the 23rd in Shanghai, still the 22nd in UTC.
    expect(todayUtc(new Date(Date.UTC(2026, 10, 22, 23, 30)))).toBe('2026-11-22');
  });
});
