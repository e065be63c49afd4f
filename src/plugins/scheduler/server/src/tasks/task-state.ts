/**
 * Staff tasks (groups on a platform whose delivery is `task`): what state a task is in,
 * whether an owner may mark it done or skipped now, and what that writes. Pure: no Strapi
 * imports.
 *
 * A task is a delivery row. Row status → task status:
 *   planned, due in the future          → `planned`
 *   planned, due now or in the past     → `waiting` (derived when read: no periodic write,
 *                                         so claims, the planner and catch-up see an
 *                                         ordinary planned row)
 *   sent (sentAt = when it was done)    → `done` (with doneBy, onTime)
 *   skipped (reason)                    → `skipped`
 *   missed (not done within the cut-off)→ `missed`
 *   cancelled (re-planned, group closed)→ `cancelled`
 */
import { DateTime } from 'luxon';
import type { DeliveryStatus } from '../constants';

export const TASK_STATUS = ['planned', 'waiting', 'done', 'skipped', 'missed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUS)[number];

/** Operators sometimes post a few minutes early: a task may be marked from this long before it is due. */
export const EARLY_MS = 30 * 60_000;

export interface TaskTolerances {
  /** Done within this long after the due time: on time. */
  onTimeMs: number;
  /** Not done this long after the due time: missed. */
  cutoffMs: number;
}

/** A row's task status at `now`. Rows a task never has (sending, failed, dead) read as what they mean for the owner. */
export function taskStatus(row: { status: DeliveryStatus; dueAt: Date }, now: Date): TaskStatus {
  switch (row.status) {
    case 'planned':
      return row.dueAt.getTime() <= now.getTime() ? 'waiting' : 'planned';
    case 'sent':
      return 'done';
    case 'skipped':
    case 'missed':
    case 'cancelled':
      return row.status;
    case 'dead':
      return 'missed';
    default:
      return 'waiting';
  }
}

/** Done at `doneAt`: on time when no later than the tolerance after the due time (early counts as on time). */
export const isOnTime = (dueAt: Date, doneAt: Date, onTimeMs: number) => doneAt.getTime() <= dueAt.getTime() + onTimeMs;

/** Past the cut-off: a planned task not done by now is missed. */
export const isPastCutoff = (dueAt: Date, now: Date, cutoffMs: number) => now.getTime() >= dueAt.getTime() + cutoffMs;

export type TaskAction = { kind: 'done'; by: string | null } | { kind: 'skip'; by: string | null; reason: string };

export type MarkDecision =
  /** Write this (only while the row is still planned). */
  | { kind: 'apply'; patch: { status: 'sent' | 'skipped'; sentAt?: Date; onTime?: boolean; doneBy: string | null; reason?: string } }
  /** The same action again: nothing to write, answer with the task as it is. */
  | { kind: 'same' }
  /** Not possible now: a 409 with this message. */
  | { kind: 'conflict'; message: string };

const hhmm = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm');

/** Whether `action` may be applied to a task in `row`'s state at `now`, and what it writes. */
export function decideMark(
  row: { status: DeliveryStatus; dueAt: Date; timezone: string | null },
  action: TaskAction,
  now: Date,
  tolerances: TaskTolerances
): MarkDecision {
  const zone = row.timezone || 'UTC';
  const status = taskStatus(row, now);
  const verb = action.kind === 'done' ? 'marked done' : 'skipped';
  if (status === 'done') return action.kind === 'done' ? { kind: 'same' } : { kind: 'conflict', message: 'the task is already done' };
  if (status === 'skipped')
    return action.kind === 'skip' ? { kind: 'same' } : { kind: 'conflict', message: 'the task was skipped; it cannot be marked done' };
  if (status === 'missed') return { kind: 'conflict', message: `the task was missed (not done within the cut-off); it cannot be ${verb}` };
  if (status === 'cancelled') return { kind: 'conflict', message: `the task was cancelled; it cannot be ${verb}` };
  if (isPastCutoff(row.dueAt, now, tolerances.cutoffMs))
    return { kind: 'conflict', message: `the task was missed (not done within the cut-off); it cannot be ${verb}` };
  if (row.dueAt.getTime() - now.getTime() > EARLY_MS) {
    const from = new Date(row.dueAt.getTime() - EARLY_MS);
    return {
      kind: 'conflict',
      message: `the task is not yet due (due ${hhmm(row.dueAt, zone)} ${zone}); it can be ${verb} from ${hhmm(from, zone)}, 30 minutes before`,
    };
  }
  if (action.kind === 'done')
    return {
      kind: 'apply',
      patch: { status: 'sent', sentAt: now, onTime: isOnTime(row.dueAt, now, tolerances.onTimeMs), doneBy: action.by },
    };
  return {
    kind: 'apply',
    patch: { status: 'skipped', doneBy: action.by, reason: `skipped${action.by ? ` by ${action.by}` : ''}: ${action.reason}` },
  };
}

/** A due time as the group's people read it: local date (YYYY-MM-DD) and time (HH:mm) in its zone. */
export function localDue(dueAt: Date, zone: string | null): { localDate: string; localTime: string } {
  let local = DateTime.fromJSDate(dueAt, { zone: zone || 'UTC' });
  if (!local.isValid) local = DateTime.fromJSDate(dueAt, { zone: 'UTC' });
  return { localDate: local.toISODate() as string, localTime: local.toFormat('HH:mm') };
}
