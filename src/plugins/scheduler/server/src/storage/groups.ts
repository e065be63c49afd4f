import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { APP_UID } from '../constants';
import { rawTable, type DbRow } from './raw-table';

/** The part of a group that tells which receiver its posts go to. */
export interface ReceiverOfGroup {
  platform: string;
  endpoint: string | null;
}

/**
 * The few statements on the app's groups table that delivery needs besides reading groups
 * (which goes through Strapi's query engine): disabling an endpoint, finding the groups
 * that share a receiver, listing disabled endpoints.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { col, table, knex } = rawTable(strapi, APP_UID.group);
  const q = () => knex()(table());

  return {
    /** Disables the group's endpoint (once: the first reason stays). Returns whether this call disabled it. */
    async disableEndpoint(groupId: number, reason: string, at: Date): Promise<boolean> {
      const changed = await q()
        .where('id', groupId)
        .whereNull(col('endpointDisabledAt'))
        .update({ [col('endpointDisabledAt')]: at, [col('endpointDisabledReason')]: reason.slice(0, 1000) });
      return changed > 0;
    },

    /** A subquery: ids of groups on `platform`, with an endpoint under `origin` when given. */
    idsOnReceiver(platform: string, endpoint?: { origin: string } | { exact: string }): Knex.QueryBuilder {
      const query = q().select('id').where(col('platform'), platform);
      if (!endpoint) return query;
      if ('exact' in endpoint) return query.where(col('endpoint'), endpoint.exact);
      return query.where((w) => w.where(col('endpoint'), endpoint.origin).orWhere(col('endpoint'), 'like', `${endpoint.origin}/%`));
    },

    /** Platform and endpoint of these groups. */
    async receivers(ids: number[]): Promise<Map<number, ReceiverOfGroup>> {
      if (!ids.length) return new Map();
      const found = (await q().select('id', col('platform'), col('endpoint')).whereIn('id', ids)) as DbRow[];
      return new Map(
        found.map((g) => [
          g.id as number,
          { platform: g[col('platform')] as string, endpoint: (g[col('endpoint')] as string | null) ?? null },
        ])
      );
    },

    /** Groups whose endpoint is disabled, oldest first. */
    async disabledEndpoints(): Promise<{ group: string; since: string; reason: string | null }[]> {
      const found = (await q()
        .select(col('slug'), col('endpointDisabledAt'), col('endpointDisabledReason'))
        .whereNotNull(col('endpointDisabledAt'))
        .orderBy(col('endpointDisabledAt'))) as DbRow[];
      return found.map((r) => ({
        group: r[col('slug')] as string,
        since: new Date(r[col('endpointDisabledAt')] as string).toISOString(),
        reason: (r[col('endpointDisabledReason')] as string | null) ?? null,
      }));
    },
  };
};
