import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { LEASE_UID } from '../constants';
import { getService } from '../utils/get-service';
import { isPostgres } from './dialect';
import { newDocumentId, rawTable, type DbRow } from './raw-table';

export interface LeaseHolder {
  owner: string | null;
  expiresAt: string | null;
  renewedAt: string | null;
  current: boolean;
}

/**
 * Named leases in one table (works the same on SQLite and PostgreSQL, no advisory-lock
 * dialect): cluster-wide roles held by one instance at a time (the planner), a probe per
 * receiver and interval, and the cluster's heartbeat row. A holder renews its lease; if it
 * dies, the lease runs out and another instance takes it over within one lease period.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { col, table, knex } = rawTable(strapi, LEASE_UID);
  const me = () => getService('dispatcher', strapi).owner;
  const now = () => getService('clock', strapi).now();
  const date = (v: unknown) => (v ? new Date(v as string) : null);

  return {
    /** Take or renew `name` for `ttlMs`; true when this instance (or `owner`) holds it now. */
    async acquire(name: string, ttlMs: number, owner: string = me()): Promise<boolean> {
      const at = now();
      const expiresAt = new Date(at.getTime() + ttlMs);
      // Renew our own lease, or take one that ran out, in one conditional update.
      const taken = await knex()(table())
        .where(col('name'), name)
        .where((w) => w.where(col('owner'), owner).orWhere(col('expiresAt'), '<', at).orWhereNull(col('expiresAt')))
        .update({ [col('owner')]: owner, [col('expiresAt')]: expiresAt, [col('updatedAt')]: at });
      if (taken > 0) return true;
      // No row yet: the first instance creates it; the unique index settles a race.
      await knex()(table())
        .insert({
          [col('documentId')]: newDocumentId(),
          [col('name')]: name,
          [col('owner')]: owner,
          [col('expiresAt')]: expiresAt,
          [col('createdAt')]: at,
          [col('updatedAt')]: at,
        })
        .onConflict(col('name'))
        .ignore();
      const row = (await knex()(table()).where(col('name'), name).first()) as DbRow | undefined;
      return row?.[col('owner')] === owner && date(row[col('expiresAt')])?.getTime() === expiresAt.getTime();
    },

    /** Give a role up at shutdown, so another instance takes it at once. */
    async release(name: string, owner: string = me()) {
      await knex()(table())
        .where(col('name'), name)
        .where(col('owner'), owner)
        .update({ [col('expiresAt')]: null, [col('updatedAt')]: now() });
    },

    /** Who holds `name`, until when, and when it was last renewed (null when nobody ever did). */
    async holder(name: string): Promise<LeaseHolder | null> {
      const row = (await knex()(table()).where(col('name'), name).first()) as DbRow | undefined;
      if (!row) return null;
      const expiresAt = date(row[col('expiresAt')]);
      return {
        owner: (row[col('owner')] as string | null) ?? null,
        expiresAt: expiresAt?.toISOString() ?? null,
        renewedAt: date(row[col('updatedAt')])?.toISOString() ?? null,
        current: Boolean(expiresAt && expiresAt > now()),
      };
    },

    // --- a periodic job's marker: `expiresAt` is its last run ------------------------------

    /**
     * Claims a run of the job `name` at `at` if its last run is older than `everyMs` (or there
     * was none), in one conditional update: of two instances asking together, one gets it.
     * Kept in the database, so a restart or a new leader does not run the job again early.
     */
    async claimRun(name: string, owner: string, at: Date, everyMs: number): Promise<boolean> {
      const mark = { [col('owner')]: owner, [col('expiresAt')]: at, [col('updatedAt')]: at };
      const claimed = await knex()(table())
        .where(col('name'), name)
        .where((w) => w.where(col('expiresAt'), '<=', new Date(at.getTime() - everyMs)).orWhereNull(col('expiresAt')))
        .update(mark);
      if (claimed > 0) return true;
      const created = await knex()(table())
        .insert({ [col('documentId')]: newDocumentId(), [col('name')]: name, ...mark, [col('createdAt')]: at })
        .onConflict(col('name'))
        .ignore()
        .returning('id');
      return created.length > 0;
    },

    /** Sets the marker `name` to `value` (kept in expiresAt), creating it the first time. */
    async setMarker(name: string, owner: string, value: Date, at: Date): Promise<void> {
      const mark = { [col('owner')]: owner, [col('expiresAt')]: value, [col('updatedAt')]: at };
      const updated = await knex()(table()).where(col('name'), name).update(mark);
      if (updated > 0) return;
      await knex()(table())
        .insert({ [col('documentId')]: newDocumentId(), [col('name')]: name, ...mark, [col('createdAt')]: at })
        .onConflict(col('name'))
        .merge(mark);
    },

    // --- the heartbeat row: `expiresAt` is its last renewal -------------------------------

    /** Renews `name` at `at` if it was renewed since `freshSince`; false when it is older (a gap) or missing. */
    async renewIfFresh(name: string, owner: string, at: Date, freshSince: Date): Promise<boolean> {
      const renewed = await knex()(table())
        .where(col('name'), name)
        .where(col('expiresAt'), '>=', freshSince)
        .update({ [col('owner')]: owner, [col('expiresAt')]: at, [col('updatedAt')]: at });
      return renewed > 0;
    },

    /**
     * In `trx`: locks `name` (a row lock on PostgreSQL, SQLite's write lock by writing), then
     * reads its last renewal, renews it at `at` (creating it the first time) and returns the
     * renewal before, or null when there was none: of two instances starting together, one
     * sees the gap and the other sees it closed.
     */
    async lockAndRenew(trx: Knex.Transaction, name: string, owner: string, at: Date): Promise<{ existed: boolean; last: Date | null }> {
      let row: DbRow | undefined;
      if (isPostgres(strapi)) row = await trx(table()).where(col('name'), name).forUpdate().first();
      else {
        await trx(table())
          .where(col('name'), name)
          .update({ [col('updatedAt')]: at });
        row = await trx(table()).where(col('name'), name).first();
      }
      const renew = { [col('owner')]: owner, [col('expiresAt')]: at, [col('updatedAt')]: at };
      if (!row) {
        await trx(table())
          .insert({ [col('documentId')]: newDocumentId(), [col('name')]: name, ...renew, [col('createdAt')]: at })
          .onConflict(col('name'))
          .ignore();
        return { existed: false, last: null };
      }
      await trx(table()).where(col('name'), name).update(renew);
      return { existed: true, last: date(row[col('expiresAt')]) };
    },

    /** The last renewal of `name` (the heartbeat), or null before the first. */
    async lastRenewal(name: string): Promise<Date | null> {
      const row = (await knex()(table()).where(col('name'), name).first()) as DbRow | undefined;
      return row ? date(row[col('expiresAt')]) : null;
    },

    /** A marker's value (setMarker), or null when it was never set. */
    async markerValue(name: string): Promise<Date | null> {
      const row = (await knex()(table()).select(col('expiresAt')).where(col('name'), name).first()) as DbRow | undefined;
      return row ? date(row[col('expiresAt')]) : null;
    },
  };
};
