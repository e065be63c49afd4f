import type { Core } from '@strapi/strapi';
import { LEASE_UID } from '../constants';
import { getService } from '../utils/get-service';
import { newDocumentId, rawTable } from '../utils/raw-table';

/**
 * Cluster-wide roles held by one instance at a time, through a lease row in the database
 * (works the same on SQLite and PostgreSQL, no advisory-lock dialect). The holder renews
 * it every round; if the holder dies, the lease runs out and another instance takes it
 * over within one lease period. Only the planner is a role: every instance dispatches.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { col, table, knex } = rawTable(strapi, LEASE_UID);
  const me = () => getService('dispatcher', strapi).owner as string;
  const now = () => getService('clock', strapi).now() as Date;

  return {
    /** Take or renew `name` for `ttlMs`; true when this instance (or `owner`) holds it now. */
    async acquire(name: string, ttlMs: number, owner: string = me()): Promise<boolean> {
      const at = now();
      const expiresAt = new Date(at.getTime() + ttlMs);
      // Renew our own lease, or take one that ran out, in one conditional update.
      const taken = await knex()(table())
        .where(col('name'), name)
        .where((w: any) => w.where(col('owner'), owner).orWhere(col('expiresAt'), '<', at).orWhereNull(col('expiresAt')))
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
      const row = await knex()(table()).where(col('name'), name).first();
      return row?.[col('owner')] === owner && new Date(row[col('expiresAt')]).getTime() === expiresAt.getTime();
    },

    /** Give the role up at shutdown, so another instance takes it at once. */
    async release(name: string, owner: string = me()) {
      await knex()(table())
        .where(col('name'), name)
        .where(col('owner'), owner)
        .update({ [col('expiresAt')]: null, [col('updatedAt')]: now() });
    },

    /** Who holds `name`, until when, and when it was last renewed (null when nobody ever did). */
    async holder(
      name: string
    ): Promise<{ owner: string | null; expiresAt: string | null; renewedAt: string | null; current: boolean } | null> {
      const row = await knex()(table()).where(col('name'), name).first();
      if (!row) return null;
      const expiresAt = row[col('expiresAt')] ? new Date(row[col('expiresAt')]) : null;
      return {
        owner: row[col('owner')] ?? null,
        expiresAt: expiresAt?.toISOString() ?? null,
        renewedAt: row[col('updatedAt')] ? new Date(row[col('updatedAt')]).toISOString() : null,
        current: Boolean(expiresAt && expiresAt > now()),
      };
    },
  };
};
