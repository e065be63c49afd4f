import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { APP_UID } from '../constants';
import { retryDelayMs } from '../delivery/backoff';
import type { DeliveryRow } from '../delivery/types';
import { getPlatform } from '../platforms/registry';
import { getService } from '../utils/get-service';
import type { TargetGroup } from './targets';

/** The lease owner recorded on rows a bot leased. */
const BOT_LEASE_OWNER = 'bot-lease-api';

/**
 * The API for bots that cannot receive webhooks (e.g. a bot logged into a personal chat
 * account): lease due posts of their groups, then ack or nack them. An unacked lease
 * expires and the post comes back.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService('delivery-store', strapi);
  const clock = () => getService('clock', strapi);
  const deliveries = () => getService('deliveries', strapi);
  const dispatcher = () => getService('dispatcher', strapi);

  async function leased(id: string, leaseToken: string): Promise<DeliveryRow> {
    const row = await deliveries().byDocumentId(id);
    if (row.status !== 'sending' || getPlatform(row.platform ?? '')?.delivery !== 'leased-by-bot') {
      throw new errors.ValidationError(`status: delivery ${id} is not leased (it is ${row.status})`, {
        errors: [{ path: ['status'], message: `not leased: ${row.status}`, name: 'ValidationError' }],
      });
    }
    if (leaseToken !== row.leaseToken) {
      throw new errors.ForbiddenError('leaseToken does not hold this delivery (its lease expired and it was leased again)');
    }
    if (row.leaseExpiresAt && row.leaseExpiresAt < clock().now()) {
      throw new errors.ValidationError('leaseToken: the lease has expired; lease the post again', {
        errors: [{ path: ['leaseToken'], message: 'lease expired', name: 'ValidationError' }],
      });
    }
    return row;
  }

  return {
    async lease(input: { groups?: string[]; max: number; visibilitySeconds: number }) {
      const rows = await getService('claims', strapi).claim(input.max, BOT_LEASE_OWNER, {
        forBots: true,
        groups: input.groups,
        leaseSeconds: input.visibilitySeconds,
      });
      const out = [];
      for (const row of rows) {
        const group = (await strapi.db.query(APP_UID.group).findOne({
          where: { id: row.groupId },
          select: ['id', 'documentId', 'slug', 'name', 'timezone', 'locale', 'stage', 'platform', 'cohortStart', 'maxPostsPerHour'],
          populate: { quietHours: true },
        })) as TargetGroup | null;
        if (!group) {
          await dispatcher().finish(row, { status: 'skipped', reason: 'group deleted' });
          continue;
        }
        // The schedule's or step's whenMissing, as the dispatcher applies it: skipped or held rows are not handed out.
        const prepared = await getService('compose', strapi).composeForSend(row, group, undefined, clock().now());
        if (prepared.kind === 'finish') {
          await dispatcher().finish(row, prepared.patch);
          continue;
        }
        const { composed } = prepared;
        if (prepared.missing.missingAction) await store().setMissingAction(row.id, prepared.missing.missingAction, prepared.sentReason);
        await store().saveLeasedPayload(row.id, { markdown: composed.markdown, renditions: composed.renditions });
        out.push({
          id: row.documentId,
          key: row.key,
          leaseToken: row.leaseToken,
          leaseExpiresAt: row.leaseExpiresAt?.toISOString() ?? null,
          group: { slug: group.slug, name: group.name, timezone: group.timezone, locale: group.locale },
          scheduledFor: row.scheduledFor.toISOString(),
          source: row.source,
          title: composed.title,
          attempts: row.attempts,
          content: {
            markdown: composed.markdown,
            ...Object.fromEntries(Object.entries(composed.renditions).map(([f, r]) => [f, { body: r.body, parts: r.parts }])),
          },
        });
      }
      return out;
    },

    async ack(id: string, leaseToken: string) {
      const row = await leased(id, leaseToken);
      await dispatcher().finish(row, { status: 'sent', sentAt: clock().now(), attempts: (row.attempts ?? 0) + 1, lastError: null });
      return deliveries().view(await deliveries().byDocumentId(id));
    },

    async nack(id: string, input: { leaseToken: string; retryInSeconds?: number | null; reason: string }) {
      const row = await leased(id, input.leaseToken);
      const attempts = (row.attempts ?? 0) + 1;
      const now = clock().now().getTime();
      if (attempts >= (row.maxAttempts ?? 6)) {
        await dispatcher().finish(row, {
          status: 'dead',
          attempts,
          lastError: input.reason,
          reason: `gave up after ${attempts} attempts: ${input.reason}`,
        });
      } else {
        const delay = input.retryInSeconds != null ? input.retryInSeconds * 1000 : retryDelayMs(attempts);
        await dispatcher().finish(row, {
          status: 'failed',
          attempts,
          nextAttemptAt: new Date(now + delay),
          lastError: input.reason,
          reason: `the bot reported a failure: ${input.reason}`,
        });
      }
      return deliveries().view(await deliveries().byDocumentId(id));
    },
  };
};
