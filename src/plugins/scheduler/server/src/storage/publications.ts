import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PUBLICATION_UID } from '../constants';
import type { PublicationAction, PublicationRequest, PublicationStatus, RunPatch } from '../publishing';
import { publicationKey } from '../publishing';
import { isPostgres } from './dialect';
import { newDocumentId, rawTable, type DbRow } from './raw-table';

export interface PublicationRow {
  id: number;
  uid: string;
  documentId: string;
  locale: string | null;
  action: PublicationAction;
  at: Date;
  status: PublicationStatus;
  reason: string | null;
  doneAt: Date | null;
  createdBy: string | null;
  runs: number;
  leaseOwner: string | null;
  leaseToken: string | null;
  leaseExpiresAt: Date | null;
}

export interface PublicationFilters {
  uid?: string;
  documentId?: string;
  locale?: string;
  statuses?: PublicationStatus[];
}

/**
 * The SQL of scheduled publications (scheduler_publications), one function per statement.
 * A row is claimed by one instance at a time with a lease (planned → running in one
 * conditional UPDATE, like storage/claims.ts); a running row whose lease ran out (its
 * instance died) is claimed again.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { col, table, knex } = rawTable(strapi, PUBLICATION_UID);
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  const toRow = (r: DbRow): PublicationRow => ({
    id: r.id as number,
    uid: r[col('uid')] as string,
    documentId: r[col('entryDocumentId')] as string,
    locale: (r[col('locale')] as string | null) ?? null,
    action: r[col('action')] as PublicationAction,
    at: date(r[col('at')]) as Date,
    status: r[col('status')] as PublicationStatus,
    reason: (r[col('reason')] as string | null) ?? null,
    doneAt: date(r[col('doneAt')]),
    // Strapi reserves createdBy (its admin-user relation): the column is scheduledBy.
    createdBy: (r[col('scheduledBy')] as string | null) ?? null,
    runs: Number(r[col('runs')] ?? 0),
    leaseOwner: (r[col('leaseOwner')] as string | null) ?? null,
    leaseToken: (r[col('leaseToken')] as string | null) ?? null,
    leaseExpiresAt: date(r[col('leaseExpiresAt')]),
  });
  const filtered = (q: Knex.QueryBuilder, f: PublicationFilters) => {
    if (f.uid) q.where(col('uid'), f.uid);
    if (f.documentId) q.where(col('entryDocumentId'), f.documentId);
    if (f.locale) q.where(col('locale'), f.locale);
    if (f.statuses?.length) q.whereIn(col('status'), f.statuses);
    return q;
  };
  // Due: planned and due, or running with a lease that ran out (its instance died).
  const due = (q: Knex.QueryBuilder, now: Date) =>
    q.where((w) =>
      w
        .where((a) => a.where(col('status'), 'planned').where(col('at'), '<=', now))
        .orWhere((a) => a.where(col('status'), 'running').where(col('leaseExpiresAt'), '<', now))
    );

  return {
    /** Inserts the publication unless the same one (its key) exists; returns the row and whether it is new. */
    async insert(r: PublicationRequest, createdBy: string, now: Date): Promise<{ row: PublicationRow; created: boolean }> {
      const key = publicationKey(r);
      const inserted = await knex()(table())
        .insert({
          [col('documentId')]: newDocumentId(),
          [col('key')]: key,
          [col('uid')]: r.uid,
          [col('entryDocumentId')]: r.documentId,
          [col('locale')]: r.locale,
          [col('action')]: r.action,
          [col('at')]: r.at,
          [col('status')]: 'planned',
          [col('scheduledBy')]: createdBy,
          [col('runs')]: 0,
          [col('createdAt')]: now,
          [col('updatedAt')]: now,
        })
        .onConflict(col('key'))
        .ignore()
        .returning('id');
      const row = (await knex()(table()).where(col('key'), key).first()) as DbRow;
      return { row: toRow(row), created: inserted.length > 0 };
    },

    async findById(id: number): Promise<PublicationRow | null> {
      const row = (await knex()(table()).where('id', id).first()) as DbRow | undefined;
      return row ? toRow(row) : null;
    },

    /** Publications by filters, sorted by `at` (then id), at most `limit`. */
    async list(f: PublicationFilters, limit = 500): Promise<PublicationRow[]> {
      const rows = (await filtered(knex()(table()), f).orderBy(col('at')).orderBy('id').limit(limit)) as DbRow[];
      return rows.map(toRow);
    },

    /** Planned publishes of these entries (uid|documentId), for readiness. */
    async plannedPublishes(entries: { uid: string; documentId: string }[]): Promise<PublicationRow[]> {
      if (!entries.length) return [];
      const rows = (await knex()(table())
        .where(col('status'), 'planned')
        .where(col('action'), 'publish')
        .whereIn(col('entryDocumentId'), [...new Set(entries.map((e) => e.documentId))])
        .orderBy(col('at'))) as DbRow[];
      const wanted = new Set(entries.map((e) => `${e.uid}|${e.documentId}`));
      return rows.map(toRow).filter((r) => wanted.has(`${r.uid}|${r.documentId}`));
    },

    /** Cancels a planned publication (only while planned); true when it did. */
    async cancel(id: number, now: Date): Promise<boolean> {
      const n = await knex()(table())
        .where('id', id)
        .where(col('status'), 'planned')
        .update({ [col('status')]: 'cancelled', [col('doneAt')]: now, [col('updatedAt')]: now });
      return n > 0;
    },

    /**
     * Claims up to `max` due publications for `owner` with a lease until `now + leaseMs`:
     * planned → running, `runs` + 1, in one conditional UPDATE (SQLite: atomic under its
     * single writer; PostgreSQL: the picked rows are locked, SKIP LOCKED). Two instances
     * claiming at once never get the same row.
     */
    async claimDue(owner: string, now: Date, leaseMs: number, max = 50): Promise<PublicationRow[]> {
      const token = crypto.randomUUID();
      const lease = {
        [col('status')]: 'running',
        [col('leaseOwner')]: owner,
        [col('leaseToken')]: token,
        [col('leaseExpiresAt')]: new Date(now.getTime() + leaseMs),
        [col('runs')]: knex().raw('?? + 1', [col('runs')]),
        [col('updatedAt')]: now,
      };
      if (isPostgres(strapi)) {
        return knex().transaction(async (trx) => {
          const ids = (await due(trx(table()).select('id'), now).orderBy(col('at')).orderBy('id').limit(max).forUpdate().skipLocked()) as {
            id: number;
          }[];
          if (!ids.length) return [];
          const rows = (await due(
            trx(table()).whereIn(
              'id',
              ids.map((r) => r.id)
            ),
            now
          )
            .update(lease)
            .returning('*')) as DbRow[];
          return rows.map(toRow).sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
        });
      }
      const ids = due(knex()(table()).select('id'), now).orderBy(col('at')).orderBy('id').limit(max);
      await due(knex()(table()).whereIn('id', ids), now).update(lease);
      const rows = (await knex()(table())
        .where(col('leaseToken'), token)
        .where(col('status'), 'running')
        .orderBy(col('at'))
        .orderBy('id')) as DbRow[];
      return rows.map(toRow);
    },

    /** Records a run's outcome, only while `token`'s lease is the row's; true when it did. */
    async finish(id: number, token: string, patch: RunPatch): Promise<boolean> {
      const n = await knex()(table())
        .where('id', id)
        .where(col('leaseToken'), token)
        .where(col('status'), 'running')
        .update({
          [col('status')]: patch.status,
          [col('reason')]: patch.reason,
          [col('doneAt')]: patch.doneAt,
          [col('leaseExpiresAt')]: null,
          [col('updatedAt')]: patch.doneAt,
        });
      return n > 0;
    },
  };
};
