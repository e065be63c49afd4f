/**
 * Playbook steps (resolveStep) and the preview() contract. Expected instants by hand:
 * Asia/Shanghai is +08:00 all year; Europe/Berlin is +01:00 in winter; New York's 2026
 * autumn change is Sun 1 November (EDT -4 → EST -5).
 */
import { preview, resolveStep, RecurrenceError } from '..';
import { withOffset } from './oracle';

function errorOf(fn: () => unknown): RecurrenceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecurrenceError) return err;
    throw err;
  }
  throw new Error('expected a RecurrenceError');
}

describe('resolveStep', () => {
  it('"Day 3 at 20:00" for a group starting 2026-12-01 in Shanghai is 2026-12-04 20:00 +08:00, once', () => {
    const r = resolveStep({ cohortStart: '2026-12-01', day: 3, time: '20:00', timezone: 'Asia/Shanghai' });
    const list = r.list({ count: 5 });
    expect(list).toHaveLength(1);
    expect(list[0].utc).toBe('2026-12-04T12:00:00.000Z');
    expect(list[0].local).toBe('2026-12-04T20:00:00.000+08:00');
    expect(r.describe()).toEqual({ en: 'once, on 2026-12-04 at 20:00', zh: '仅一次：2026-12-04 20:00' });
    expect(r.next('2026-12-04T12:00:00Z')).toBeNull();
  });

  it('Day 0 is the cohort start; Day -1 the day before (Strapi time strings with seconds and milliseconds)', () => {
    expect(resolveStep({ cohortStart: '2026-12-01', day: 0, time: '20:00:00', timezone: 'Asia/Shanghai' }).list({ count: 1 })[0].utc).toBe(
      '2026-12-01T12:00:00.000Z'
    );
    const [o] = resolveStep({ cohortStart: '2026-12-01', day: -1, time: '20:00:00.000', timezone: 'Europe/Berlin' }).list({ count: 1 });
    expect(o.utc).toBe(withOffset('2026-11-30 20:00', 1));
    expect(o.local).toBe('2026-11-30T20:00:00.000+01:00');
    // Day -1 of a 1 March cohort in a leap year is 29 February.
    expect(resolveStep({ cohortStart: '2028-03-01', day: -1, time: '09:30', timezone: 'UTC' }).list({ count: 1 })[0].localDate).toBe(
      '2028-02-29'
    );
  });

  it('a daily step stops at the end of the playbook window (last day = cohortStart + windowDays)', () => {
    // Daily from Day 20 at 08:00 with windowDays 21: Days 20 and 21 (21 and 22 December).
    const r = resolveStep({
      cohortStart: '2026-12-01',
      day: 20,
      time: '08:00',
      timezone: 'Asia/Shanghai',
      rule: 'FREQ=DAILY',
      windowDays: 21,
    });
    expect(r.list({ count: 10 }).map((o) => o.utc)).toEqual(['2026-12-21T00:00:00.000Z', '2026-12-22T00:00:00.000Z']);
    expect(r.describe().en).toBe('every day at 08:00, until 2026-12-22');
  });

  it('the window is in local days, across a DST change', () => {
    // Cohort 30 October in New York, daily at 08:00, windowDays 3: 30, 31 October (EDT), 1, 2 November (EST).
    const r = resolveStep({
      cohortStart: '2026-10-30',
      day: 0,
      time: '08:00',
      timezone: 'America/New_York',
      rule: 'RRULE:FREQ=DAILY',
      windowDays: 3,
    });
    expect(r.between('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z').map((o) => o.utc)).toEqual([
      withOffset('2026-10-30 08:00', -4),
      withOffset('2026-10-31 08:00', -4),
      withOffset('2026-11-01 08:00', -5),
      withOffset('2026-11-02 08:00', -5),
    ]);
  });

  it("a step rule's own COUNT or UNTIL wins over the window", () => {
    expect(
      resolveStep({ cohortStart: '2026-12-01', day: 1, time: '08:00', timezone: 'UTC', rule: 'FREQ=DAILY;COUNT=3', windowDays: 1 }).list({
        count: 10,
      })
    ).toHaveLength(3);
    expect(
      resolveStep({
        cohortStart: '2026-12-01',
        day: 1,
        time: '08:00',
        timezone: 'UTC',
        rule: 'FREQ=DAILY;UNTIL=20261205T235959Z',
        windowDays: 1,
      })
        .list({ count: 10 })
        .map((o) => o.localDate)
    ).toEqual([
      '2026-12-02', // Day 1
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
  });

  it('a weekly step without a window repeats indefinitely', () => {
    const r = resolveStep({ cohortStart: '2026-12-01', day: 2, time: '19:30', timezone: 'Asia/Shanghai', rule: 'FREQ=WEEKLY' });
    expect(r.list({ count: 3 }).map((o) => o.localDate)).toEqual(['2026-12-03', '2026-12-10', '2026-12-17']);
  });

  it('a repeating step that starts after the window has no occurrences', () => {
    const r = resolveStep({ cohortStart: '2026-12-01', day: 30, time: '08:00', timezone: 'UTC', rule: 'FREQ=DAILY', windowDays: 21 });
    expect(r.list({ count: 5 })).toEqual([]);
    expect(r.between('2026-01-01T00:00:00Z', '2027-12-31T00:00:00Z')).toEqual([]);
  });

  it('rejects what it cannot place', () => {
    expect(errorOf(() => resolveStep({ cohortStart: '2026-12-32', day: 1, time: '08:00', timezone: 'UTC' }))).toMatchObject({
      field: 'dtstart',
    });
    expect(errorOf(() => resolveStep({ cohortStart: '2026-12-01', day: 1.5, time: '08:00', timezone: 'UTC' }))).toMatchObject({
      field: 'dtstart',
    });
    expect(errorOf(() => resolveStep({ cohortStart: '2026-12-01', day: 1, time: '25:00', timezone: 'UTC' })).message).toContain('"25:00"');
    expect(errorOf(() => resolveStep({ cohortStart: '2026-12-01', day: 1, time: '8am', timezone: 'UTC' }))).toMatchObject({
      field: 'dtstart',
    });
    expect(errorOf(() => resolveStep({ cohortStart: '2026-12-01', day: 1, time: '08:00', timezone: 'Mars/Base' }))).toMatchObject({
      field: 'timezone',
    });
    expect(
      errorOf(() => resolveStep({ cohortStart: '2026-12-01', day: 1, time: '08:00', timezone: 'UTC', rule: 'FREQ=DAILY', windowDays: -1 }))
    ).toMatchObject({ field: 'rule' });
    expect(
      errorOf(() =>
        resolveStep({
          cohortStart: '2026-12-01',
          day: 1,
          time: '08:00',
          timezone: 'UTC',
          rule: 'DTSTART:20261201T000000Z\nRRULE:FREQ=DAILY',
        })
      ).message
    ).toContain('must not have its own DTSTART');
    expect(
      errorOf(() => resolveStep({ cohortStart: '2026-12-01', day: 1, time: '08:00', timezone: 'UTC', rule: 'FREQ=DAILY;BYHOUR=24' }))
        .message
    ).toContain('BYHOUR=24');
  });
});

describe('preview()', () => {
  it('has the contract shape', () => {
    expect(
      preview({ rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', timezone: 'Asia/Shanghai', dtstart: '2026-12-01T08:00:00', count: 2 })
    ).toEqual({
      timezone: 'Asia/Shanghai',
      calendar: 'none',
      adjustments: [],
      warnings: [],
      description: { en: 'every day at 08:00', zh: '每天 08:00' },
      occurrences: [
        { utc: '2026-12-01T00:00:00.000Z', local: '2026-12-01T08:00:00.000+08:00' },
        { utc: '2026-12-02T00:00:00.000Z', local: '2026-12-02T08:00:00.000+08:00' },
      ],
    });
  });

  it('defaults to 10 occurrences from the start, accepts `from`, and at most 1000', () => {
    const input = { rule: 'FREQ=WEEKLY;BYDAY=MO', timezone: 'Europe/Berlin', dtstart: '2026-01-05T09:00:00' };
    const ten = preview(input);
    expect(ten.occurrences).toHaveLength(10);
    expect(ten.occurrences[0].local).toBe('2026-01-05T09:00:00.000+01:00');
    // 'from' without an offset is Berlin wall-clock time; 9 March 2026 is a Monday.
    expect(preview({ ...input, from: '2026-03-09T09:00:01', count: 1 }).occurrences).toEqual([
      { utc: withOffset('2026-03-16 09:00', 1), local: '2026-03-16T09:00:00.000+01:00' },
    ]);
    expect(preview({ ...input, count: 1000 }).occurrences).toHaveLength(1000);
  });

  it('takes a full iCalendar block', () => {
    const p = preview({ rule: 'DTSTART;TZID=America/New_York:20261030T080000\nRRULE:FREQ=DAILY;COUNT=3', count: 5 });
    expect(p.timezone).toBe('America/New_York');
    expect(p.occurrences.map((o) => o.local)).toEqual([
      '2026-10-30T08:00:00.000-04:00',
      '2026-10-31T08:00:00.000-04:00',
      '2026-11-01T08:00:00.000-05:00',
    ]);
    expect(p.description).toEqual({ en: 'every day at 08:00, 3 times', zh: '每天 08:00，共3次' });
  });
});
