import type { Core } from '@strapi/strapi';
import { APP_UID } from '../constants';
import { getService } from '../utils/get-service';
import { rawTable } from '../utils/raw-table';

/**
 * What the dispatcher learns about receivers, kept in the database:
 *  - a receiver that answers 410 Gone disables its group's endpoint (the group's
 *    endpointDisabledAt / endpointDisabledReason): no further requests go there until an
 *    operator points the group elsewhere or clears the field;
 *  - a receiver that was down and answers again releases the posts waiting for their next
 *    retry on the same receiver, so an outage ends for everyone at its first success.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const groups = rawTable(strapi, APP_UID.group);

  /** Groups that share a receiver with `group`: the same webhook origin, or the same platform API. */
  function sameReceiver(group: { platform: string; endpoint: string | null }) {
    const q = groups.knex()(groups.table()).select('id').where(groups.col('platform'), group.platform);
    if (group.platform !== 'webhook') return q;
    let origin: string;
    try {
      origin = new URL(group.endpoint ?? '').origin;
    } catch {
      return q.where(groups.col('endpoint'), group.endpoint ?? '');
    }
    return q.where((w: any) => w.where(groups.col('endpoint'), origin).orWhere(groups.col('endpoint'), 'like', `${origin}/%`));
  }

  return {
    async disable(group: { id: number; slug: string }, reason: string, at: Date) {
      await groups
        .knex()(groups.table())
        .where('id', group.id)
        .whereNull(groups.col('endpointDisabledAt'))
        .update({ [groups.col('endpointDisabledAt')]: at, [groups.col('endpointDisabledReason')]: reason.slice(0, 1000) });
      strapi.log.warn(`[scheduler] endpoint of group ${group.slug} disabled: ${reason}`);
    },

    /** After a success on a receiver that was down: its other waiting posts are due now. Returns how many. */
    async recovered(group: { slug: string; platform: string; endpoint: string | null }, now: Date): Promise<number> {
      const s = getService('delivery-store', strapi);
      const released = await s
        .knex()(s.table())
        .where(s.col('status'), 'failed')
        .where(s.col('failureClass'), 'down')
        .where(s.col('nextAttemptAt'), '>', now)
        .whereIn(s.col('groupId'), sameReceiver(group))
        .update({ [s.col('nextAttemptAt')]: now, [s.col('updatedAt')]: now });
      // Named by group, never by URL: endpoints may carry credentials.
      if (released > 0) strapi.log.info(`[scheduler] the receiver of ${group.slug} answers again: ${released} waiting posts on it released`);
      return released;
    },

    /** Groups whose endpoint is disabled, for health. */
    async disabled(): Promise<{ group: string; since: string; reason: string | null }[]> {
      const rows = await groups
        .knex()(groups.table())
        .select(groups.col('slug'), groups.col('endpointDisabledAt'), groups.col('endpointDisabledReason'))
        .whereNotNull(groups.col('endpointDisabledAt'))
        .orderBy(groups.col('endpointDisabledAt'));
      return rows.map((r: any) => ({ group: r[groups.col('slug')], since: new Date(r[groups.col('endpointDisabledAt')]).toISOString(), reason: r[groups.col('endpointDisabledReason')] ?? null }));
    },
  };
};
