/**
 * The Tasks page's pure pieces: its window, day sections, slot headers and counts, and the
 * badge a task shows. Pure (luxon only), so the page's wording rules are tested without a
 * browser.
 */
import { DateTime } from 'luxon';
import type { TaskSlot, TaskStatus, TaskView } from '../types';

/**
 * From the start of the viewer's today (so this morning's finished tasks stay in view) to
 * 24 hours from now: what an operator looks at on a phone before the day's sittings.
 */
export function taskWindow(now: Date, zone: string): { from: string; to: string } {
  const here = DateTime.fromJSDate(now).setZone(zone);
  return {
    from: here.startOf('day').toUTC().toISO() as string,
    to: DateTime.fromJSDate(now).plus({ hours: 24 }).toUTC().toISO() as string,
  };
}

export type DayKind = 'today' | 'tomorrow' | 'date';

export interface DaySection {
  /** The viewer's local date (YYYY-MM-DD) the slots fall on. */
  date: string;
  kind: DayKind;
  slots: TaskSlot[];
}

/** "Today" / "Tomorrow" relative to the viewer's today; anything else is shown as its date. */
export function dayKind(date: string, today: string): DayKind {
  if (date === today) return 'today';
  const next = DateTime.fromISO(today, { zone: 'utc' }).plus({ days: 1 }).toISODate();
  return date === next ? 'tomorrow' : 'date';
}

/**
 * Slots by the viewer's day (the server's order kept: earliest first). The viewer's day,
 * not the group's: "Today" means the operator's today, wherever the group is.
 */
export function sectionsByDay(slots: readonly TaskSlot[], zone: string, today: string): DaySection[] {
  const sections: DaySection[] = [];
  for (const slot of slots) {
    const date = DateTime.fromISO(slot.dueAt, { zone: 'utc' }).setZone(zone).toISODate() as string;
    let section = sections.find((s) => s.date === date);
    if (!section) {
      section = { date, kind: dayKind(date, today), slots: [] };
      sections.push(section);
    }
    section.slots.push(slot);
  }
  return sections.sort((a, b) => a.date.localeCompare(b.date));
}

export interface SlotHeading {
  /** The group's wall-clock time, as its SOP says ("08:00"). */
  time: string;
  /** The group's zone when it differs from the viewer's, else null. */
  zone: string | null;
  /** The same instant on the viewer's clock, when the zones differ. */
  viewerTime: string | null;
  /** The content's title, or null (the page then names the source). */
  title: string | null;
  groups: number;
}

/** What the header "08:00 · 早报 · 12 groups" is made of. */
export function slotHeading(slot: TaskSlot, zone: string): SlotHeading {
  const differs = !sameOffsetZone(slot.timezone, zone, slot.dueAt);
  return {
    time: slot.localTime,
    zone: differs ? slot.timezone : null,
    viewerTime: differs ? DateTime.fromISO(slot.dueAt, { zone: 'utc' }).setZone(zone).toFormat('HH:mm') : null,
    title: slot.title,
    groups: new Set(slot.tasks.map((t) => t.group.slug)).size,
  };
}

/**
 * Zones are "the same" for the header when they are the same name, or aliases at the same
 * offset at that instant (Asia/Chongqing and Asia/Shanghai): an operator in Shanghai does
 * not need "Asia/Chongqing" spelled out at 08:00 when it reads 08:00 on their phone.
 */
function sameOffsetZone(a: string, b: string, at: string): boolean {
  if (a === b) return true;
  const instant = DateTime.fromISO(at, { zone: 'utc' });
  const x = instant.setZone(a);
  const y = instant.setZone(b);
  return x.isValid && y.isValid && x.offset === y.offset && x.toFormat('HH:mm') === y.toFormat('HH:mm');
}

export type CountKey = 'todo' | 'done' | 'skipped' | 'missed' | 'cancelled';

/** "3 to do · 9 done": waiting and planned both count as to do; zero counts are left out. */
export function slotCounts(counts: TaskSlot['counts']): { key: CountKey; count: number }[] {
  const n = (s: TaskStatus) => counts[s] ?? 0;
  const all: { key: CountKey; count: number }[] = [
    { key: 'todo', count: n('waiting') + n('planned') },
    { key: 'done', count: n('done') },
    { key: 'skipped', count: n('skipped') },
    { key: 'missed', count: n('missed') },
    { key: 'cancelled', count: n('cancelled') },
  ];
  return all.filter((c) => c.count > 0);
}

/** The tasks "Mark all done" sends: only those still to do (finished ones would only fail). */
export const openTaskIds = (slot: TaskSlot): string[] =>
  slot.tasks.filter((t) => t.status === 'waiting' || t.status === 'planned').map((t) => t.id);

export type TaskBadge = 'waiting' | 'planned' | 'doneOnTime' | 'doneLate' | 'skipped' | 'missed' | 'cancelled';

/** A done task says whether it was on time: that is what the team reviews. */
export function taskBadge(task: Pick<TaskView, 'status' | 'onTime'>): TaskBadge {
  if (task.status === 'done') return task.onTime === false ? 'doneLate' : 'doneOnTime';
  return task.status;
}

/** Badge colours from the admin's palette: to do is loud, finished is quiet, late is a warning. */
export const BADGE_COLORS: Record<TaskBadge, { bg: string; text: string }> = {
  waiting: { bg: 'warning100', text: 'warning700' },
  planned: { bg: 'primary100', text: 'primary700' },
  doneOnTime: { bg: 'success100', text: 'success700' },
  doneLate: { bg: 'warning100', text: 'warning700' },
  skipped: { bg: 'neutral150', text: 'neutral600' },
  missed: { bg: 'danger100', text: 'danger700' },
  cancelled: { bg: 'neutral150', text: 'neutral500' },
};

/** Finished tasks show their action; open ones show buttons. */
export const isOpen = (task: Pick<TaskView, 'status'>) => task.status === 'waiting' || task.status === 'planned';

/** How long before its due time a task may be marked (the server's EARLY_MS in tasks/task-state.ts). */
export const EARLY_MINUTES = 30;

/** Whether done / skip would be accepted now: waiting, or planned within the early window. */
export function canMarkNow(task: Pick<TaskView, 'status' | 'dueAt'>, now: Date): boolean {
  if (task.status === 'waiting') return true;
  return task.status === 'planned' && Date.parse(task.dueAt) - now.getTime() <= EARLY_MINUTES * 60_000;
}

/** The first moment a task may be marked (shown on a planned task's disabled buttons). */
export const markableFrom = (dueAt: string): string => new Date(Date.parse(dueAt) - EARLY_MINUTES * 60_000).toISOString();

/**
 * The server stores a skip as "skipped by <who>: <reason>" (or "skipped: <reason>" without
 * a who); the page shows who and why apart, in the admin's language.
 */
export function skipNote(reason: string | null): { who: string | null; why: string } {
  const m = /^skipped(?: by ([^:]+))?: ([\s\S]*)$/.exec(reason ?? '');
  return m ? { who: m[1] ?? null, why: m[2] } : { who: null, why: reason ?? '' };
}
