/**
 * Validation, descriptions, playbook steps, the history-independent cursor and the
 * runaway guard.
 */
import { RRule } from 'rrule';
import { parseRecurrence, preview, resolveStep, RecurrenceError } from '..';
import { parseRuleParts } from '../parse';
import { cursorStart, explicitParts, toRRule } from '../expand';

function errorOf(fn: () => unknown): RecurrenceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecurrenceError) return err;
    throw err;
  }
  throw new Error('expected a RecurrenceError');
}

describe('validation names what is wrong', () => {
  const base = { timezone: 'UTC', dtstart: '2026-01-01T08:00:00' };
  it.each([
    ['FREQ=DAILY;BYHOUR=25', 'rule', 'BYHOUR=25'],
    ['FREQ=DAILY;BYMINUTE=60', 'rule', 'BYMINUTE=60'],
    ['FREQ=HOURLYY', 'rule', 'HOURLYY'],
    ['FREQ=DAILY;COLOR=RED', 'rule', 'COLOR'],
    ['BYHOUR=8', 'rule', 'FREQ is required'],
    ['FREQ=WEEKLY;BYDAY=XX', 'rule', 'XX'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z', 'rule', 'COUNT and UNTIL'],
    ['FREQ=DAILY;UNTIL=20250101T000000Z', 'rule', 'UNTIL'],
    ['FREQ=DAILY;INTERVAL=0', 'rule', 'INTERVAL=0'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'rule', 'BYMONTHDAY=0'],
    ['FREQ=SECONDLY', 'rule', 'SECONDLY'],
  ])('%s', (rule, field, token) => {
    const err = errorOf(() => parseRecurrence({ rule, ...base }));
    expect(err.field).toBe(field);
    expect(err.message).toContain(token);
  });

  it('unknown zone, missing start, bad start', () => {
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'Mars/Base', dtstart: '2026-01-01T08:00:00' }))).toMatchObject({ field: 'timezone' });
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC' }))).toMatchObject({ field: 'dtstart' });
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-02-30T08:00:00' }))).toMatchObject({ field: 'dtstart' });
    expect(errorOf(() => parseRecurrence({ rule: 'DTSTART;TZID=Nowhere/City:20260101T080000\nRRULE:FREQ=DAILY' }))).toMatchObject({ field: 'timezone' });
    expect(errorOf(() => parseRecurrence({ rule: '', timezone: 'UTC' }))).toMatchObject({ field: 'rule' });
    expect(errorOf(() => preview({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-01-01T08:00:00', count: 0 }))).toMatchObject({ field: 'count' });
  });

  it('accepts the RRULE: prefix and lower-case keys', () => {
    const a = parseRecurrence({ rule: 'RRULE:FREQ=DAILY;BYHOUR=8;BYMINUTE=0', ...base }).list({ count: 2 });
    const b = parseRecurrence({ rule: 'freq=daily;byhour=8;byminute=0', ...base }).list({ count: 2 });
    expect(a.map((o) => o.utc)).toEqual(['2026-01-01T08:00:00.000Z', '2026-01-02T08:00:00.000Z']);
    expect(b.map((o) => o.utc)).toEqual(a.map((o) => o.utc));
  });
});

describe('descriptions in English and Chinese', () => {
  const d = (rule: string) => parseRecurrence({ rule, timezone: 'UTC', dtstart: '2026-01-01T08:00:00' }).describe();
  it.each([
    ['FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'every day at 08:00', '每天 08:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0', 'every weekday at 08:00', '每个工作日 08:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=30', 'every week on Monday and Thursday at 19:30', '每周一、周四 19:30'],
    ['FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0', 'every month on day 1 at 09:00', '每月1日 09:00'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=18;BYMINUTE=0', 'every month on the last weekday at 18:00', '每月最后一个工作日 18:00'],
    ['FREQ=DAILY;INTERVAL=3;BYHOUR=7;BYMINUTE=15', 'every 3 days at 07:15', '每3天 07:15'],
    ['FREQ=DAILY;COUNT=5', 'every day at 08:00, 5 times', '每天 08:00，共5次'],
    ['FREQ=DAILY;UNTIL=20261231T235959', 'every day at 08:00, until 2026-12-31', '每天 08:00，直到 2026-12-31'],
  ])('%s', (rule, en, zh) => {
    expect(d(rule)).toEqual({ en, zh });
  });
});

describe('playbook steps', () => {
  it('"Day 3 at 20:00" from 2026-12-01 in Shanghai is 2026-12-04 20:00 +08:00', () => {
    const [o] = resolveStep({ cohortStart: '2026-12-01', day: 3, time: '20:00', timezone: 'Asia/Shanghai' }).list({ count: 5 });
    expect(o.utc).toBe('2026-12-04T12:00:00.000Z');
    expect(o.local).toBe('2026-12-04T20:00:00.000+08:00');
  });

  it('negative days are before the cohort start', () => {
    const [o] = resolveStep({ cohortStart: '2026-12-01', day: -1, time: '20:00:00.000', timezone: 'Europe/Berlin' }).list({ count: 5 });
    expect(o.local).toBe('2026-11-30T20:00:00.000+01:00');
  });

  it('a repeating step stops at the end of the playbook window', () => {
    // Daily from Day 20 at 08:00 in a 21-day window: Days 20 and 21 only.
    const list = resolveStep({ cohortStart: '2026-12-01', day: 20, time: '08:00', timezone: 'Asia/Shanghai', rule: 'FREQ=DAILY', windowDays: 21 }).list({ count: 10 });
    expect(list.map((o) => o.localDate)).toEqual(['2026-12-21', '2026-12-22']);
  });

  it("a step rule's own COUNT wins over the window", () => {
    const list = resolveStep({ cohortStart: '2026-12-01', day: 1, time: '08:00', timezone: 'UTC', rule: 'FREQ=DAILY;COUNT=3', windowDays: 21 }).list({ count: 10 });
    expect(list).toHaveLength(3);
  });
});

describe('cost does not grow with history', () => {
  // The cursor start must give exactly the series a full expansion from DTSTART gives.
  const cases = [
    'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO',
    'FREQ=WEEKLY;INTERVAL=3',
    'FREQ=MONTHLY',
    'FREQ=MONTHLY;INTERVAL=5;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=YEARLY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    'FREQ=HOURLY;INTERVAL=7',
    'FREQ=MINUTELY;INTERVAL=97',
  ];
  it.each(cases)('%s from a start 20 years back', (rule) => {
    const parts = parseRuleParts(rule);
    const dtstartF = Date.UTC(2006, 0, 31, 8, 17, 0);
    const from = Date.UTC(2026, 10, 22, 13, 0, 0);
    const to = from + (parts.freq === 'MINUTELY' || parts.freq === 'HOURLY' ? 10 : 3000) * 86_400_000;
    const full = toRRule(parts, dtstartF, null).between(new Date(from), new Date(to), true);
    const cursor = cursorStart(parts, dtstartF, from);
    expect(cursor).not.toBeNull();
    const moved = toRRule(explicitParts(parts, dtstartF), cursor as number, null).between(new Date(from), new Date(to), true);
    expect(moved.map((d) => d.getTime())).toEqual(full.map((d) => d.getTime()));
    expect(full.length).toBeGreaterThan(0);
  });

  it('counts from the real start when COUNT is given', () => {
    expect(cursorStart(parseRuleParts('FREQ=DAILY;COUNT=5'), 0, Date.UTC(2026, 0, 1))).toBeNull();
  });

  it('uses RRule from the real start only for COUNT rules (sanity of the oracle above)', () => {
    expect(toRRule(parseRuleParts('FREQ=DAILY;COUNT=2'), Date.UTC(2026, 0, 1), null)).toBeInstanceOf(RRule);
  });
});

describe('runaway guard', () => {
  it('a rule that never matches is a clear error, quickly', () => {
    const r = parseRecurrence({ rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', timezone: 'UTC', dtstart: '2026-01-01T08:00:00' });
    const started = Date.now();
    expect(errorOf(() => r.list({ count: 1 })).message).toMatch(/no occurrence within/);
    expect(Date.now() - started).toBeLessThan(20_000); // generous; it takes well under a second
  });

  it('too many occurrences in a window is an error, not a hang', () => {
    const r = parseRecurrence({ rule: 'FREQ=MINUTELY', timezone: 'UTC', dtstart: '2026-01-01T00:00:00' });
    expect(errorOf(() => r.between('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).message).toMatch(/more than 10000 occurrences/);
    expect(r.between('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', { limit: 5 })).toHaveLength(5);
  });

  it('sub-daily rules filtered to rare days are refused', () => {
    expect(errorOf(() => parseRecurrence({ rule: 'FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30', timezone: 'UTC', dtstart: '2026-01-01T00:00:00' })).message).toMatch(/not supported with FREQ=MINUTELY/);
  });

  it('a finished series ends with null, not an error', () => {
    const r = parseRecurrence({ rule: 'FREQ=DAILY;COUNT=2', timezone: 'UTC', dtstart: '2026-01-01T08:00:00' });
    expect(r.next('2026-06-01T00:00:00Z')).toBeNull();
  });
});

describe('preview()', () => {
  it('has the contract shape', () => {
    expect(preview({ rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', timezone: 'Asia/Shanghai', dtstart: '2026-12-01T08:00:00', count: 2 })).toEqual({
      timezone: 'Asia/Shanghai',
      description: { en: 'every day at 08:00', zh: '每天 08:00' },
      occurrences: [
        { utc: '2026-12-01T00:00:00.000Z', local: '2026-12-01T08:00:00.000+08:00' },
        { utc: '2026-12-02T00:00:00.000Z', local: '2026-12-02T08:00:00.000+08:00' },
      ],
    });
  });
});
