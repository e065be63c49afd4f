import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { TaskConflictError, type TaskQuery } from '../services/tasks';
import type { TaskStatus } from '../tasks/task-state';
import { validateAdminTaskList, validateDone, validateDoneMany, validateSkip, validateTaskList } from './validation/tasks';
import type { Ctx } from './context';

type ListInput = { status?: string; group?: string; from?: string; to?: string; limit?: string; offset?: string };

export const taskQuery = (q: ListInput): TaskQuery => ({
  status: q.status ? (q.status.split(',') as TaskStatus[]) : undefined,
  group: q.group || undefined,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
  limit: q.limit ? Number(q.limit) : undefined,
  offset: q.offset ? Number(q.offset) : undefined,
});

/**
 * A task that cannot take the action in its state: 409 with the reason, in Strapi's error
 * shape (Strapi's errors.* have no 409; written here rather than thrown, so an expected
 * answer is not logged as a server error).
 */
export async function withConflicts(ctx: Ctx, fn: () => Promise<unknown>): Promise<void> {
  try {
    ctx.body = { data: await fn() };
  } catch (err) {
    if (!(err instanceof TaskConflictError)) throw err;
    ctx.status = 409;
    ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: err.message, details: {} } };
  }
}

/**
 * Staff tasks for a team's own tools (API token). `find` is a read (read-only tokens may
 * call exactly find and findOne, see health.ts); done and skip are not.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tasks = () => getService('tasks', strapi);
  return {
    async find(ctx: Ctx) {
      const q = await validateTaskList(ctx.query ?? {});
      ctx.body = await tasks().list({ ...taskQuery(q), assignee: q.assignee || undefined });
    },
    async done(ctx: Ctx) {
      const body = await validateDone(ctx.request.body ?? {});
      await withConflicts(ctx, () => tasks().done(ctx.params.id, body.by ?? null));
    },
    async skip(ctx: Ctx) {
      const body = await validateSkip(ctx.request.body ?? {});
      await withConflicts(ctx, () => tasks().skip(ctx.params.id, body.reason, body.by ?? null));
    },
  };
};

/** The admin's mirror (the future Tasks page): mine by default; done and skip record the logged-in admin. */
export const adminTasks = ({ strapi }: { strapi: Core.Strapi }) => {
  const tasks = () => getService('tasks', strapi);
  const me = (ctx: Ctx) => ctx.state.user ?? null;
  return {
    async tasks(ctx: Ctx) {
      const q = await validateAdminTaskList(ctx.query ?? {});
      const user = me(ctx);
      const mine = q.mine !== 'false';
      ctx.body = await tasks().list({ ...taskQuery(q), assignee: mine && user ? String(user.id) : undefined });
    },
    /** The Tasks page: the same list grouped into time slots. */
    async taskSlots(ctx: Ctx) {
      const q = await validateAdminTaskList(ctx.query ?? {});
      const user = me(ctx);
      const mine = q.mine !== 'false';
      ctx.body = await tasks().slots({ ...taskQuery(q), assignee: mine && user ? String(user.id) : undefined });
    },
    /** Done for all groups of a slot at once: `{ ids }`; answers what was done and what could not be. */
    async tasksDone(ctx: Ctx) {
      const body = await validateDoneMany(ctx.request.body ?? {});
      const user = me(ctx);
      ctx.body = { data: await tasks().doneMany(body.ids, user?.email ?? null, { ownerCheck: false }) };
    },
    async taskDone(ctx: Ctx) {
      const user = me(ctx);
      await withConflicts(ctx, () => tasks().done(ctx.params.id, user?.email ?? null, { ownerCheck: false }));
    },
    async taskSkip(ctx: Ctx) {
      const body = await validateSkip(ctx.request.body ?? {});
      const user = me(ctx);
      await withConflicts(ctx, () => tasks().skip(ctx.params.id, body.reason, user?.email ?? null, { ownerCheck: false }));
    },
  };
};
