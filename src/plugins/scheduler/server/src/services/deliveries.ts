import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLANNER_LEASE } from '../constants';
import { taskPlatformIds } from '../platforms/registry';
import type { DeliveryRow } from '../delivery/types';
import { getService } from '../utils/get-service';
import { encodeCursor, readCursor } from '../utils/cursor';

/** The delivery log counts its rows exactly up to this many. */
export const LIST_TOTAL_CAP = 10_000;

/** A delivery row as the REST API shows it. */
export interface DeliveryView {
  id: string;
  key: string;
  status: DeliveryRow['status'];
  group: string;
  platform: string | null;
  source: string;
  title: string | null;
  origin: { kind: string; id: string | null; step: number | null };
  scheduledFor: string | null;
  dueAt: string | null;
  timezone: string | null;
  localTime: string | null;
  attempts: number;
  maxAttempts: number | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  quietAction: string | null;
  /** What happened because its content was missing: skipped, fallback or held (null: it was not missing). */
  missingAction: DeliveryRow['missingAction'];
  reason: string | null;
  lastError: string | null;
  payload: DeliveryRow['payload'];
}

const statusError = (message: string, short: string) =>
  new errors.ValidationError(`status: ${message}`, { errors: [{ path: ['status'], message: short, name: 'ValidationError' }] });

/** What operators see and do with delivery rows: list, retry, cancel, health. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService('delivery-store', strapi);
  const clock = () => getService('clock', strapi);

  const view = (row: DeliveryRow): DeliveryView => ({
    id: row.documentId,
    key: row.key,
    status: row.status,
    group: row.groupSlug,
    platform: row.platform,
    source: row.source,
    title: row.title,
    origin: { kind: row.originKind, id: row.originId, step: row.originStep },
    scheduledFor: row.scheduledFor?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    timezone: row.timezone,
    localTime: row.localTime,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    sentAt: row.sentAt?.toISOString() ?? null,
    quietAction: row.quietAction,
    missingAction: row.missingAction ?? null,
    reason: row.reason,
    lastError: row.lastError,
    payload: row.payload ?? null,
  });

  async function byDocumentId(id: string): Promise<DeliveryRow> {
    const row = await store().byDocumentId(id);
    if (!row) throw new errors.NotFoundError(`No delivery with id ${id}`);
    return row;
  }

  return {
    view,
    byDocumentId,

    /**
     * The delivery log by due time. Pages by key: `meta.next` is the cursor of the next page
     * (`after`), null on the last. `meta.total` is exact up to LIST_TOTAL_CAP rows and null
     * beyond (with `atLeast`): counting a long history would read all of it. `offset` still
     * works, for old clients, but reads every row it skips.
     */
    async list(q: { status?: string; group?: string; from?: string; to?: string; limit?: number; offset?: number; after?: string }) {
      const filter = {
        statuses: q.status ? q.status.split(',') : undefined,
        groups: q.group ? [q.group] : undefined,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      };
      const limit = q.limit ?? 100;
      const counted = await store().countUpTo(filter, LIST_TOTAL_CAP);
      const total = counted > LIST_TOTAL_CAP ? { total: null, atLeast: LIST_TOTAL_CAP } : { total: counted };
      if (q.offset) {
        const { rows } = await store().page(filter, limit, q.offset);
        return { data: rows.map(view), meta: { ...total, next: null } };
      }
      const { rows, last } = await store().pageAfter(filter, limit, q.after ? (readCursor(q.after) ?? undefined) : undefined);
      return { data: rows.map(view), meta: { ...total, next: last ? encodeCursor(last) : null } };
    },

    /** Operators can retry a failed or dead row (attempts start over) now. */
    async retry(id: string) {
      const row = await byDocumentId(id);
      const retryable: DeliveryRow['status'][] = ['failed', 'dead', 'cancelled', 'skipped'];
      if (!retryable.includes(row.status)) {
        throw statusError(
          `only failed, dead, cancelled or skipped deliveries can be retried; this one is ${row.status}`,
          `cannot retry a ${row.status} delivery`
        );
      }
      const now = clock().now();
      await store().updateIfStatus(row.id, retryable, {
        status: 'planned',
        dueAt: now,
        attempts: 0,
        nextAttemptAt: null,
        graceSeconds: 31_536_000,
        reason: `retried by an operator at ${now.toISOString()}`,
        updatedAt: now,
      });
      return view(await byDocumentId(id));
    },

    async cancel(id: string) {
      const row = await byDocumentId(id);
      if (!['planned', 'failed'].includes(row.status)) {
        throw statusError(
          `only planned or failed deliveries can be cancelled; this one is ${row.status}`,
          `cannot cancel a ${row.status} delivery`
        );
      }
      await store().updateIfStatus(row.id, ['planned', 'failed'], {
        status: 'cancelled',
        reason: 'cancelled by an operator',
        updatedAt: clock().now(),
      });
      return view(await byDocumentId(id));
    },

    /** Send a planned or failed post at the next dispatcher tick (not a new attempt budget). */
    async sendNow(id: string) {
      const row = await byDocumentId(id);
      if (!['planned', 'failed'].includes(row.status)) {
        const hint = ['dead', 'cancelled', 'skipped'].includes(row.status) ? ' (use retry)' : '';
        throw statusError(
          `only planned or failed deliveries can be sent now; this one is ${row.status}${hint}`,
          `cannot send a ${row.status} delivery now`
        );
      }
      const now = clock().now();
      await store().updateIfStatus(row.id, ['planned', 'failed'], {
        dueAt: now,
        nextAttemptAt: row.status === 'failed' ? now : null,
        graceSeconds: Math.max(row.graceSeconds ?? 0, 86_400),
        reason: `sent now by an operator at ${now.toISOString()}`,
        updatedAt: now,
      });
      return view(await byDocumentId(id));
    },

    async health() {
      const now = clock().now();
      const { due, overdue, oldestDueAt, byStatus, finishedSince } = await store().dueSummary(now, taskPlatformIds());
      const local = getService('planner', strapi).lastRun();
      const lease = await getService('leases', strapi).holder(PLANNER_LEASE);
      // The planner runs on one instance: its last run is the lease's last renewal, or ours.
      const renewed = lease?.renewedAt ? new Date(lease.renewedAt) : null;
      const planner = renewed && (!local || renewed > local) ? renewed : local;
      const dispatcher = getService('dispatcher', strapi);
      const lastDispatch = dispatcher.lastRun();
      return {
        now: now.toISOString(),
        planner: {
          lastRunAt: planner?.toISOString() ?? null,
          leader: lease?.current ? lease.owner : null,
          leaseExpiresAt: lease?.current ? lease.expiresAt : null,
        },
        dispatcher: { lastRunAt: lastDispatch?.toISOString() ?? null, owner: dispatcher.owner },
        due,
        overdue,
        oldestDueLagSeconds: oldestDueAt ? Math.max(0, Math.round((now.getTime() - oldestDueAt.getTime()) / 1000)) : 0,
        // Unfinished statuses: every row; finished ones: rows due since `finishedSince` (24 h).
        byStatus,
        finishedSince: finishedSince.toISOString(),
        // Staff tasks (manual groups) waiting for their owners, not in due/overdue: people post them, not the dispatcher.
        tasks: await getService('tasks', strapi).health(now),
        // Receivers that answered 410 Gone: nothing goes to them until the group is pointed elsewhere.
        disabledEndpoints: await getService('receiver-health', strapi).disabled(),
        // China calendar posts a year ahead that reach a year the holiday data does not cover.
        chinaCalendar: await getService('holiday-data', strapi).health(now),
      };
    },
  };
};
