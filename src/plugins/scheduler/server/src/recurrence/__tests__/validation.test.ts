/**
 * Validation: every error is a RecurrenceError naming the input field, and its message
 * names the offending token.
 */
import { parseRecurrence, preview, validateTimezone, RecurrenceError } from '..';

function errorOf(fn: () => unknown): RecurrenceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecurrenceError) return err;
    throw err;
  }
  throw new Error('expected a RecurrenceError');
}

const base = { timezone: 'UTC', dtstart: '2026-03-01T08:00:00' };

describe('rule errors name the field and the token', () => {
  it.each([
    ['FREQ=DAILY;BYHOUR=25', 'BYHOUR=25 is out of range 0..23'],
    ['FREQ=DAILY;BYMINUTE=60', 'BYMINUTE=60 is out of range 0..59'],
    ['FREQ=DAILY;BYSECOND=61', 'BYSECOND=61 is out of range 0..59'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH=13 is out of range 1..12'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY=0 is out of range -31..-1 or 1..31'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY=32'],
    ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY=367'],
    ['FREQ=YEARLY;BYWEEKNO=54', 'BYWEEKNO=54'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0', 'BYSETPOS=0'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL=0 is out of range 1..10000'],
    ['FREQ=DAILY;INTERVAL=two', '"two" is not a whole number'],
    ['FREQ=DAILY;COUNT=0', 'COUNT=0'],
    ['FREQ=DAILY;COUNT=10001', 'COUNT=10001 is out of range 1..10000'],
    ['FREQ=HOURLYY', 'unknown FREQ "HOURLYY"'],
    ['FREQ=DAILY;COLOR=RED', 'unknown rule part "COLOR"'],
    ['FREQ=DAILY;BYHOUR', '"BYHOUR" is not KEY=VALUE'],
    ['FREQ=DAILY;BYHOUR=', 'BYHOUR has no value'],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ is given twice'],
    ['BYHOUR=8', 'FREQ is required'],
    ['FREQ=WEEKLY;BYDAY=XX', '"XX" is not a day'],
    ['FREQ=WEEKLY;BYDAY=MO,TUE', '"TUE" is not a day'],
    ['FREQ=MONTHLY;BYDAY=0MO', 'BYDAY=0MO: the position must be'],
    ['FREQ=WEEKLY;WKST=XX', 'WKST=XX is not a day'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z', 'COUNT and UNTIL must not both be given'],
    ['FREQ=DAILY;UNTIL=2027-01-01', 'UNTIL "2027-01-01" is not an iCalendar date'],
    ['FREQ=DAILY;UNTIL=20270230T000000Z', 'UNTIL "20270230T000000Z" is not a real calendar date-time'],
    ['FREQ=MONTHLY;BYWEEKNO=20', 'BYWEEKNO is only allowed with FREQ=YEARLY'],
    ['FREQ=MONTHLY;BYYEARDAY=100', 'BYYEARDAY is not allowed with FREQ=MONTHLY'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY is not allowed with FREQ=WEEKLY'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'BYDAY=1MO: a numbered day is only allowed with FREQ=MONTHLY or YEARLY'],
    ['FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO', 'BYDAY=1MO: a numbered day is not allowed together with BYWEEKNO'],
    ['FREQ=MONTHLY;BYSETPOS=1', 'BYSETPOS needs another BY'],
    ['FREQ=SECONDLY', 'FREQ=SECONDLY is not supported'],
    ['FREQ=MINUTELY', 'FREQ=MINUTELY needs INTERVAL=5 or more (got INTERVAL=1)'],
    ['FREQ=MINUTELY;INTERVAL=7;BYHOUR=9', 'FREQ=MINUTELY;INTERVAL=7 with BYHOUR is not supported'],
    ['FREQ=HOURLY;BYMONTHDAY=1', 'BYMONTHDAY is not supported with FREQ=HOURLY'],
    ['FREQ=DAILY;BYSECOND=0,30', 'BYSECOND=0,30: at most one second'],
    ['FREQ=DAILY;UNTIL=20200101T000000Z', 'UNTIL 2020-01-01T00:00:00Z is before the start 2026-03-01T08:00:00'],
    ['FREQ=DAILY;UNTIL=20260301T075959', 'UNTIL 2026-03-01T07:59:59 is before the start 2026-03-01T08:00:00'],
    ['FREQ=DAILY;UNTIL=20260228', 'UNTIL 2026-02-28 is before the start 2026-03-01T08:00:00'],
    ['RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY', 'only one RRULE is supported'],
    ['EXRULE:FREQ=DAILY', 'unknown line "EXRULE:FREQ=DAILY"'],
    ['FREQ=DAILY\nEXDATE:2026-03-02', 'EXDATE "2026-03-02" is not an iCalendar date'],
    ['FREQ=DAILY\nRDATE;VALUE=PERIOD:20260302T080000Z/PT1H', 'RDATE;VALUE=PERIOD is not supported'],
    ['FREQ=DAILY\nEXDATE;TZID=Europe/Berlin:20260302T080000Z', 'ends in Z but also has TZID=Europe/Berlin'],
    ['DTSTART;VALUE=DATE:20260301\nRRULE:FREQ=DAILY;BYHOUR=8', 'an all-day rule (DTSTART;VALUE=DATE) repeats on dates only'],
    ['DTSTART;TZID=Europe/Berlin:20260301T080000\nRRULE:FREQ=DAILY\nRDATE', 'RDATE line has no value'],
  ])('%s → %s', (rule, message) => {
    const err = errorOf(() => parseRecurrence({ rule, ...base }));
    expect(err).toBeInstanceOf(RecurrenceError);
    expect(err.field).toBe('rule');
    expect(err.message).toContain(message);
  });

  it('accepts the RRULE: prefix, lower case, folded lines and CRLF', () => {
    const expected = ['2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z'];
    expect(
      parseRecurrence({ rule: 'RRULE:FREQ=DAILY;BYHOUR=8;BYMINUTE=0', ...base })
        .list({ count: 2 })
        .map((o) => o.utc)
    ).toEqual(expected);
    expect(
      parseRecurrence({ rule: 'freq=daily;byhour=8;byminute=0', ...base })
        .list({ count: 2 })
        .map((o) => o.utc)
    ).toEqual(expected);
    expect(
      parseRecurrence({ rule: 'DTSTART;TZID=UTC:20260301T080000\r\nRRULE:FREQ=DAILY;\r\n BYHOUR=8' })
        .list({ count: 2 })
        .map((o) => o.utc)
    ).toEqual(expected);
  });
});

describe('zone, start and range errors', () => {
  it('unknown zones, in the input or in a TZID', () => {
    const err = errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'Mars/Base', dtstart: '2026-01-01T08:00:00' }));
    expect(err.field).toBe('timezone');
    expect(err.message).toContain('unknown time zone "Mars/Base"');
    const tzid = errorOf(() => parseRecurrence({ rule: 'DTSTART;TZID=Nowhere/City:20260101T080000\nRRULE:FREQ=DAILY' }));
    expect(tzid.field).toBe('timezone');
    expect(tzid.message).toContain('"Nowhere/City"');
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC+8', dtstart: '2026-01-01T08:00:00' })).field).toBe(
      'timezone'
    );
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', dtstart: '2026-01-01T08:00:00' })).message).toContain(
      'a time zone is required'
    );
  });

  it('a missing or malformed start', () => {
    const missing = errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC' }));
    expect(missing.field).toBe('dtstart');
    expect(missing.message).toContain('a start (DTSTART) is required');
    const block = errorOf(() => parseRecurrence({ rule: 'DTSTART;TZID=Europe/Berlin:2026-03-01T08:00\nRRULE:FREQ=DAILY' }));
    expect(block.field).toBe('dtstart');
    expect(block.message).toContain('DTSTART "2026-03-01T08:00"');
    const feb30 = errorOf(() => parseRecurrence({ rule: 'DTSTART;TZID=Europe/Berlin:20260230T080000\nRRULE:FREQ=DAILY' }));
    expect([feb30.field, feb30.message]).toEqual(['dtstart', 'DTSTART "20260230T080000" is not a real calendar date-time']);
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-02-30T08:00:00' })).message).toBe(
      'dtstart "2026-02-30T08:00:00" is not a real calendar date-time'
    );
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-03-01T24:00' })).field).toBe('dtstart');
    // Date.parse would take these (in the host's zone); the engine does not.
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026/03/01 08:00' })).message).toContain(
      'dtstart "2026/03/01 08:00" is not a local date-time'
    );
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: 'tomorrow' })).field).toBe('dtstart');
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: new Date(NaN) })).field).toBe('dtstart');
  });

  it('an empty rule, bad exceptions', () => {
    expect(errorOf(() => parseRecurrence({ rule: '', timezone: 'UTC' })).message).toContain('a rule is required');
    expect(errorOf(() => parseRecurrence({ rule: ' \n ', timezone: 'UTC' })).field).toBe('rule');
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', ...base, exceptions: ['2026-02-30'] })).message).toContain(
      'exception "2026-02-30"'
    );
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', ...base, exceptions: ['3/1/2026'] })).message).toContain('"3/1/2026"');
  });

  it('query arguments: from, to, count, limit', () => {
    const r = parseRecurrence({ rule: 'FREQ=DAILY', ...base });
    expect(errorOf(() => r.next('soon'))).toMatchObject({ field: 'from' });
    expect(errorOf(() => r.next('soon')).message).toContain('"soon"');
    expect(errorOf(() => r.between('2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z'))).toMatchObject({
      field: 'to',
      message: 'to must not be before from',
    });
    expect(errorOf(() => r.between('2026-03-01T00:00:00Z', 'later'))).toMatchObject({ field: 'to' });
    expect(errorOf(() => r.between('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', { limit: 0 }))).toMatchObject({ field: 'count' });
    expect(errorOf(() => r.list({ count: 0 }))).toMatchObject({ field: 'count' });
    expect(errorOf(() => r.list({ count: 10_001 }))).toMatchObject({ field: 'count' });
    expect(errorOf(() => r.list({ count: 1.5 }))).toMatchObject({ field: 'count' });
    expect(errorOf(() => preview({ rule: 'FREQ=DAILY', ...base, count: 1001 }))).toMatchObject({ field: 'count' });
    expect(errorOf(() => preview({ rule: 'FREQ=DAILY', ...base, count: 0 }))).toMatchObject({ field: 'count' });
  });
});

describe('validateTimezone', () => {
  it.each([
    ['UTC', true],
    ['Etc/UTC', true],
    ['Asia/Shanghai', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Etc/GMT-8', true], // an IANA name (UTC+8, with POSIX's inverted sign)
    ['', false],
    ['UTC+8', false],
    ['GMT+8', false],
    ['+08:00', false],
    ['Z', false],
    ['Mars/Base', false],
    [' Asia/Shanghai', false],
    ['America/New York', false],
  ])('%j → %s', (zone, valid) => {
    expect(validateTimezone(zone)).toBe(valid);
  });

  it('non-strings are not zones', () => {
    expect(validateTimezone(undefined as unknown as string)).toBe(false);
    expect(validateTimezone(8 as unknown as string)).toBe(false);
  });
});
