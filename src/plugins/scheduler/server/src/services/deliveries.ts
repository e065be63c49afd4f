import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLANNER_LEASE, PLUGIN_ID } from '../constants';

const service = <T = any>(strapi: Core.Strapi, name: string) => strapi.plugin(PLUGIN_ID).service(name) as T;

/** What operators see and do with delivery rows: list, retry, cancel, health. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => service(strapi, 'delivery-store');
  const clock = () => service(strapi, 'clock');

  const view = (row: any) => ({
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
    reason: row.reason,
    lastError: row.lastError,
    payload: row.payload ?? null,
  });

  async function byDocumentId(id: string) {
    const s = store();
    const row = await s.knex()(s.table()).where(s.col('documentId'), id).first();
    if (!row) throw new errors.NotFoundError(`No delivery with id ${id}`);
    return s.fromColumns(row);
  }

  return {
    view,
    byDocumentId,

    async list(q: { status?: string; group?: string; from?: string; to?: string; limit?: number; offset?: number }) {
      const s = store();
      const query = s.knex()(s.table());
      if (q.status) query.whereIn(s.col('status'), q.status.split(','));
      if (q.group) query.where(s.col('groupSlug'), q.group);
      if (q.from) query.where(s.col('dueAt'), '>=', new Date(q.from));
      if (q.to) query.where(s.col('dueAt'), '<=', new Date(q.to));
      const total = Number((await query.clone().count({ n: '*' }).first())?.n ?? 0);
      const rows = await query
        .orderBy(s.col('dueAt'))
        .limit(q.limit ?? 100)
        .offset(q.offset ?? 0);
      return { data: rows.map((r: any) => view(s.fromColumns(r))), meta: { total } };
    },

    /** Operators can retry a failed or dead row (attempts start over) now. */
    async retry(id: string) {
      const row = await byDocumentId(id);
      if (!['failed', 'dead', 'cancelled', 'skipped'].includes(row.status)) {
        throw new errors.ValidationError(
          `status: only failed, dead, cancelled or skipped deliveries can be retried; this one is ${row.status}`,
          {
            errors: [{ path: ['status'], message: `cannot retry a ${row.status} delivery`, name: 'ValidationError' }],
          }
        );
      }
      const s = store();
      const now = clock().now();
      await s
        .knex()(s.table())
        .where('id', row.id)
        .update(
          s.toColumns({
            status: 'planned',
            dueAt: now,
            attempts: 0,
            nextAttemptAt: null,
            graceSeconds: 31_536_000,
            reason: `retried by an operator at ${now.toISOString()}`,
            updatedAt: now,
          })
        );
      return view(await byDocumentId(id));
    },

    async cancel(id: string) {
      const row = await byDocumentId(id);
      if (!['planned', 'failed'].includes(row.status)) {
        throw new errors.ValidationError(`status: only planned or failed deliveries can be cancelled; this one is ${row.status}`, {
          errors: [{ path: ['status'], message: `cannot cancel a ${row.status} delivery`, name: 'ValidationError' }],
        });
      }
      const s = store();
      await s
        .knex()(s.table())
        .where('id', row.id)
        .whereIn(s.col('status'), ['planned', 'failed'])
        .update(s.toColumns({ status: 'cancelled', reason: 'cancelled by an operator', updatedAt: clock().now() }));
      return view(await byDocumentId(id));
    },

    async health() {
      const s = store();
      const now = clock().now();
      const dueQuery = () =>
        s
          .knex()(s.table())
          .where((w: any) =>
            w
              .where(s.col('status'), 'planned')
              .where(s.col('dueAt'), '<=', now)
              .orWhere((a: any) => a.where(s.col('status'), 'failed').where(s.col('nextAttemptAt'), '<=', now))
          );
      const due = Number((await dueQuery().clone().count({ n: '*' }).first())?.n ?? 0);
      const overdue = Number(
        (
          await dueQuery()
            .clone()
            .where(s.col('dueAt'), '<', new Date(now.getTime() - 60_000))
            .count({ n: '*' })
            .first()
        )?.n ?? 0
      );
      const oldest = await dueQuery()
        .clone()
        .min({ at: s.col('dueAt') })
        .first();
      const counts = await s.knex()(s.table()).select(s.col('status')).count({ n: '*' }).groupBy(s.col('status'));
      const local = service(strapi, 'planner').lastRun() as Date | null;
      const lease = await service(strapi, 'leader').holder(PLANNER_LEASE);
      // The planner runs on one instance: its last run is the lease's last renewal, or ours.
      const renewed = lease?.renewedAt ? new Date(lease.renewedAt) : null;
      const planner = renewed && (!local || renewed > local) ? renewed : local;
      const dispatcher = service(strapi, 'dispatcher').lastRun();
      return {
        now: now.toISOString(),
        planner: {
          lastRunAt: planner?.toISOString() ?? null,
          leader: lease?.current ? lease.owner : null,
          leaseExpiresAt: lease?.current ? lease.expiresAt : null,
        },
        dispatcher: { lastRunAt: dispatcher?.toISOString() ?? null, owner: service(strapi, 'dispatcher').owner },
        due,
        overdue,
        oldestDueLagSeconds: oldest?.at ? Math.max(0, Math.round((now.getTime() - new Date(oldest.at).getTime()) / 1000)) : 0,
        byStatus: Object.fromEntries(counts.map((c: any) => [c[s.col('status')], Number(c.n)])),
        // Receivers that answered 410 Gone: nothing goes to them until the group is pointed elsewhere.
        disabledEndpoints: await service(strapi, 'endpoint-health').disabled(),
      };
    },
  };
};
