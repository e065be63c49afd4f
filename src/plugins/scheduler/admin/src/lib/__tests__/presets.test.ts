/**
 * Presets write the RRULEs an operator would write by hand (the expected strings are
 * typed out, not produced by the code), and are recognised back from those rules.
 */
import {
  calendarForRule,
  presetToRule,
  presetToSchedule,
  ruleToPreset,
  workdaysAccepts,
  DEFAULT_PRESET,
  FESTIVAL_IDS,
  type Calendar,
  type Festival,
  type Preset,
} from '../presets';
import { checkRuleCalendar } from '../../../../server/src/recurrence';

const p = (over: Partial<Preset>): Preset => ({ ...DEFAULT_PRESET, ...over });

describe('presetToRule', () => {
  it.each<[Partial<Preset>, string]>([
    [{ kind: 'daily', time: '08:00' }, 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0'],
    [{ kind: 'weekdays', time: '07:45' }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=45'],
    [{ kind: 'weekly', time: '19:30', days: ['TH', 'MO'] }, 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=30'],
    [{ kind: 'monthly-day', time: '09:00', monthDay: 15 }, 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0'],
    [{ kind: 'monthly-day', time: '09:00', monthDay: -1 }, 'FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0'],
    [{ kind: 'monthly-last', time: '20:00', days: ['FR'] }, 'FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=20;BYMINUTE=0'],
    [{ kind: 'monthly-last-workday', time: '17:05' }, 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=17;BYMINUTE=5'],
    [{ kind: 'every-n-days', time: '06:00', interval: 3 }, 'FREQ=DAILY;INTERVAL=3;BYHOUR=6;BYMINUTE=0'],
  ])('%j → %s', (preset, rule) => {
    expect(presetToRule(p(preset))).toBe(rule);
  });

  it('leaves custom rules alone', () => {
    expect(presetToRule(p({ kind: 'custom' }))).toBeNull();
  });

  it('refuses what cannot be a rule, saying what is wrong', () => {
    expect(() => presetToRule(p({ time: '24:00' }))).toThrow(/HH:mm/);
    expect(() => presetToRule(p({ kind: 'weekly', days: [] }))).toThrow(/at least one day/);
    expect(() => presetToRule(p({ kind: 'monthly-day', monthDay: 32 }))).toThrow(/1\.\.31/);
    expect(() => presetToRule(p({ kind: 'every-n-days', interval: 1 }))).toThrow(/2 to 366/);
  });
});

describe('ruleToPreset', () => {
  it.each<[string, Partial<Preset>]>([
    ['FREQ=DAILY;BYHOUR=8;BYMINUTE=0', { kind: 'daily', time: '08:00' }],
    ['RRULE:FREQ=WEEKLY;BYDAY=FR,MO,TU,WE,TH;BYHOUR=7;BYMINUTE=45', { kind: 'weekdays', time: '07:45' }],
    ['freq=weekly;byday=mo,th;byhour=19;byminute=30', { kind: 'weekly', time: '19:30', days: ['MO', 'TH'] }],
    ['FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0', { kind: 'monthly-day', monthDay: -1 }],
    ['FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=20;BYMINUTE=0', { kind: 'monthly-last', days: ['FR'] }],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=17;BYMINUTE=5', { kind: 'monthly-last-workday', time: '17:05' }],
    ['FREQ=DAILY;INTERVAL=3;BYHOUR=6;BYMINUTE=0', { kind: 'every-n-days', interval: 3 }],
  ])('%s', (rule, expected) => {
    expect(ruleToPreset(rule)).toMatchObject(expected);
  });

  it.each([
    '',
    'FREQ=DAILY',
    'FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0',
    'FREQ=YEARLY;BYHOUR=8;BYMINUTE=0',
    'FREQ=DAILY;BYHOUR=8;BYMINUTE=0;COUNT=5',
    'DTSTART:20260101T080000Z\nRRULE:FREQ=DAILY',
  ])('anything else is custom: %j', (rule) => {
    expect(ruleToPreset(rule).kind).toBe('custom');
  });

  it('round-trips every preset', () => {
    const presets: Partial<Preset>[] = [
      { kind: 'daily', time: '23:59' },
      { kind: 'weekly', time: '00:00', days: ['SA', 'SU'] },
      { kind: 'monthly-day', time: '12:30', monthDay: 31 },
      { kind: 'every-n-days', time: '10:10', interval: 366 },
    ];
    for (const over of presets) {
      const rule = presetToRule(p(over)) as string;
      expect(presetToRule(ruleToPreset(rule))).toBe(rule);
    }
  });
});

describe('presetToSchedule: the rule and the calendar', () => {
  it.each<[Partial<Preset>, Calendar, string, Calendar]>([
    [{ kind: 'cn-workdays', time: '08:00' }, 'none', 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-workdays'],
    [{ kind: 'cn-workdays', time: '08:00' }, 'cn-no-holidays', 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-workdays'],
    [{ kind: 'cn-no-holidays', time: '21:05' }, 'none', 'FREQ=DAILY;BYHOUR=21;BYMINUTE=5', 'cn-no-holidays'],
    [{ kind: 'cn-no-holidays', time: '21:05' }, 'cn-workdays', 'FREQ=DAILY;BYHOUR=21;BYMINUTE=5', 'cn-no-holidays'],
    [
      { kind: 'lunar', time: '09:00', festival: 'mid-autumn' },
      'cn-workdays',
      'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0',
      'none',
    ],
    [
      { kind: 'lunar', time: '20:00', festival: 'new-years-eve' },
      'none',
      'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1;BYHOUR=20;BYMINUTE=0',
      'none',
    ],
    // Plain presets keep the calendar…
    [{ kind: 'daily', time: '08:00' }, 'cn-workdays', 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-workdays'],
    [{ kind: 'weekdays', time: '08:00' }, 'cn-workdays', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0', 'cn-workdays'],
    [
      { kind: 'monthly-day', time: '09:00', monthDay: 15 },
      'cn-no-holidays',
      'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0',
      'cn-no-holidays',
    ],
    [{ kind: 'weekly', time: '19:30', days: ['MO', 'TH'] }, 'none', 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=30', 'none'],
    // … except cn-workdays with a rule that picks days.
    [{ kind: 'weekly', time: '19:30', days: ['MO', 'TH'] }, 'cn-workdays', 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=30', 'none'],
    [{ kind: 'monthly-day', time: '09:00', monthDay: 15 }, 'cn-workdays', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0', 'none'],
    [{ kind: 'every-n-days', time: '06:00', interval: 3 }, 'cn-workdays', 'FREQ=DAILY;INTERVAL=3;BYHOUR=6;BYMINUTE=0', 'none'],
  ])('%j with calendar %s → %s, %s', (preset, current, rule, calendar) => {
    expect(presetToSchedule(p(preset), current)).toEqual({ rule, calendar });
  });

  it('custom writes nothing', () => {
    expect(presetToSchedule(p({ kind: 'custom' }), 'cn-workdays')).toBeNull();
  });

  it('every festival is a lunar month and day', () => {
    const rules = Object.fromEntries(FESTIVAL_IDS.map((f) => [f, presetToRule(p({ kind: 'lunar', time: '09:00', festival: f }))]));
    expect(rules).toEqual({
      'spring-festival': 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0',
      'lantern-festival': 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0',
      'dragon-boat': 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=5;BYHOUR=9;BYMINUTE=0',
      qixi: 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=7;BYHOUR=9;BYMINUTE=0',
      'mid-autumn': 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0',
      'double-ninth': 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=9;BYHOUR=9;BYMINUTE=0',
      laba: 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=8;BYHOUR=9;BYMINUTE=0',
      'new-years-eve': 'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0',
    });
  });

  it('refuses an unknown festival and a bad time', () => {
    expect(() => presetToSchedule(p({ kind: 'lunar', festival: 'easter' as Festival }))).toThrow(/festival/);
    expect(() => presetToSchedule(p({ kind: 'cn-workdays', time: '' }))).toThrow(/HH:mm/);
  });
});

describe('workdaysAccepts / calendarForRule: rules the cn-workdays calendar takes', () => {
  it.each([
    'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
    'FREQ=DAILY;INTERVAL=1;BYHOUR=8;BYMINUTE=0',
    'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0',
    'RRULE:FREQ=WEEKLY;BYDAY=SU,MO,TU,WE,TH,FR,SA;BYHOUR=8;BYMINUTE=0',
    'FREQ=HOURLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR;BYMINUTE=0',
    'FREQ=MINUTELY;INTERVAL=30',
    'freq=daily;byhour=8;byminute=0;count=10',
  ])('takes %s', (rule) => {
    expect(workdaysAccepts(rule)).toBe(true);
    expect(calendarForRule(rule, 'cn-workdays')).toBe('cn-workdays');
  });

  it.each([
    '',
    'FREQ=DAILY;INTERVAL=2;BYHOUR=8;BYMINUTE=0',
    'FREQ=WEEKLY;INTERVAL=2;BYHOUR=8;BYMINUTE=0',
    'FREQ=WEEKLY;BYHOUR=8;BYMINUTE=0',
    'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=8;BYMINUTE=0',
    'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=8;BYMINUTE=0',
    'FREQ=HOURLY;BYDAY=MO;BYMINUTE=0',
    'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=8;BYMINUTE=0',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=17;BYMINUTE=5',
    'FREQ=DAILY;BYMONTH=1;BYHOUR=8;BYMINUTE=0',
    'FREQ=YEARLY;BYYEARDAY=100',
    'FREQ=YEARLY;BYWEEKNO=10;BYDAY=MO',
    'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0',
  ])('refuses %j (cn-workdays falls back to none)', (rule) => {
    expect(workdaysAccepts(rule)).toBe(false);
    expect(calendarForRule(rule, 'cn-workdays')).toBe('none');
  });

  // The admin cannot import the server's engine, so it has its own copy of the rule; this
  // test holds the two to the same answers (the engine is what saving checks).
  it.each([
    'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
    'FREQ=WEEKLY;BYHOUR=8;BYMINUTE=0',
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8',
    'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=8',
    'FREQ=HOURLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR;BYMINUTE=0',
    'FREQ=HOURLY;BYDAY=MO;BYMINUTE=0',
    'FREQ=DAILY;INTERVAL=2;BYHOUR=8',
    'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=8',
    'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15',
  ])('agrees with the engine on %s', (rule) => {
    let engine = true;
    try {
      checkRuleCalendar(rule, 'cn-workdays');
    } catch {
      engine = false;
    }
    expect(workdaysAccepts(rule)).toBe(engine);
  });

  it('leaves the other calendars alone whatever the rule', () => {
    expect(calendarForRule('FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=8;BYMINUTE=0', 'cn-no-holidays')).toBe('cn-no-holidays');
    expect(calendarForRule('FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=8;BYMINUTE=0', 'none')).toBe('none');
  });
});

describe('ruleToPreset with a calendar', () => {
  it.each<[string, Calendar, Partial<Preset>]>([
    ['FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-workdays', { kind: 'cn-workdays', time: '08:00' }],
    ['FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'cn-no-holidays', { kind: 'cn-no-holidays', time: '08:00' }],
    ['FREQ=DAILY;BYHOUR=8;BYMINUTE=0', 'none', { kind: 'daily', time: '08:00' }],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0', 'cn-workdays', { kind: 'weekdays' }],
    ['FREQ=DAILY;INTERVAL=3;BYHOUR=6;BYMINUTE=0', 'cn-no-holidays', { kind: 'every-n-days', interval: 3 }],
    [
      'RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0',
      'none',
      { kind: 'lunar', festival: 'mid-autumn', time: '09:00' },
    ],
    [
      'rscale=chinese;freq=yearly;bymonth=12;bymonthday=-1;byhour=20;byminute=30',
      'none',
      { kind: 'lunar', festival: 'new-years-eve', time: '20:30' },
    ],
  ])('%s with %s', (rule, calendar, expected) => {
    expect(ruleToPreset(rule, calendar)).toMatchObject(expected);
  });

  it.each<[string, Calendar]>([
    ['RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=16;BYHOUR=9;BYMINUTE=0', 'none'],
    ['RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0', 'cn-no-holidays'],
    ['RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0;INTERVAL=2', 'none'],
    ['RSCALE=CHINESE;FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0', 'none'],
    ['RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0', 'none'],
    ['RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15', 'none'],
  ])('other lunar rules are custom: %s with %s', (rule, calendar) => {
    expect(ruleToPreset(rule, calendar).kind).toBe('custom');
  });

  it('round-trips rule and calendar through every new preset', () => {
    const cases: [Partial<Preset>, Calendar][] = [
      [{ kind: 'cn-workdays', time: '08:00' }, 'none'],
      [{ kind: 'cn-no-holidays', time: '23:59' }, 'none'],
      [{ kind: 'weekdays', time: '07:45' }, 'cn-workdays'],
      [{ kind: 'weekly', time: '10:00', days: ['SA'] }, 'cn-no-holidays'],
      ...FESTIVAL_IDS.map((festival): [Partial<Preset>, Calendar] => [{ kind: 'lunar', time: '09:00', festival }, 'none']),
    ];
    for (const [over, current] of cases) {
      const written = presetToSchedule(p(over), current) as { rule: string; calendar: Calendar };
      expect(presetToSchedule(ruleToPreset(written.rule, written.calendar), written.calendar)).toEqual(written);
    }
  });
});
