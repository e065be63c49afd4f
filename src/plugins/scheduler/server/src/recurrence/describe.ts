/**
 * Human descriptions of a rule in English and Chinese ("every day at 08:00" / "每天 08:00").
 * Common shapes get natural phrases; anything else a generic description that spells out
 * every part, so it is never wrong, only plainer. The zone is left out: callers show it.
 */
import type { ByDay, RuleParts } from './parse';
import type { CalendarName } from './cn-calendar';
import { EN_MONTHS, enList, ordinal } from './words';

const EN_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZH_DAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN_UNITS: Record<string, [string, string]> = {
  YEARLY: ['year', 'years'],
  MONTHLY: ['month', 'months'],
  WEEKLY: ['week', 'weeks'],
  DAILY: ['day', 'days'],
  HOURLY: ['hour', 'hours'],
  MINUTELY: ['minute', 'minutes'],
};
const ZH_UNITS: Record<string, string> = { YEARLY: '年', MONTHLY: '个月', WEEKLY: '周', DAILY: '天', HOURLY: '小时', MINUTELY: '分钟' };

const pad = (n: number) => String(n).padStart(2, '0');
const zhOrdinal = (n: number) => (n === -1 ? '最后一个' : n < 0 ? `倒数第${-n}个` : `第${n}个`);
const enMonthDay = (d: number) => (d === -1 ? 'the last day' : d < 0 ? `the ${ordinal(-d)}-to-last day` : `day ${d}`);
const zhMonthDay = (d: number) => (d === -1 ? '最后一天' : d < 0 ? `倒数第${-d}天` : `${d}日`);
const enDay = (b: ByDay) => (b.n === null ? EN_DAYS[b.weekday] : `the ${ordinal(b.n)} ${EN_DAYS[b.weekday]}`);
const zhDay = (b: ByDay) => (b.n === null ? ZH_DAYS[b.weekday] : `${zhOrdinal(b.n)}${ZH_DAYS[b.weekday]}`);

export interface DescribeContext {
  /** Local time of DTSTART, used when BYHOUR / BYMINUTE are absent. */
  hour: number;
  minute: number;
  allDay: boolean;
  untilLabel: string | null;
  /** Set for a single post: its local date. */
  once: string | null;
  calendar?: CalendarName;
  /** The rule repeats in another zone than it is shown in (a …Z or TZID DTSTART): its times name it. */
  ruleZone?: string | null;
  /** For a rule in another calendar scale (RFC 7529): the phrase for its days, without the time. */
  scale?: { en: string; zh: string; after: { en: string; zh: string } } | null;
}

/** Times of day ('08:00'), or null when the rule repeats within the day or is all-day. */
function times(parts: RuleParts, ctx: DescribeContext): string[] | null {
  if (ctx.allDay || parts.freq === 'HOURLY' || parts.freq === 'MINUTELY') return null;
  const hours = parts.byhour.length ? parts.byhour : [ctx.hour];
  const minutes = parts.byminute.length ? parts.byminute : [ctx.minute];
  const out: string[] = [];
  for (const h of [...hours].sort((a, b) => a - b)) for (const m of [...minutes].sort((a, b) => a - b)) out.push(`${pad(h)}:${pad(m)}`);
  return out;
}

const isWeekdays = (byday: ByDay[]) =>
  byday.length === 5 && byday.every((b) => b.n === null) && [...byday.map((b) => b.weekday)].sort().join() === '0,1,2,3,4';

export function describe(parts: RuleParts, ctx: DescribeContext): { en: string; zh: string } {
  const t = times(parts, ctx);
  const atEn = t ? ` at ${enList(t)}${ctx.ruleZone ? ` ${ctx.ruleZone}` : ''}` : '';
  const atZh = t ? ` ${t.join('、')}${ctx.ruleZone ? `（${ctx.ruleZone}）` : ''}` : '';
  if (ctx.once) return { en: `once, on ${ctx.once}${atEn}`, zh: `仅一次：${ctx.once}${atZh}` };
  const base = ctx.scale
    ? { en: `${ctx.scale.en}${atEn}${ctx.scale.after.en}`, zh: `${ctx.scale.zh}${atZh}${ctx.scale.after.zh}` }
    : gregorianDays(parts, ctx, t, atEn, atZh);
  let { en, zh } = onCalendar(base, parts, ctx.calendar ?? 'none', atEn, atZh);

  if (parts.count !== null) {
    en += `, ${parts.count} ${parts.count === 1 ? 'time' : 'times'}`;
    zh += `，共${parts.count}次`;
  }
  if (ctx.untilLabel) {
    en += `, until ${ctx.untilLabel}`;
    zh += `，直到 ${ctx.untilLabel}`;
  }
  return { en, zh };
}

/**
 * The calendar's words. cn-workdays rules are day-picking-free (checked when parsed), so
 * "every working day in China" replaces the days; cn-no-holidays keeps them and says what
 * it leaves out.
 */
function onCalendar(base: { en: string; zh: string }, parts: RuleParts, calendar: CalendarName, atEn: string, atZh: string) {
  if (calendar === 'cn-no-holidays') return { en: `${base.en}, except China's public holidays`, zh: `${base.zh}（法定节假日除外）` };
  if (calendar !== 'cn-workdays') return base;
  if (parts.freq === 'HOURLY' || parts.freq === 'MINUTELY')
    return {
      en: `${base.en.replace(/ on weekdays/, '')} on working days in China`,
      zh: `中国工作日（含调休）${base.zh.replace(/^工作日/, '')}`,
    };
  return { en: `every working day in China${atEn}`, zh: `中国工作日（含调休）每天${atZh}` };
}

/** The days (and times) of a Gregorian rule. */
function gregorianDays(parts: RuleParts, ctx: DescribeContext, t: string[] | null, atEn: string, atZh: string): { en: string; zh: string } {
  const n = parts.interval;
  const everyEn = `every ${n === 1 ? '' : `${n} `}${EN_UNITS[parts.freq][n === 1 ? 0 : 1]}`;
  const everyZh = `每${n === 1 ? '' : n}${n === 1 && parts.freq === 'MONTHLY' ? '月' : ZH_UNITS[parts.freq]}`;
  const plain = parts.byday.length > 0 && parts.byday.every((b) => b.n === null);
  const days = [...parts.byday].sort((a, b) => a.weekday - b.weekday);
  const others = parts.bymonthday.length + parts.byyearday.length + parts.byweekno.length + parts.bysetpos.length;
  const simple = others === 0 && parts.bymonth.length === 0;
  let en: string;
  let zh: string;

  if (parts.freq === 'DAILY' && simple && !parts.byday.length) {
    en = `${everyEn}${atEn}`;
    zh = `${everyZh}${atZh}`;
  } else if ((parts.freq === 'DAILY' || parts.freq === 'WEEKLY') && n === 1 && simple && isWeekdays(parts.byday)) {
    en = `every weekday${atEn}`;
    zh = `每个工作日${atZh}`;
  } else if ((parts.freq === 'WEEKLY' || (parts.freq === 'DAILY' && n === 1)) && simple && plain) {
    const weekEn = parts.freq === 'WEEKLY' ? everyEn : 'every week';
    en = `${weekEn} on ${enList(days.map((d) => EN_DAYS[d.weekday]))}${atEn}`;
    zh = `${parts.freq === 'WEEKLY' && n > 1 ? `每${n}周的` : '每'}${days.map((d) => ZH_DAYS[d.weekday]).join('、')}${atZh}`;
  } else if (parts.freq === 'WEEKLY' && simple && !parts.byday.length) {
    en = `${everyEn}${atEn}`;
    zh = `${everyZh}${atZh}`;
  } else if (
    parts.freq === 'MONTHLY' &&
    parts.bymonthday.length &&
    !parts.byday.length &&
    others === parts.bymonthday.length &&
    !parts.bymonth.length
  ) {
    en = `${everyEn} on ${enList(parts.bymonthday.map(enMonthDay))}${atEn}`;
    zh = `${everyZh}${parts.bymonthday.map(zhMonthDay).join('、')}${atZh}`;
  } else if (parts.freq === 'MONTHLY' && isWeekdays(parts.byday) && parts.bysetpos.length === 1 && others === 1 && !parts.bymonth.length) {
    const pos = parts.bysetpos[0];
    en = `${everyEn} on the ${ordinal(pos)} weekday${atEn}`;
    zh = `${everyZh}${zhOrdinal(pos)}工作日${atZh}`;
  } else if (
    parts.freq === 'MONTHLY' &&
    parts.byday.length === 1 &&
    !parts.bymonth.length &&
    ((parts.byday[0].n !== null && others === 0) || (parts.byday[0].n === null && parts.bysetpos.length === 1 && others === 1))
  ) {
    const b = parts.byday[0];
    const pos = b.n ?? parts.bysetpos[0];
    en = `${everyEn} on the ${ordinal(pos)} ${EN_DAYS[b.weekday]}${atEn}`;
    zh = `${everyZh}${zhOrdinal(pos)}${ZH_DAYS[b.weekday]}${atZh}`;
  } else if (
    parts.freq === 'YEARLY' &&
    parts.bymonth.length === 1 &&
    parts.bymonthday.length === 1 &&
    parts.bymonthday[0] > 0 &&
    !parts.byday.length &&
    others === 1
  ) {
    en = `${everyEn} on ${EN_MONTHS[parts.bymonth[0] - 1]} ${parts.bymonthday[0]}${atEn}`;
    zh = `${everyZh}${parts.bymonth[0]}月${parts.bymonthday[0]}日${atZh}`;
  } else if ((parts.freq === 'HOURLY' || parts.freq === 'MINUTELY') && simple) {
    ({ en, zh } = subDaily(parts, ctx, everyEn, everyZh));
  } else {
    ({ en, zh } = generic(parts, everyEn, everyZh, atEn, atZh, t));
  }
  return { en, zh };
}

/** "every 2 hours at :15 on weekdays during hours 09:00, 10:00". */
function subDaily(parts: RuleParts, ctx: DescribeContext, everyEn: string, everyZh: string) {
  let en = everyEn;
  let zh = everyZh;
  if (parts.freq === 'HOURLY') {
    const minutes = parts.byminute.length ? parts.byminute : [ctx.minute];
    en += ` at ${minutes.map((m) => `:${pad(m)}`).join(', ')}`;
    zh += `的第${minutes.join('、')}分钟`;
  } else if (parts.byminute.length) {
    en += ` at minutes ${parts.byminute.join(', ')} of the hour`;
    zh += `（每小时的第${parts.byminute.join('、')}分钟）`;
  }
  if (parts.byday.length) {
    const days = [...parts.byday].sort((a, b) => a.weekday - b.weekday);
    en += isWeekdays(days) ? ' on weekdays' : ` on ${enList(days.map((d) => EN_DAYS[d.weekday]))}`;
    zh = `${isWeekdays(days) ? '工作日' : days.map((d) => ZH_DAYS[d.weekday]).join('、')}${zh}`;
  }
  if (parts.byhour.length) {
    const hours = [...parts.byhour].sort((a, b) => a - b);
    en += ` during hour${hours.length > 1 ? 's' : ''} ${hours.map((h) => `${pad(h)}:00`).join(', ')}`;
    zh += `（仅 ${hours.map((h) => `${h}点`).join('、')}）`;
  }
  return { en, zh };
}

/** Frequency plus each BY part spelled out; correct for any rule. */
function generic(parts: RuleParts, everyEn: string, everyZh: string, atEn: string, atZh: string, t: string[] | null) {
  const en: string[] = [everyEn];
  const zh: string[] = [];
  if (parts.bymonth.length) {
    en.push(`in ${enList(parts.bymonth.map((m) => EN_MONTHS[m - 1]))}`);
    zh.push(parts.bymonth.map((m) => `${m}月`).join('、'));
  }
  if (parts.byweekno.length) {
    en.push(`in week${parts.byweekno.length > 1 ? 's' : ''} ${enList(parts.byweekno.map(String))} of the year`);
    zh.push(`一年中的第${parts.byweekno.join('、')}周`);
  }
  if (parts.byyearday.length) {
    en.push(`on day${parts.byyearday.length > 1 ? 's' : ''} ${enList(parts.byyearday.map(String))} of the year`);
    zh.push(`一年中的第${parts.byyearday.join('、')}天`);
  }
  if (parts.bymonthday.length) {
    en.push(`on ${enList(parts.bymonthday.map(enMonthDay))} of the month`);
    zh.push(parts.bymonthday.map(zhMonthDay).join('、'));
  }
  if (parts.byday.length) {
    en.push(`on ${parts.bymonthday.length ? 'a ' : ''}${enList(parts.byday.map(enDay))}`);
    zh.push(parts.byday.map(zhDay).join('、'));
  }
  if (parts.bysetpos.length) {
    en.push(`(only the ${enList(parts.bysetpos.map(ordinal))} match of each ${EN_UNITS[parts.freq][0]})`);
    const picks = parts.bysetpos.map((p) => (p < 0 ? `倒数第${-p}个` : `第${p}个`)).join('、');
    if (zh.length) zh[zh.length - 1] += `中的${picks}`;
    else zh.push(picks);
  }
  if (!t && parts.byhour.length) {
    en.push(`during hours ${parts.byhour.join(', ')}`);
    zh.push(`${parts.byhour.join('、')}点`);
  }
  if (!t && parts.freq === 'MINUTELY' && parts.byminute.length) {
    en.push(`at minutes ${parts.byminute.join(', ')}`);
    zh.push(`第${parts.byminute.join('、')}分钟`);
  }
  return { en: en.join(' ') + atEn, zh: `${everyZh}${zh.length ? `的${zh.join('，')}` : ''}${atZh}` };
}
