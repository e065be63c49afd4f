/**
 * Time slots of staff tasks: the tasks an operator does together ("08:00 · 早报 · 12
 * groups"). One slot is one origin (schedule, playbook step, …) falling due at one instant
 * in one zone, so the 12 groups it lists are posted in one sitting. The Tasks page shows
 * slots and marks a slot done at once; the calendar feed has one event per slot. Pure: no
 * Strapi imports.
 */
import type { TaskStatus } from './task-state';

/** What slots need of a task (TaskView has all of it). */
export interface SlotTask {
  id: string;
  dueAt: string;
  localDate: string;
  localTime: string;
  group: { slug: string; name: string; timezone: string };
  source: string;
  title: string | null;
  origin: { kind: string; id: string | null; step: number | null };
  status: TaskStatus;
}

export interface TaskSlot<T extends SlotTask = SlotTask> {
  /** Stable while the slot's origin and due time stay the same (the feed's UID is made from it). */
  key: string;
  dueAt: string;
  localDate: string;
  localTime: string;
  timezone: string;
  source: string;
  /** The first title among the slot's tasks (the same content gives the same title). */
  title: string | null;
  tasks: T[];
  /** How many of the slot's tasks are in each status. */
  counts: Partial<Record<TaskStatus, number>>;
  /** Tasks still to do now: waiting (and planned, when marking early is allowed). */
  open: number;
}

/** The origin part of a slot's key: what planned the tasks (schedule id, playbook step) or, for one-off sources, the source. */
export function originKey(task: Pick<SlotTask, 'origin' | 'source'>): string {
  const { kind, id, step } = task.origin;
  return [kind, id ?? task.source, step ?? ''].join(':');
}

export const slotKey = (task: SlotTask) => `${task.dueAt}|${task.group.timezone}|${originKey(task)}`;

const OPEN: TaskStatus[] = ['planned', 'waiting'];

/**
 * Tasks grouped into slots, earliest first (ties: by title, then key, so the order is
 * stable); within a slot, groups in name order.
 */
export function groupIntoSlots<T extends SlotTask>(tasks: readonly T[]): TaskSlot<T>[] {
  const slots = new Map<string, TaskSlot<T>>();
  for (const task of tasks) {
    const key = slotKey(task);
    let slot = slots.get(key);
    if (!slot) {
      slot = {
        key,
        dueAt: task.dueAt,
        localDate: task.localDate,
        localTime: task.localTime,
        timezone: task.group.timezone,
        source: task.source,
        title: task.title,
        tasks: [],
        counts: {},
        open: 0,
      };
      slots.set(key, slot);
    }
    slot.title ??= task.title;
    slot.tasks.push(task);
    slot.counts[task.status] = (slot.counts[task.status] ?? 0) + 1;
    if (OPEN.includes(task.status)) slot.open += 1;
  }
  const list = [...slots.values()];
  for (const slot of list) slot.tasks.sort((a, b) => a.group.name.localeCompare(b.group.name) || a.id.localeCompare(b.id));
  return list.sort(
    (a, b) =>
      Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.title ?? a.source).localeCompare(b.title ?? b.source) || a.key.localeCompare(b.key)
  );
}
