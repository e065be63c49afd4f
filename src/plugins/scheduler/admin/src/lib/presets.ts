/**
 * Schedule presets: the common cases a scheduler picks from, written as the RRULE the
 * engine reads plus the schedule's calendar (China's working days, public holidays), and
 * recognised back from a rule and calendar so the editor shows what is set.
 * Pure: no React, no Strapi.
 */
export type PresetKind =
  | 'daily'
  | 'weekdays'
  | 'cn-workdays'
  | 'cn-no-holidays'
  | 'weekly'
  | 'monthly-day'
  | 'monthly-last'
  | 'monthly-last-workday'
  | 'every-n-days'
  | 'lunar'
  | 'custom';

export const PRESET_KINDS: PresetKind[] = [
  'daily',
  'weekdays',
  'cn-workdays',
  'cn-no-holidays',
  'weekly',
  'monthly-day',
  'monthly-last',
  'monthly-last-workday',
  'every-n-days',
  'lunar',
  'custom',
];

/** The schedule's `calendar` field: which days of the rule are kept (see the engine). */
export type Calendar = 'none' | 'cn-workdays' | 'cn-no-holidays';
export const CALENDARS: Calendar[] = ['none', 'cn-workdays', 'cn-no-holidays'];

/** Chinese festivals on the lunar calendar: month and day (-1: the month's last day). */
export const FESTIVALS = {
  'spring-festival': { month: 1, day: 1 },
  'lantern-festival': { month: 1, day: 15 },
  'dragon-boat': { month: 5, day: 5 },
  qixi: { month: 7, day: 7 },
  'mid-autumn': { month: 8, day: 15 },
  'double-ninth': { month: 9, day: 9 },
  laba: { month: 12, day: 8 },
  'new-years-eve': { month: 12, day: -1 },
} as const satisfies Record<string, { month: number; day: number }>;
export type Festival = keyof typeof FESTIVALS;
export const FESTIVAL_IDS = Object.keys(FESTIVALS) as Festival[];

export const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Day = (typeof DAYS)[number];

export interface Preset {
  kind: PresetKind;
  /** Local wall-clock time of the post, HH:mm. */
  time: string;
  /** weekly: the days; monthly-last: the one day of the week. */
  days: Day[];
  /** monthly-day: 1..31, or -1 for the last day of the month. */
  monthDay: number;
  /** every-n-days: 2..366. */
  interval: number;
  /** lunar: the festival. */
  festival: Festival;
}

export const DEFAULT_PRESET: Preset = {
  kind: 'daily',
  time: '08:00',
  days: ['MO'],
  monthDay: 1,
  interval: 2,
  festival: 'spring-festival',
};

const WEEKDAYS: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

function hm(time: string): { h: number; m: number } {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!match) throw new Error(`time must be HH:mm, got "${time}"`);
  return { h: Number(match[1]), m: Number(match[2]) };
}

const sortDays = (days: Day[]) => DAYS.filter((d) => days.includes(d));

/**
 * The RRULE for a preset (null for custom: the raw rule stays as typed). Only the rule:
 * `presetToSchedule` gives the calendar that goes with it.
 */
export function presetToRule(p: Preset): string | null {
  if (p.kind === 'custom') return null;
  const { h, m } = hm(p.time);
  const at = `BYHOUR=${h};BYMINUTE=${m}`;
  switch (p.kind) {
    case 'daily':
    case 'cn-workdays':
    case 'cn-no-holidays':
      return `FREQ=DAILY;${at}`;
    case 'lunar': {
      const festival = FESTIVALS[p.festival];
      if (!festival) throw new Error('choose a festival');
      return `RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=${festival.month};BYMONTHDAY=${festival.day};${at}`;
    }
    case 'weekdays':
      return `FREQ=WEEKLY;BYDAY=${WEEKDAYS.join(',')};${at}`;
    case 'weekly': {
      const days = sortDays(p.days);
      if (days.length === 0) throw new Error('choose at least one day of the week');
      return `FREQ=WEEKLY;BYDAY=${days.join(',')};${at}`;
    }
    case 'monthly-day': {
      if (!Number.isInteger(p.monthDay) || p.monthDay === 0 || p.monthDay < -1 || p.monthDay > 31)
        throw new Error('day of the month must be 1..31, or -1 for the last day');
      return `FREQ=MONTHLY;BYMONTHDAY=${p.monthDay};${at}`;
    }
    case 'monthly-last': {
      const day = p.days[0];
      if (!day) throw new Error('choose the day of the week');
      return `FREQ=MONTHLY;BYDAY=-1${day};${at}`;
    }
    case 'monthly-last-workday':
      return `FREQ=MONTHLY;BYDAY=${WEEKDAYS.join(',')};BYSETPOS=-1;${at}`;
    case 'every-n-days': {
      if (!Number.isInteger(p.interval) || p.interval < 2 || p.interval > 366) throw new Error('every N days needs N from 2 to 366');
      return `FREQ=DAILY;INTERVAL=${p.interval};${at}`;
    }
  }
}

/** Parses `KEY=VALUE;...` (with or without the RRULE: prefix) into upper-case parts. */
function parts(rule: string): Map<string, string> | null {
  const line = rule.trim().replace(/^RRULE:/i, '');
  if (!line || line.includes('\n')) return null;
  const out = new Map<string, string>();
  for (const pair of line.split(';')) {
    const [k, v] = pair.split('=');
    if (!k || v === undefined) return null;
    out.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  return out;
}

/**
 * Whether the engine takes the cn-workdays calendar with this rule: day-picking-free
 * rules only. FREQ=DAILY (INTERVAL=1), FREQ=WEEKLY;INTERVAL=1, or HOURLY / MINUTELY; with
 * no BYDAY (not for WEEKLY), BYDAY=MO,TU,WE,TH,FR or all seven days; no BYMONTH, BYMONTHDAY, BYYEARDAY,
 * BYWEEKNO, BYSETPOS; not a lunar (RSCALE) rule.
 */
export function workdaysAccepts(rule: string | null | undefined): boolean {
  const p = rule ? parts(rule) : null;
  if (!p) return false;
  if (['RSCALE', 'BYMONTH', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYSETPOS'].some((k) => p.has(k))) return false;
  const freq = p.get('FREQ');
  const interval = p.has('INTERVAL') ? p.get('INTERVAL') : '1';
  if (freq === 'DAILY' || freq === 'WEEKLY') {
    if (interval !== '1') return false;
  } else if (freq !== 'HOURLY' && freq !== 'MINUTELY') return false;
  // A weekly rule without BYDAY is "on DTSTART's weekday": it picks a day.
  if (!p.has('BYDAY')) return freq !== 'WEEKLY';
  const days = (p.get('BYDAY') as string).split(',');
  if (!days.every((d) => (DAYS as readonly string[]).includes(d)) || new Set(days).size !== days.length) return false;
  const sorted = sortDays(days as Day[]).join(',');
  return sorted === WEEKDAYS.join(',') || sorted === DAYS.join(',');
}

/**
 * The calendar a rule written by a plain preset keeps: the current one, except that
 * cn-workdays falls back to none when the engine would not take it with the new rule.
 */
export function calendarForRule(rule: string, current: Calendar): Calendar {
  return current === 'cn-workdays' && !workdaysAccepts(rule) ? 'none' : current;
}

/**
 * What applying a preset writes: the rule and the calendar (null for custom). The China
 * presets set their calendar, the lunar one sets none; the others keep `current`
 * (see calendarForRule).
 */
export function presetToSchedule(p: Preset, current: Calendar = 'none'): { rule: string; calendar: Calendar } | null {
  const rule = presetToRule(p);
  if (rule === null) return null;
  switch (p.kind) {
    case 'cn-workdays':
    case 'cn-no-holidays':
      return { rule, calendar: p.kind };
    case 'lunar':
      return { rule, calendar: 'none' };
    default:
      return { rule, calendar: calendarForRule(rule, current) };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=m;BYMONTHDAY=d` on a festival's day, or null. */
function festivalOf(p: Map<string, string>): Festival | null {
  const keys = [...p.keys()].filter((k) => !['RSCALE', 'FREQ', 'BYMONTH', 'BYMONTHDAY', 'BYHOUR', 'BYMINUTE'].includes(k));
  if (keys.length || p.get('RSCALE') !== 'CHINESE' || p.get('FREQ') !== 'YEARLY') return null;
  const month = p.get('BYMONTH');
  const day = p.get('BYMONTHDAY');
  if (!month || !day || !/^\d{1,2}$/.test(month) || !/^-?\d{1,2}$/.test(day)) return null;
  return FESTIVAL_IDS.find((f) => FESTIVALS[f].month === Number(month) && FESTIVALS[f].day === Number(day)) ?? null;
}

/**
 * The preset a rule and calendar were written by (so the editor can show it), or custom:
 * a daily rule with a China calendar is that calendar's preset, a festival rule (calendar
 * none) the lunar preset; other rules are their plain preset whatever the calendar.
 */
export function ruleToPreset(rule: string | null | undefined, calendar: Calendar = 'none'): Preset {
  const custom: Preset = { ...DEFAULT_PRESET, kind: 'custom' };
  const p = rule ? parts(rule) : null;
  if (!p) return custom;
  const h = p.get('BYHOUR');
  const m = p.get('BYMINUTE');
  if (!h || !m || !/^\d{1,2}$/.test(h) || !/^\d{1,2}$/.test(m)) return custom;
  const time = `${pad(Number(h))}:${pad(Number(m))}`;
  if (p.has('RSCALE')) {
    const festival = calendar === 'none' ? festivalOf(p) : null;
    return festival ? { ...DEFAULT_PRESET, kind: 'lunar', time, festival } : custom;
  }
  const rest = [...p.keys()].filter((k) => !['FREQ', 'BYHOUR', 'BYMINUTE', 'BYDAY', 'BYMONTHDAY', 'INTERVAL', 'BYSETPOS'].includes(k));
  if (rest.length) return custom;
  const freq = p.get('FREQ');
  const byday = p.get('BYDAY')?.split(',') ?? [];
  const interval = p.get('INTERVAL') ? Number(p.get('INTERVAL')) : 1;
  const has = (k: string) => p.has(k);
  const base = { ...DEFAULT_PRESET, time };

  if (freq === 'DAILY' && !has('BYDAY') && !has('BYMONTHDAY') && !has('BYSETPOS')) {
    if (interval !== 1) return { ...base, kind: 'every-n-days', interval };
    return { ...base, kind: calendar === 'none' ? 'daily' : calendar };
  }
  if (
    freq === 'WEEKLY' &&
    interval === 1 &&
    byday.length &&
    byday.every((d) => (DAYS as readonly string[]).includes(d)) &&
    !has('BYMONTHDAY') &&
    !has('BYSETPOS')
  ) {
    const days = sortDays(byday as Day[]);
    if (days.join(',') === WEEKDAYS.join(',')) return { ...base, kind: 'weekdays', days };
    return { ...base, kind: 'weekly', days };
  }
  if (freq === 'MONTHLY' && interval === 1) {
    if (has('BYMONTHDAY') && !has('BYDAY') && !has('BYSETPOS')) {
      const day = Number(p.get('BYMONTHDAY'));
      if (Number.isInteger(day) && (day === -1 || (day >= 1 && day <= 31))) return { ...base, kind: 'monthly-day', monthDay: day };
    }
    if (!has('BYMONTHDAY') && !has('BYSETPOS') && byday.length === 1 && /^-1(MO|TU|WE|TH|FR|SA|SU)$/.test(byday[0])) {
      return { ...base, kind: 'monthly-last', days: [byday[0].slice(2) as Day] };
    }
    if (
      !has('BYMONTHDAY') &&
      p.get('BYSETPOS') === '-1' &&
      sortDays(byday as Day[]).join(',') === WEEKDAYS.join(',') &&
      byday.length === 5
    ) {
      return { ...base, kind: 'monthly-last-workday' };
    }
  }
  return custom;
}
