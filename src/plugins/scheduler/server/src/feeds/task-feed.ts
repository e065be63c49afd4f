/**
 * A user's staff tasks as an iCalendar feed (docs/delivery.md#calendar-feed): one event per
 * time slot (tasks/slots.ts), with the groups and the text to post in its description and
 * an alarm at the due time, so a phone's calendar reminds the operator. Pure: no Strapi
 * imports.
 */
import crypto from 'crypto';
import type { SlotTask, TaskSlot } from '../tasks/slots';
import type { TaskStatus } from '../tasks/task-state';
import { serialize, text, utc, type IcsComponent, type IcsProperty } from './ics';

/** What the feed needs of a task (TaskView has all of it). */
export interface FeedTask extends SlotTask {
  parts: string[];
  problem: string | null;
  doneAt: string | null;
}

export interface FeedInput {
  slots: TaskSlot<FeedTask>[];
  /** The admin user's interface language (`preferedLanguage`); English unless Chinese. */
  language: string | null | undefined;
  /** The admin's origin, e.g. https://ops.example.com (no trailing slash needed). */
  baseUrl: string;
  now: Date;
}

/** The event's length: a reminder, not a meeting. */
const DURATION = 'PT15M';
/** At most this many groups, and about this many characters, in an event's description. */
export const MAX_GROUPS = 20;
export const MAX_DESCRIPTION = 6000;

const FINISHED: TaskStatus[] = ['done', 'skipped', 'missed'];

type Lang = 'en' | 'zh';
export const feedLanguage = (language: string | null | undefined): Lang => (/^zh/i.test(language ?? '') ? 'zh' : 'en');

const WORDS = {
  en: {
    calendar: 'My tasks',
    groups: (n: number) => `${n} ${n === 1 ? 'group' : 'groups'}`,
    more: (n: number) => `… and ${n} more ${n === 1 ? 'group' : 'groups'}`,
    nothing: 'nothing to post',
    status: { done: 'done', skipped: 'skipped', missed: 'missed' } as Record<string, string>,
    open: 'Mark done on the Tasks page:',
  },
  zh: {
    calendar: '我的任务',
    groups: (n: number) => `${n} 个群`,
    more: (n: number) => `… 还有 ${n} 个群`,
    nothing: '没有要发的内容',
    status: { done: '已完成', skipped: '已跳过', missed: '已错过' } as Record<string, string>,
    open: '在任务页面标记完成：',
  },
};

/** A slot's UID: stable while its key (origin, due time, zone) is, whatever its tasks' states. */
export const slotUid = (key: string) => `${crypto.createHash('sha256').update(key).digest('hex').slice(0, 32)}@sop-scheduler`;

export const tasksPageUrl = (baseUrl: string) => `${baseUrl.replace(/\/+$/, '')}/admin/plugins/scheduler/tasks`;

function description(slot: TaskSlot<FeedTask>, lang: Lang, url: string): string {
  const w = WORDS[lang];
  const head = `${slot.localTime} ${slot.timezone}`;
  const tail = `${w.open}\n${url}`;
  let body = '';
  let shown = 0;
  for (const task of slot.tasks) {
    if (shown >= MAX_GROUPS) break;
    const state = w.status[task.status];
    const heading = `■ ${task.group.name}${state ? ` (${state})` : ''}`;
    const content = task.parts.length ? task.parts.join('\n\n') : `(${w.nothing}${task.problem ? `: ${task.problem}` : ''})`;
    let block = `${heading}\n${content}`;
    const room = MAX_DESCRIPTION - body.length;
    if (block.length + 2 > room) {
      // The first group always shows, cut to fit; later ones wait for the Tasks page.
      if (shown > 0) break;
      block = `${[...block].slice(0, Math.max(room - 3, 0)).join('')}…`;
    }
    body += `${block}\n\n`;
    shown += 1;
  }
  const rest = slot.tasks.length - shown;
  return `${head}\n\n${body}${rest > 0 ? `${w.more(rest)}\n\n` : ''}${tail}`;
}

function event(slot: TaskSlot<FeedTask>, lang: Lang, url: string, now: Date): IcsComponent {
  const w = WORDS[lang];
  const open = slot.tasks.filter((t) => !FINISHED.includes(t.status)).length;
  const missed = slot.tasks.filter((t) => t.status === 'missed').length;
  const finished = slot.tasks.length - open;
  // Nothing left to do: ✓ when all were done or skipped, ✗ when some were missed.
  const mark = open ? '' : missed ? '✗ ' : '✓ ';
  const summary = `${mark}${slot.localTime} · ${slot.title ?? slot.source} · ${w.groups(slot.tasks.length)}`;
  const doneAts = slot.tasks.flatMap((t) => (t.doneAt ? [Date.parse(t.doneAt)] : []));
  const properties: IcsProperty[] = [
    { name: 'UID', value: slotUid(slot.key) },
    { name: 'DTSTAMP', value: utc(now) },
    { name: 'DTSTART', value: utc(new Date(slot.dueAt)) },
    { name: 'DURATION', value: DURATION },
    // Tasks only ever finish (done, skipped, missed are final): the count only grows.
    { name: 'SEQUENCE', value: String(finished) },
    ...(doneAts.length ? [{ name: 'LAST-MODIFIED', value: utc(new Date(Math.max(...doneAts))) }] : []),
    { name: 'SUMMARY', value: text(summary) },
    { name: 'DESCRIPTION', value: text(description(slot, lang, url)) },
    { name: 'URL', value: url },
    { name: 'STATUS', value: 'CONFIRMED' },
    { name: 'TRANSP', value: 'TRANSPARENT' },
  ];
  const alarm: IcsComponent = {
    name: 'VALARM',
    properties: [
      { name: 'ACTION', value: 'DISPLAY' },
      { name: 'TRIGGER', value: 'PT0S', params: { RELATED: 'START' } },
      { name: 'DESCRIPTION', value: text(summary) },
    ],
  };
  return { name: 'VEVENT', properties, components: open ? [alarm] : [] };
}

/** The VCALENDAR text (CRLF, folded). Cancelled tasks are left out; a slot of only cancelled tasks has no event. */
export function taskFeed({ slots, language, baseUrl, now }: FeedInput): string {
  const lang = feedLanguage(language);
  const url = tasksPageUrl(baseUrl);
  const events = slots
    .map((slot) => ({ ...slot, tasks: slot.tasks.filter((t) => t.status !== 'cancelled') }))
    .filter((slot) => slot.tasks.length)
    .map((slot) => event(slot, lang, url, now));
  return serialize({
    name: 'VCALENDAR',
    properties: [
      { name: 'VERSION', value: '2.0' },
      { name: 'PRODID', value: '-//sop-scheduler//Staff tasks//EN' },
      { name: 'CALSCALE', value: 'GREGORIAN' },
      { name: 'METHOD', value: 'PUBLISH' },
      { name: 'X-WR-CALNAME', value: text(WORDS[lang].calendar) },
      { name: 'REFRESH-INTERVAL', value: 'PT15M', params: { VALUE: 'DURATION' } },
      { name: 'X-PUBLISHED-TTL', value: 'PT15M' },
    ],
    components: events,
  });
}
