import type { Core } from '@strapi/strapi';
import crypto from 'crypto';
import { APP_UID, PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { getService } from '../utils/get-service';
import { rawTable } from '../utils/raw-table';

/**
 * What the dispatcher learns about receivers, kept in the database:
 *  - a receiver that answers 410 Gone disables its group's endpoint (the group's
 *    endpointDisabledAt / endpointDisabledReason): no further requests go there until an
 *    operator points the group elsewhere or clears the field;
 *  - while posts wait on a receiver that is down, the oldest of them probes it once per
 *    probe interval, cluster-wide (a probe that finds it still down is not an attempt);
 *  - a receiver that was down and answers again releases the posts waiting for their next
 *    retry on the same receiver, so an outage ends for everyone at its first success.
 */
/** One receiver: a webhook origin, or a platform's API. */
export function receiverKey(group: { platform: string; endpoint: string | null }): string {
  if (group.platform !== 'webhook') return group.platform;
  try {
    return `webhook:${new URL(group.endpoint ?? '').origin}`;
  } catch {
    return `webhook:${group.endpoint ?? ''}`;
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const groups = rawTable(strapi, APP_UID.group);
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  let lastProbeRound = 0;

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
      if (released > 0)
        strapi.log.info(`[scheduler] the receiver of ${group.slug} answers again: ${released} waiting posts on it released`);
      return released;
    },

    /**
     * For each receiver that posts are waiting on (they found it down), once per probe
     * interval across the cluster: its oldest waiting post is due now, as a probe.
     * Checked at most every few seconds per instance. Returns how many probes it set.
     */
    async probe(now: Date): Promise<number> {
      const intervalMs = config().probeIntervalMs;
      if (Math.abs(now.getTime() - lastProbeRound) < Math.min(5_000, intervalMs)) return 0;
      lastProbeRound = now.getTime();
      const s = getService('delivery-store', strapi);
      const waiting = () =>
        s
          .knex()(s.table())
          .where(s.col('status'), 'failed')
          .where(s.col('failureClass'), 'down')
          .where(s.col('nextAttemptAt'), '>', now)
          .whereNull(s.col('probeAt'));
      const heads = await waiting()
        .select(s.col('groupId'))
        .min({ dueAt: s.col('dueAt') })
        .groupBy(s.col('groupId'));
      if (!heads.length) return 0;
      const info = await groups
        .knex()(groups.table())
        .select('id', groups.col('platform'), groups.col('endpoint'))
        .whereIn(
          'id',
          heads.map((h: any) => h[s.col('groupId')])
        );
      const byId = new Map(info.map((g: any) => [g.id, { platform: g[groups.col('platform')], endpoint: g[groups.col('endpoint')] }]));
      // The receiver's oldest waiting post probes it.
      const oldest = new Map<string, { groupId: number; dueAt: number }>();
      for (const h of heads) {
        const g = byId.get(h[s.col('groupId')]);
        if (!g) continue;
        const key = receiverKey(g as any);
        const dueAt = new Date(h.dueAt).getTime();
        if (!oldest.has(key) || dueAt < oldest.get(key)!.dueAt) oldest.set(key, { groupId: h[s.col('groupId')], dueAt });
      }
      let probes = 0;
      for (const [key, head] of oldest) {
        // A lease per receiver that nobody renews: whoever finds it run out probes, once per interval.
        const name = `probe:${crypto.createHash('sha1').update(key).digest('hex').slice(0, 32)}`;
        if (!(await getService('leader', strapi).acquire(name, intervalMs, `probe:${crypto.randomUUID()}`))) continue;
        const [first] = await waiting().where(s.col('groupId'), head.groupId).orderBy(s.col('dueAt')).orderBy('id').limit(1).select('id');
        if (!first) continue;
        probes += await s
          .knex()(s.table())
          .where('id', first.id)
          .whereNull(s.col('probeAt'))
          .update({ [s.col('probeAt')]: now });
      }
      return probes;
    },

    /** Groups whose endpoint is disabled, for health. */
    async disabled(): Promise<{ group: string; since: string; reason: string | null }[]> {
      const rows = await groups
        .knex()(groups.table())
        .select(groups.col('slug'), groups.col('endpointDisabledAt'), groups.col('endpointDisabledReason'))
        .whereNotNull(groups.col('endpointDisabledAt'))
        .orderBy(groups.col('endpointDisabledAt'));
      return rows.map((r: any) => ({
        group: r[groups.col('slug')],
        since: new Date(r[groups.col('endpointDisabledAt')]).toISOString(),
        reason: r[groups.col('endpointDisabledReason')] ?? null,
      }));
    },
  };
};
