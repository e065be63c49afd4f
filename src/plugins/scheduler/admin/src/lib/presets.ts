/**
 * Schedule presets: the common cases a scheduler picks from, written as the RRULE the
 * engine reads, and recognised back from a rule so the editor shows what is set.
 * Pure: no React, no Strapi.
 */
export type PresetKind =
  'daily' | 'weekdays' | 'weekly' | 'monthly-day' | 'monthly-last' | 'monthly-last-workday' | 'every-n-days' | 'custom';

export const PRESET_KINDS: PresetKind[] = [
  'daily',
  'weekdays',
  'weekly',
  'monthly-day',
  'monthly-last',
  'monthly-last-workday',
  'every-n-days',
  'custom',
];

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
}

export const DEFAULT_PRESET: Preset = { kind: 'daily', time: '08:00', days: ['MO'], monthDay: 1, interval: 2 };

const WEEKDAYS: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

function hm(time: string): { h: number; m: number } {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!match) throw new Error(`time must be HH:mm, got "${time}"`);
  return { h: Number(match[1]), m: Number(match[2]) };
}

const sortDays = (days: Day[]) => DAYS.filter((d) => days.includes(d));

/** The RRULE for a preset (null for custom: the raw rule stays as typed). */
export function presetToRule(p: Preset): string | null {
  if (p.kind === 'custom') return null;
  const { h, m } = hm(p.time);
  const at = `BYHOUR=${h};BYMINUTE=${m}`;
  switch (p.kind) {
    case 'daily':
      return `FREQ=DAILY;${at}`;
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

const pad = (n: number) => String(n).padStart(2, '0');

/** The preset a rule was written by (so the editor can show it), or custom. */
export function ruleToPreset(rule: string | null | undefined): Preset {
  const custom: Preset = { ...DEFAULT_PRESET, kind: 'custom' };
  const p = rule ? parts(rule) : null;
  if (!p) return custom;
  const h = p.get('BYHOUR');
  const m = p.get('BYMINUTE');
  if (!h || !m || !/^\d{1,2}$/.test(h) || !/^\d{1,2}$/.test(m)) return custom;
  const time = `${pad(Number(h))}:${pad(Number(m))}`;
  const rest = [...p.keys()].filter((k) => !['FREQ', 'BYHOUR', 'BYMINUTE', 'BYDAY', 'BYMONTHDAY', 'INTERVAL', 'BYSETPOS'].includes(k));
  if (rest.length) return custom;
  const freq = p.get('FREQ');
  const byday = p.get('BYDAY')?.split(',') ?? [];
  const interval = p.get('INTERVAL') ? Number(p.get('INTERVAL')) : 1;
  const has = (k: string) => p.has(k);
  const base = { ...DEFAULT_PRESET, time };

  if (freq === 'DAILY' && !has('BYDAY') && !has('BYMONTHDAY') && !has('BYSETPOS')) {
    return interval === 1 ? { ...base, kind: 'daily' } : { ...base, kind: 'every-n-days', interval };
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
