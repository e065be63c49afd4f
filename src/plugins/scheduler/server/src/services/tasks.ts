import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { APP_UID, PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import type { DeliveryRow } from '../delivery/types';
import { decideMissing } from '../delivery/when-missing';
import { getPlatform, renditionsFor, taskPlatformIds } from '../platforms/registry';
import { groupIntoSlots } from '../tasks/slots';
import { decideMark, isPastCutoff, localDue, taskStatus, type TaskAction, type TaskStatus } from '../tasks/task-state';
import { getService } from '../utils/get-service';
import type { TargetGroup } from './targets';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Tasks whose text is fixed, and tasks marked missed, per planner round. */
const ROUND_BATCH = 200;

/** A task group as tasks read it: the planner's fields plus its owners (admin users: email and name only). */
type TaskGroup = TargetGroup & { owners?: { id: number; email: string; firstname: string | null; lastname: string | null }[] };

/** A staff task as REST and the admin show it. */
export interface TaskView {
  id: string;
  group: { slug: string; name: string; timezone: string };
  dueAt: string;
  scheduledFor: string;
  localDate: string;
  localTime: string;
  source: string;
  /** What planned it (schedule, playbook step, …): tasks of one origin at one time form a slot (tasks/slots.ts). */
  origin: { kind: string; id: string | null; step: number | null };
  title: string | null;
  parts: string[];
  /** Why there is nothing to post (the content is missing), when parts is empty. */
  problem: string | null;
  status: TaskStatus;
  owners: string[];
  doneBy: string | null;
  doneAt: string | null;
  onTime: boolean | null;
  reason: string | null;
}

export interface TaskQuery {
  status?: TaskStatus[];
  /** A group's slug or documentId. */
  group?: string;
  /** An admin user's email or id. */
  assignee?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  offset?: number;
}

const fieldError = (field: string, message: string) =>
  new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError' }] });

/** A task that cannot take this action in its state: the controllers answer 409 with the message. */
export class TaskConflictError extends Error {}

/**
 * Staff tasks: the posts of groups on a `task` platform (platforms/manual.ts), which their
 * owners post by hand. Listing, done and skip (REST and admin), and the planner lease
 * holder's round that fixes each task's text at its due time and marks tasks missed after
 * the cut-off. States: tasks/task-state.ts; docs/delivery.md#staff-tasks.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => getService('delivery-store', strapi);
  const clock = () => getService('clock', strapi);
  const tolerances = () => ({ onTimeMs: config().taskOnTimeMinutes * MINUTE, cutoffMs: config().taskCutoffHours * HOUR });

  async function taskGroups(where: Record<string, unknown> = {}): Promise<TaskGroup[]> {
    return (await strapi.db.query(APP_UID.group).findMany({
      where: { platform: { $in: taskPlatformIds() }, ...where },
      select: ['id', 'documentId', 'slug', 'name', 'timezone', 'locale', 'stage', 'platform', 'cohortStart', 'maxPostsPerHour'],
      populate: { quietHours: true, owners: { select: ['id', 'email', 'firstname', 'lastname'] } },
    })) as TaskGroup[];
  }

  const ownerNames = (g: TaskGroup | undefined) => (g?.owners ?? []).map((o) => o.email);

  /** The task's text: as fixed at its due time, else composed now (a task not due yet shows what it will ask). */
  async function partsOf(
    row: DeliveryRow,
    group: TaskGroup | undefined
  ): Promise<{ parts: string[]; problem: string | null; title: string | null }> {
    const stored = row.payload?.renditions as Record<string, { parts?: string[] }> | undefined;
    if (stored?.text?.parts) return { parts: stored.text.parts, problem: null, title: row.title };
    if (!group) return { parts: [], problem: 'group deleted', title: row.title };
    const composed = await compose(row, group);
    if (composed.status === 'skipped') return { parts: [], problem: composed.reason, title: row.title };
    return { parts: composed.renditions.text?.parts ?? [], problem: null, title: composed.title };
  }

  function compose(row: DeliveryRow, group: TaskGroup) {
    const platform = getPlatform(group.platform);
    const settings = config().platforms[group.platform]?.settings ?? {};
    return getService('compose', strapi).composeRow(row, group, platform ? renditionsFor(platform, settings) : [{ format: 'text' }]);
  }

  async function view(row: DeliveryRow, group: TaskGroup | undefined, now: Date): Promise<TaskView> {
    const zone = group?.timezone ?? row.timezone ?? 'UTC';
    const { parts, problem, title } = await partsOf(row, group);
    const status = taskStatus(row, now);
    return {
      id: row.documentId,
      group: { slug: group?.slug ?? row.groupSlug, name: group?.name ?? row.groupSlug, timezone: zone },
      dueAt: row.dueAt.toISOString(),
      scheduledFor: row.scheduledFor.toISOString(),
      ...localDue(row.dueAt, zone),
      source: row.source,
      origin: { kind: row.originKind, id: row.originId, step: row.originStep },
      title,
      parts,
      problem,
      status,
      owners: ownerNames(group),
      doneBy: row.doneBy ?? null,
      doneAt: status === 'done' ? (row.sentAt?.toISOString() ?? null) : null,
      onTime: row.onTime ?? null,
      reason: row.reason,
    };
  }

  async function taskRow(id: string): Promise<{ row: DeliveryRow; group: TaskGroup | undefined }> {
    const row = await store().byDocumentId(id);
    if (!row || !taskPlatformIds().includes(row.platform ?? '')) throw new errors.NotFoundError(`No task with id ${id}`);
    const [group] = await taskGroups({ id: row.groupId });
    return { row, group };
  }

  /** An admin user by email or id (the `assignee` filter), or a 400 naming the field. */
  async function adminUser(value: string, field: string): Promise<{ id: number; email: string }> {
    const where = /^\d+$/.test(value) ? { id: Number(value) } : { email: value.toLowerCase() };
    const user = (await strapi.db.query('admin::user').findOne({ where, select: ['id', 'email'] })) as { id: number; email: string } | null;
    if (!user) throw fieldError(field, `no admin user with ${'id' in where ? 'id' : 'email'} ${value}`);
    return user;
  }

  async function mark(id: string, action: TaskAction, opts: { ownerCheck: boolean }, again = false): Promise<TaskView> {
    const { row, group } = await taskRow(id);
    if (opts.ownerCheck && action.by) {
      const owners = ownerNames(group).map((e) => e.toLowerCase());
      if (!owners.includes(action.by.toLowerCase()))
        throw fieldError('by', `${action.by} is not an owner of group ${row.groupSlug} (owners: ${owners.join(', ') || 'none'})`);
    }
    const now = clock().now();
    const decision = decideMark(row, action, now, tolerances());
    if (decision.kind === 'conflict') throw new TaskConflictError(`task ${id}: ${decision.message}`);
    if (decision.kind === 'apply') {
      // Done early, before the round fixed it: the text as it was when done.
      if (!row.payload && group && decision.patch.status === 'sent') await fixText(row, group, now);
      const changed = await store().updateIfStatus(row.id, ['planned'], { ...decision.patch, updatedAt: now });
      // Someone else finished it in between: decide once more on what it is now (the same
      // action answers as it is, another one is the conflict).
      if (!changed) {
        if (!again) return mark(id, action, { ownerCheck: false }, true);
        throw new TaskConflictError(`task ${id}: it changed while being marked (it is ${row.status}); try again`);
      }
      strapi.log.info(
        `[scheduler] task ${id} (${row.groupSlug}) ${decision.patch.status === 'sent' ? 'done' : 'skipped'}${action.by ? ` by ${action.by}` : ''}`
      );
    }
    const fresh = await taskRow(id);
    return view(fresh.row, fresh.group, clock().now());
  }

  /** Stores the task's composed text as its payload; false when there is nothing to post (the reason). */
  async function fixText(
    row: DeliveryRow,
    group: TaskGroup,
    now: Date
  ): Promise<{ ok: true } | { ok: false; reason: string } | { ok: false; hold: true }> {
    let composed = await compose(row, group);
    if (composed.status === 'skipped') {
      // The same whenMissing policy as the dispatcher's (delivery/when-missing.ts).
      const decision = decideMissing(row, composed.reason, now, row.scheduledFor);
      if (decision.action === 'skip') return { ok: false, reason: decision.reason };
      // Held: no text fixed yet, so the next round looks again (the task waits, its due time unchanged).
      if (decision.action === 'hold') {
        if (row.missingAction !== 'held') await store().updateIfStatus(row.id, ['planned'], { missingAction: 'held' });
        return { ok: false, hold: true };
      }
      composed = await compose({ ...row, source: 'text', text: decision.text }, group);
      if (composed.status === 'skipped') return { ok: false, reason: decision.reason };
      await store().updateIfStatus(row.id, ['planned'], { missingAction: 'fallback', reason: `fallback text: ${decision.reason}` });
    }
    await store().saveTaskPayload(row.id, { markdown: composed.markdown, renditions: composed.renditions });
    return { ok: true };
  }

  /**
   * Tasks still waiting `taskOverdueMinutes` after their due time (and not yet missed) raise
   * one task-overdue notice each. `noticedAt` keeps the scan to tasks not dealt with; the
   * notice's key keeps it to one even when two rounds raise it. Returns how many it raised.
   */
  async function noticeOverdue(now: Date): Promise<number> {
    const dueBy = new Date(now.getTime() - config().taskOverdueMinutes * MINUTE);
    const dueAfter = new Date(now.getTime() - tolerances().cutoffMs);
    const overdue = await store().overdueTasksWithoutNotice(taskPlatformIds(), dueAfter, dueBy, ROUND_BATCH);
    let raised = 0;
    const dealt: number[] = [];
    for (const row of overdue) {
      const result = await getService('notices', strapi).raiseSafely({
        kind: 'task-overdue',
        subjectGroupId: row.groupId,
        subjectKey: String(row.id),
        delivery: row,
      });
      if (result === 'raised') raised += 1;
      // A failure is tried again next round.
      if (result !== 'failed') dealt.push(row.id);
    }
    if (dealt.length) await store().markNoticed(dealt, now);
    return raised;
  }

  async function list(q: TaskQuery) {
    const now = clock().now();
    const from = q.from ?? new Date(now.getTime() - 24 * HOUR);
    const to = q.to ?? new Date(now.getTime() + 24 * HOUR);
    if (from > to) throw fieldError('from', 'must not be after to');
    let groups = await taskGroups();
    if (q.group) {
      const wanted = groups.filter((g) => g.slug === q.group || g.documentId === q.group);
      if (!wanted.length) throw fieldError('group', `no group on a task platform with slug or id ${q.group}`);
      groups = wanted;
    }
    if (q.assignee) {
      const user = await adminUser(q.assignee, 'assignee');
      groups = groups.filter((g) => (g.owners ?? []).some((o) => o.id === user.id));
    }
    const byId = new Map(groups.map((g) => [g.id, g]));
    const { rows, total } = await store().taskPage(
      {
        platforms: taskPlatformIds(),
        from,
        to,
        now,
        states: q.status,
        groupIds: q.group || q.assignee ? [...byId.keys()] : undefined,
      },
      q.limit ?? 100,
      q.offset ?? 0
    );
    const data: TaskView[] = [];
    for (const row of rows) data.push(await view(row, byId.get(row.groupId), now));
    return { data, meta: { total, from: from.toISOString(), to: to.toISOString() } };
  }

  return {
    list,

    /** The same tasks grouped into time slots (the Tasks page, the calendar feed). */
    async slots(q: TaskQuery) {
      const { data, meta } = await list({ ...q, limit: q.limit ?? 500 });
      return { data: groupIntoSlots(data), meta };
    },

    /**
     * Marks several tasks done (a whole slot): each on its own, so one that cannot be done
     * (already skipped, missed) is reported and the others still are.
     */
    async doneMany(ids: string[], by: string | null, opts = { ownerCheck: true }) {
      const done: TaskView[] = [];
      const failed: { id: string; message: string }[] = [];
      for (const id of ids) {
        try {
          done.push(await mark(id, { kind: 'done', by }, opts));
        } catch (err) {
          if (!(err instanceof TaskConflictError) && !(err instanceof errors.NotFoundError) && !(err instanceof errors.ValidationError))
            throw err;
          failed.push({ id, message: (err as Error).message });
        }
      }
      return { done, failed };
    },

    /** Marks a task done. `by`: who (an owner's email when `ownerCheck`: the API; the logged-in admin otherwise). */
    done(id: string, by: string | null, opts = { ownerCheck: true }) {
      return mark(id, { kind: 'done', by }, opts);
    },

    skip(id: string, reason: string, by: string | null, opts = { ownerCheck: true }) {
      return mark(id, { kind: 'skip', by, reason }, opts);
    },

    adminUser,

    /**
     * The planner lease holder's round: each task that fell due gets its text fixed (what was
     * asked to be posted, kept like a sent payload; nothing to post skips it with the reason,
     * as the dispatcher does), and tasks not done within the cut-off become missed. In
     * batches; a backlog takes a few rounds.
     */
    async round(now: Date) {
      const platforms = taskPlatformIds();
      const { cutoffMs } = tolerances();
      const due = await store().dueTasksWithoutPayload(platforms, now, ROUND_BATCH);
      let fixed = 0;
      let skipped = 0;
      if (due.length) {
        const groups = new Map((await taskGroups({ id: { $in: [...new Set(due.map((r) => r.groupId))] } })).map((g) => [g.id, g]));
        for (const row of due) {
          if (isPastCutoff(row.dueAt, now, cutoffMs)) continue;
          const group = groups.get(row.groupId);
          const result = group ? await fixText(row, group, now) : { ok: false as const, reason: 'group deleted' };
          if (result.ok) fixed += 1;
          else if ('hold' in result) continue;
          else if (
            await store().updateIfStatus(row.id, ['planned'], {
              status: 'skipped',
              reason: result.reason,
              updatedAt: now,
              ...(group ? { missingAction: 'skipped' } : {}),
            })
          )
            skipped += 1;
        }
      }
      const overdue = await noticeOverdue(now);
      const missed = await store().markTasksMissed(
        platforms,
        new Date(now.getTime() - cutoffMs),
        `not done within ${config().taskCutoffHours} h of its due time`,
        now,
        ROUND_BATCH
      );
      if (missed || skipped) strapi.log.info(`[scheduler] tasks: ${missed} missed, ${skipped} skipped (nothing to post)`);
      return { fixed, skipped, missed, overdue };
    },

    /** Health: tasks waiting for their owners, and those past the on-time tolerance. */
    async health(now: Date) {
      return store().taskCounts(taskPlatformIds(), now, new Date(now.getTime() - config().taskOnTimeMinutes * MINUTE));
    },
  };
};
