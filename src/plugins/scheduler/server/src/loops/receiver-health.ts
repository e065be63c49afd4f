import type { Core } from '@strapi/strapi';
import crypto from 'crypto';
import { PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { getPlatform } from '../platforms/registry';
import { getService } from '../utils/get-service';
import type { ReceiverOfGroup } from '../storage/groups';

/** Where a receiver's posts go: an endpoint's origin, or the platform's own API. */
function origin(endpoint: string | null): { origin: string } | { exact: string } {
  try {
    return { origin: new URL(endpoint ?? '').origin };
  } catch {
    return { exact: endpoint ?? '' };
  }
}

/** One receiver: an endpoint origin (platforms whose receivers are their groups' URLs), or a platform's API. */
export function receiverKey(group: ReceiverOfGroup): string {
  if (getPlatform(group.platform)?.receiver !== 'endpoint-origin') return group.platform;
  const o = origin(group.endpoint);
  return `${group.platform}:${'origin' in o ? o.origin : o.exact}`;
}

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
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const groups = () => getService('group-store', strapi);
  const store = () => getService('delivery-store', strapi);
  let lastProbeRound = 0;

  /** Groups that share a receiver with `group`: the same endpoint origin, or the same platform API. */
  const sameReceiver = (group: ReceiverOfGroup) =>
    getPlatform(group.platform)?.receiver === 'endpoint-origin'
      ? groups().idsOnReceiver(group.platform, origin(group.endpoint))
      : groups().idsOnReceiver(group.platform);

  return {
    /** `secret`: the group's opened credential, kept out of the notice. */
    async disable(group: { id: number; slug: string; secret?: string | null }, reason: string, at: Date) {
      // Only the instance that disabled it (the conditional update) tells the team, once per disabling.
      if (!(await groups().disableEndpoint(group.id, reason, at))) return;
      strapi.log.warn(`[scheduler] endpoint of group ${group.slug} disabled: ${reason}`);
      await getService('notices', strapi).raiseSafely({
        kind: 'endpoint-disabled',
        subjectGroupId: group.id,
        subjectKey: `${group.id}@${at.getTime()}`,
        reason,
        secret: group.secret ?? null,
      });
    },

    /** After a success on a receiver that was down: its other waiting posts are due now. Returns how many. */
    async recovered(group: ReceiverOfGroup & { slug: string }, now: Date): Promise<number> {
      const released = await store().releaseWaitingOn(sameReceiver(group), now);
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
      const heads = await store().groupsWaitingOnDownReceivers(now);
      if (!heads.length) return 0;
      const receivers = await groups().receivers(heads.map((h) => h.groupId));
      // The receiver's oldest waiting post probes it.
      const oldest = new Map<string, { groupId: number; dueAt: number }>();
      for (const h of heads) {
        const g = receivers.get(h.groupId);
        if (!g) continue;
        const key = receiverKey(g);
        const known = oldest.get(key);
        if (!known || h.dueAt < known.dueAt) oldest.set(key, h);
      }
      let probes = 0;
      for (const [key, head] of oldest) {
        // A lease per receiver that nobody renews: whoever finds it run out probes, once per interval.
        const name = `probe:${crypto.createHash('sha1').update(key).digest('hex').slice(0, 32)}`;
        if (!(await getService('leases', strapi).acquire(name, intervalMs, `probe:${crypto.randomUUID()}`))) continue;
        probes += await store().markProbe(head.groupId, now);
      }
      return probes;
    },

    /** Groups whose endpoint is disabled, for health. */
    disabled: () => groups().disabledEndpoints(),
  };
};
