/**
 * Presets write the RRULEs an operator would write by hand (the expected strings are
 * typed out, not produced by the code), and are recognised back from those rules.
 */
import { presetToRule, ruleToPreset, DEFAULT_PRESET, type Preset } from '../presets';

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
