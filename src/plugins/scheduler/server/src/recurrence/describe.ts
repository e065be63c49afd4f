/**
 * Human descriptions of a rule in English and Chinese ("every day at 08:00" / "每天 08:00").
 * Common shapes get exact phrases; anything else a generic but faithful description.
 */
import type { RuleParts } from './parse';

const EN_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZH_DAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_UNITS: Record<string, [string, string]> = {
  YEARLY: ['year', 'years'],
  MONTHLY: ['month', 'months'],
  WEEKLY: ['week', 'weeks'],
  DAILY: ['day', 'days'],
  HOURLY: ['hour', 'hours'],
  MINUTELY: ['minute', 'minutes'],
};
const ZH_UNITS: Record<string, string> = { YEARLY: '年', MONTHLY: '月', WEEKLY: '周', DAILY: '天', HOURLY: '小时', MINUTELY: '分钟' };

const pad = (n: number) => String(n).padStart(2, '0');
const enList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const ordinal = (n: number) => {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)} to last`;
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
};
const zhOrdinal = (n: number) => (n === -1 ? '最后一个' : n < 0 ? `倒数第${-n}个` : `第${n}个`);

export interface Timing {
  hours: number[];
  minutes: number[];
}

function times(parts: RuleParts, start: { hour: number; minute: number }): string[] | null {
  if (parts.freq === 'HOURLY' || parts.freq === 'MINUTELY') return null;
  const hours = parts.byhour.length ? parts.byhour : [start.hour];
  const minutes = parts.byminute.length ? parts.byminute : [start.minute];
  const out: string[] = [];
  for (const h of [...hours].sort((a, b) => a - b)) for (const m of [...minutes].sort((a, b) => a - b)) out.push(`${pad(h)}:${pad(m)}`);
  return out;
}

const WEEKDAYS_SET = [0, 1, 2, 3, 4];

function isWeekdays(parts: RuleParts) {
  const days = parts.byday.filter((b) => b.n === null).map((b) => b.weekday).sort();
  return parts.byday.length === 5 && days.join() === WEEKDAYS_SET.join();
}

export function describe(parts: RuleParts, start: { hour: number; minute: number }, untilLabel: string | null): { en: string; zh: string } {
  const t = times(parts, start);
  const atEn = t ? ` at ${enList(t)}` : '';
  const atZh = t ? ` ${t.join('、')}` : '';
  const every = parts.interval === 1 ? '' : `${parts.interval} `;
  const unitEn = EN_UNITS[parts.freq][parts.interval === 1 ? 0 : 1];
  const unitZh = ZH_UNITS[parts.freq];
  const everyZh = parts.interval === 1 ? '每' : `每${parts.interval}`;
  let en = '';
  let zh = '';
  const plainDays = parts.byday.filter((b) => b.n === null);
  const hasOtherBy = parts.bymonthday.length || parts.byyearday.length || parts.byweekno.length || parts.bysetpos.length;

  if (parts.freq === 'DAILY' && !parts.byday.length && !hasOtherBy && !parts.bymonth.length) {
    en = `every ${every}${unitEn}${atEn}`;
    zh = `${everyZh}${parts.interval === 1 ? '天' : '天'}${atZh}`;
  } else if ((parts.freq === 'DAILY' || parts.freq === 'WEEKLY') && isWeekdays(parts) && parts.interval === 1 && !hasOtherBy && !parts.bymonth.length) {
    en = `every weekday${atEn}`;
    zh = `每个工作日${atZh}`;
  } else if ((parts.freq === 'WEEKLY' || parts.freq === 'DAILY') && plainDays.length === parts.byday.length && parts.byday.length > 0 && !hasOtherBy && !parts.bymonth.length) {
    const days = [...parts.byday].sort((a, b) => a.weekday - b.weekday);
    const prefix = parts.freq === 'WEEKLY' ? `every ${every}${unitEn}` : 'every week';
    en = `${prefix} on ${enList(days.map((d) => EN_DAYS[d.weekday]))}${atEn}`;
    zh = `${parts.freq === 'WEEKLY' && parts.interval > 1 ? `每${parts.interval}周的` : '每'}${days.map((d) => ZH_DAYS[d.weekday]).join('、')}${atZh}`;
  } else if (parts.freq === 'WEEKLY' && !parts.byday.length && !hasOtherBy) {
    en = `every ${every}${unitEn}${atEn}`;
    zh = `${everyZh}周${atZh}`;
  } else if (parts.freq === 'MONTHLY' && parts.bymonthday.length && !parts.byday.length && !parts.bysetpos.length && !parts.bymonth.length) {
    const days = parts.bymonthday.map((d) => (d === -1 ? 'the last day' : d < 0 ? `the ${ordinal(-d)} to last day` : `day ${d}`));
    en = `every ${every}${unitEn} on ${enList(days)}${atEn}`;
    zh = `${everyZh}月${parts.bymonthday.map((d) => (d === -1 ? '最后一天' : d < 0 ? `倒数第${-d}天` : `${d}日`)).join('、')}${atZh}`;
  } else if (parts.freq === 'MONTHLY' && isWeekdays(parts) && parts.bysetpos.length === 1 && !parts.bymonthday.length) {
    const pos = parts.bysetpos[0];
    en = `every ${every}${unitEn} on the ${ordinal(pos)} weekday${atEn}`;
    zh = `${everyZh}月${pos === -1 ? '最后一个工作日' : `${zhOrdinal(pos)}工作日`}${atZh}`;
  } else if (parts.freq === 'MONTHLY' && parts.byday.length === 1 && !parts.bymonthday.length && (parts.byday[0].n !== null || parts.bysetpos.length === 1)) {
    const b = parts.byday[0];
    const pos = b.n ?? parts.bysetpos[0];
    en = `every ${every}${unitEn} on the ${ordinal(pos)} ${EN_DAYS[b.weekday]}${atEn}`;
    zh = `${everyZh}月${zhOrdinal(pos)}${ZH_DAYS[b.weekday]}${atZh}`;
  } else if (parts.freq === 'YEARLY' && parts.bymonth.length === 1 && parts.bymonthday.length === 1 && !parts.byday.length && !parts.bysetpos.length) {
    en = `every ${every}${unitEn} on ${EN_MONTHS[parts.bymonth[0] - 1]} ${parts.bymonthday[0]}${atEn}`;
    zh = `${everyZh}年${parts.bymonth[0]}月${parts.bymonthday[0]}日${atZh}`;
  } else {
    // Generic: frequency plus each BY part spelled out.
    const bits: string[] = [];
    const zhBits: string[] = [];
    if (parts.bymonth.length) {
      bits.push(`in ${enList(parts.bymonth.map((m) => EN_MONTHS[m - 1]))}`);
      zhBits.push(`${parts.bymonth.map((m) => `${m}月`).join('、')}`);
    }
    if (parts.byweekno.length) {
      bits.push(`in week ${parts.byweekno.join(', ')}`);
      zhBits.push(`第${parts.byweekno.join('、')}周`);
    }
    if (parts.byyearday.length) {
      bits.push(`on day ${parts.byyearday.join(', ')} of the year`);
      zhBits.push(`一年中的第${parts.byyearday.join('、')}天`);
    }
    if (parts.bymonthday.length) {
      bits.push(`on day ${parts.bymonthday.join(', ')} of the month`);
      zhBits.push(`${parts.bymonthday.map((d) => `${d}日`).join('、')}`);
    }
    if (parts.byday.length) {
      bits.push(`on ${enList(parts.byday.map((b) => (b.n === null ? EN_DAYS[b.weekday] : `the ${ordinal(b.n)} ${EN_DAYS[b.weekday]}`)))}`);
      zhBits.push(parts.byday.map((b) => (b.n === null ? ZH_DAYS[b.weekday] : `${zhOrdinal(b.n)}${ZH_DAYS[b.weekday]}`)).join('、'));
    }
    if (parts.bysetpos.length) {
      bits.push(`(occurrence ${parts.bysetpos.join(', ')} of each ${EN_UNITS[parts.freq][0]})`);
      zhBits.push(`（每${unitZh}中的第${parts.bysetpos.join('、')}次）`);
    }
    if (!t && parts.byhour.length) {
      bits.push(`at hour ${parts.byhour.join(', ')}`);
      zhBits.push(`${parts.byhour.join('、')}点`);
    }
    if (!t && parts.byminute.length) {
      bits.push(`at minute ${parts.byminute.join(', ')}`);
      zhBits.push(`${parts.byminute.join('、')}分`);
    }
    en = [`every ${every}${unitEn}`, ...bits].join(' ') + atEn;
    zh = `${everyZh}${unitZh}${zhBits.length ? `的${zhBits.join('，')}` : ''}${atZh}`;
  }

  if (parts.count !== null) {
    en += `, ${parts.count} ${parts.count === 1 ? 'time' : 'times'}`;
    zh += `，共${parts.count}次`;
  }
  if (untilLabel) {
    en += `, until ${untilLabel}`;
    zh += `，直到 ${untilLabel}`;
  }
  return { en, zh };
}
