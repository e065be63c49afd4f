/**
 * The runaway guard: rules that never match are refused (statically, with the reason) or
 * proved empty after one 400-year calendar cycle of rrule periods; sub-daily grids that
 * would make rrule loop forever are refused; result counts and work are capped. Every
 * case must end with a RecurrenceError quickly instead of hanging.
 */
import { parseRecurrence, RecurrenceError } from '..';
import { meteredRRule, scan, toRRule } from '../expand';
import { EMPTY_PERIOD_BUDGET, Meter } from '../guard';
import { parseRuleParts } from '../parse';

function timed<T>(fn: () => T): { value?: T; error?: RecurrenceError; ms: number } {
  const t = process.hrtime.bigint();
  try {
    const value = fn();
    return { value, ms: Number(process.hrtime.bigint() - t) / 1e6 };
  } catch (err) {
    if (!(err instanceof RecurrenceError)) throw err;
    return { error: err, ms: Number(process.hrtime.bigint() - t) / 1e6 };
  }
}

const rec = (rule: string, dtstart = '2026-03-03T08:00:00') => parseRecurrence({ rule, timezone: 'UTC', dtstart }); // 2026-03-03 is a Tuesday

describe('rules that provably never match are refused when parsed, with the reason', () => {
  it.each([
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', '2026-03-03T08:00:00', ['BYMONTHDAY=30', 'February (at most 29 days)']],
    ['FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31', '2026-03-03T08:00:00', ['April', 'June']],
    ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30', '2026-03-03T08:00:00', ['BYMONTHDAY=-30']],
    ['FREQ=YEARLY;BYMONTH=2', '2026-01-31T08:00:00', ['day 31 (taken from the start date)', 'February']],
    ['FREQ=MONTHLY;BYDAY=6MO', '2026-03-03T08:00:00', ['BYDAY=6MO', 'at most 5']],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6', '2026-03-03T08:00:00', ['BYSETPOS=6', 'at most 5 candidates']],
    ['FREQ=DAILY;BYHOUR=8;BYSETPOS=2', '2026-03-03T08:00:00', ['BYSETPOS=2', 'each day has at most 1 candidate']],
    ['FREQ=DAILY;INTERVAL=14;BYDAY=MO', '2026-03-03T08:00:00', ['INTERVAL=14', "start's weekday (TU)", 'BYDAY=MO']],
    // These two made rrule 2.8.1 loop forever inside one step.
    ['FREQ=HOURLY;INTERVAL=2;BYHOUR=3', '2026-03-03T08:00:00', ['FREQ=HOURLY;INTERVAL=2 from 08:00', '2-hour grid', 'BYHOUR']],
    ['FREQ=MINUTELY;INTERVAL=10;BYMINUTE=5', '2026-03-03T08:00:00', ['10-minute grid', 'BYMINUTE']],
    ['FREQ=HOURLY;INTERVAL=168;BYDAY=MO', '2026-03-03T08:00:00', ['168-hour grid', 'BYDAY']],
  ])('%s (start %s)', (rule, dtstart, tokens) => {
    const { error, ms } = timed(() => rec(rule, dtstart));
    expect(error).toBeInstanceOf(RecurrenceError);
    expect(error?.field).toBe('rule');
    expect(error?.message).toContain('never produces an occurrence');
    for (const token of tokens) expect(error?.message).toContain(token);
    expect(ms).toBeLessThan(200);
  });
});

describe('rules that never match in ways not caught statically are proved empty by the meter', () => {
  it.each([
    // The 5th Monday is day 29 or later, never day 1: 4,802 monthly periods (400 years).
    ['FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=5MO'],
    // ISO week 1 always contains 4 January: never June. 402 yearly periods.
    ['FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6;BYDAY=MO'],
    // Same, with an UNTIL far away: rrule would not stop at UNTIL (it never yields a candidate).
    ['FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=5MO;UNTIL=20991231T000000Z'],
  ])('%s: next() and list() throw within a second', (rule) => {
    const r = rec(rule);
    for (const call of [() => r.next('2026-03-03T00:00:00Z'), () => r.list({ count: 3 })] as (() => unknown)[]) {
      const { error, ms } = timed(call);
      expect(error?.message).toContain('never produces an occurrence: no match in a full 400-year calendar cycle');
      expect(ms).toBeLessThan(1000);
    }
    // A bounded window simply has nothing in it.
    expect(r.between('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual([]);
  });

  it('the worst case, a DAILY rule (146,097 empty days), still ends in a few seconds', () => {
    // Not reachable through parseRecurrence (assertCanMatch refuses February 30); driven directly.
    const parts = parseRuleParts('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30');
    const meter = new Meter('DAILY');
    const { error, ms } = timed(() => scan(meteredRRule(parts, Date.UTC(2026, 0, 1, 8), null, meter), meter, () => true));
    expect(error?.message).toContain('400-year calendar cycle');
    expect(meter.periods).toBe(EMPTY_PERIOD_BUDGET.DAILY + 1);
    expect(ms).toBeLessThan(5000);
  });

  it('a sparse rule is not mistaken for an empty one: the 5th Monday of February (leap years starting on a Monday)', () => {
    // Feb has five Mondays only when 1 February is a Monday in a leap year: 2016, then 2044 (28 years later).
    expect(rec('FREQ=MONTHLY;BYMONTH=2;BYDAY=5MO').next('2026-03-03T00:00:00Z')?.localDate).toBe('2044-02-29');
    expect(rec('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO').next('2026-03-03T00:00:00Z')?.localDate).toBe('2044-02-29');
  });
});

describe('caps on results and work', () => {
  it('too many occurrences in a window is an error, not a hang (MINUTELY every 5 minutes for a year)', () => {
    const r = rec('FREQ=MINUTELY;INTERVAL=5', '2026-01-01T00:00:00');
    const { error, ms } = timed(() => r.between('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'));
    expect(error?.message).toContain('too many occurrences');
    expect(error?.message).toContain('10000');
    expect(ms).toBeLessThan(2000);
    // With an explicit limit the first ones are returned.
    expect(r.between('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', { limit: 5 }).map((o) => o.localTime)).toEqual([
      '00:00',
      '00:05',
      '00:10',
      '00:15',
      '00:20',
    ]);
  });

  it('a daily rule over a century is too many as well', () => {
    expect(timed(() => rec('FREQ=DAILY').between('2026-01-01T00:00:00Z', '2126-01-01T00:00:00Z')).error?.message).toContain(
      'too many occurrences'
    );
  });

  it('counting a long COUNT series from its start is capped in work', () => {
    // 10,000 first-of-the-month posts from March 2026 run to June 2859; reaching 2858 from the
    // start takes 832 years of daily periods (≈ 304,000 > 300,000).
    const r = rec('FREQ=DAILY;BYMONTHDAY=1;COUNT=10000');
    const { error, ms } = timed(() => r.list({ from: '2858-01-01T00:00:00Z', count: 5 }));
    expect(error?.message).toContain('needs more than 300000 steps');
    expect(ms).toBeLessThan(5000);
  });

  it('SECONDLY and sub-5-minute MINUTELY rules are refused outright', () => {
    expect(timed(() => rec('FREQ=SECONDLY;INTERVAL=30')).error?.message).toContain('FREQ=SECONDLY is not supported');
    expect(timed(() => rec('FREQ=MINUTELY;INTERVAL=2')).error?.message).toContain('INTERVAL=5 or more');
  });
});

describe('rrule 2.8.1 behaviour the engine relies on or corrects', () => {
  it('the meter sees two reads of `interval` per period (pinned: an rrule upgrade that changes this fails here)', () => {
    const meter = new Meter('DAILY');
    const seen: number[] = [];
    scan(meteredRRule(parseRuleParts('FREQ=DAILY;COUNT=10'), Date.UTC(2026, 0, 1, 8), null, meter), meter, (f) => seen.push(f) > 0);
    expect(seen).toHaveLength(10);
    // 1 read on entry + 2 for each of the 9 completed periods (the 10th ends on COUNT).
    expect(meter.reads).toBe(19);
  });

  it('times within a day come out in time order whatever the BYMINUTE order (COUNT counts in time order)', () => {
    // rrule alone yields 08:45 before 08:15 for BYMINUTE=45,15; toRRule sorts the lists.
    const raw = toRRule(
      { ...parseRuleParts('FREQ=DAILY;COUNT=3'), byhour: [8], byminute: [45, 15], bysecond: [0] },
      Date.UTC(2026, 2, 1, 8),
      null
    );
    expect(raw.all().map((d) => d.toISOString().slice(11, 16))).toEqual(['08:15', '08:45', '08:15']);
    // RFC 5545: COUNT takes the first 3 occurrences in time: 1 March 08:15, 08:45, 2 March 08:15.
    expect(
      rec('FREQ=DAILY;COUNT=3;BYHOUR=8;BYMINUTE=45,15', '2026-03-01T08:00:00')
        .list({ count: 5 })
        .map((o) => o.utc)
    ).toEqual(['2026-03-01T08:15:00.000Z', '2026-03-01T08:45:00.000Z', '2026-03-02T08:15:00.000Z']);
    // BYSETPOS=1 is the earliest time of the day, not the first listed.
    expect(
      rec('FREQ=DAILY;BYHOUR=20,8;BYMINUTE=0;BYSETPOS=1', '2026-03-01T00:00:00')
        .list({ count: 2 })
        .map((o) => o.localTime)
    ).toEqual(['08:00', '08:00']);
  });
});
