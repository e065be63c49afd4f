import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { APP_UID, PLUGIN_ID } from '../constants';
import type { PlatformConfig, SchedulerConfig } from '../config';
import { credentialScrubber } from '../delivery/scrub';
import { afterAllPartsSent, afterFailedRequest, afterRefusedDestination } from '../delivery/next-state';
import type { Outcome } from '../delivery/outcome';
import { MINUTE_MS, paceWait, type PaceLimit } from '../delivery/pacing';
import type { DeliveryPatch, DeliveryRow } from '../delivery/types';
import { getPlatform, renditionsFor } from '../platforms/registry';
import { PlatformConfigError, trimSlash, type HttpRequestSpec, type PostForDelivery } from '../platforms/types';
import { groupAad, keyringFromEnv, type SealedGroupField } from '../secrets/keyring';
import { open } from '../secrets/secret-box';
import { isDatabaseUnavailable } from '../storage/db-errors';
import type { FinishItem } from '../storage/delivery-store';
import { getService } from '../utils/get-service';
import { groupBy } from '../utils/group-by';
import type { TargetGroup } from '../services/targets';
import { receiverKey } from './receiver-health';

/** A group as the dispatcher reads it: what composing needs, where it goes, and its (opened) secret. */
export interface DispatchGroup extends TargetGroup {
  endpoint: string | null;
  secret: string | null;
  /** The secret before the last rotation (sealed as read; opened while its grace period lasts, else null). */
  previousSecret?: string | null;
  secretRotatedAt?: string | Date | null;
  /** The key the platform's requests are signed with (sealed as read; opened by `opened`). No rotation grace: see group-fields. */
  signingSecret?: string | null;
  endpointDisabledAt: string | Date | null;
  endpointDisabledReason: string | null;
  /** Set when the sealed secret cannot be opened: only this group's posts fail. */
  secretProblem?: string;
}

const GROUP_SELECT = [
  'id',
  'documentId',
  'slug',
  'name',
  'timezone',
  'locale',
  'stage',
  'platform',
  'cohortStart',
  'maxPostsPerHour',
  'endpoint',
  'secret',
  'previousSecret',
  'secretRotatedAt',
  'signingSecret',
  'endpointDisabledAt',
  'endpointDisabledReason',
];

/** Masks every credential of a group (its secret and signing secret) in a text. */
function scrubGroup(group: Pick<DispatchGroup, 'secret' | 'signingSecret'> | null | undefined): (text: string) => string {
  const secret = credentialScrubber(group?.secret);
  const signing = credentialScrubber(group?.signingSecret);
  return (text) => signing(secret(text));
}

/** Per tick: finished rows waiting to be written (one transaction per batch), the rows' groups (read once), receivers found back. */
interface TickContext {
  pending: { row: DeliveryRow; patch: DeliveryPatch }[];
  groups: Map<number, DispatchGroup>;
  recovered: Set<string>;
  /** Set when the database went away: nothing more is sent this round (its outcome could not be recorded). */
  dbDown: boolean;
  /** The outcome write under way (one at a time; settles, never rejects). */
  writing: Promise<void>;
}

/** Outcomes written per statement while a round sends. */
const OUTCOME_BATCH = 50;
/** A round claims ahead only this long: the next round starts with the receivers' probe (loops/receiver-health.ts). */
const CLAIM_AHEAD_MS = 5_000;

/** How long outcomes are kept trying after their lease ran out: while the database is away nobody can claim the rows again. */
const WRITE_RETRY_BEYOND_LEASE_MS = 5 * 60_000;

/**
 * Sends due rows through their platform (platforms/registry.ts): claims them with a lease
 * (storage/claims.ts), sends each group's one after another, and records outcomes only
 * while it holds the lease, so a crashed worker's rows are claimed again and the receiver
 * sees the same post id.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => getService('delivery-store', strapi);
  const clock = () => getService('clock', strapi);
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  /** Last sends per target, for the rate limits kept per instance. */
  const lastSends = new Map<string, number[]>();
  let lastRun: Date | null = null;
  /** Rows dead with their group's endpoint disabled: the endpoint-disabled notice tells the team, not a post-dead one. */
  const deadWithEndpoint = new Set<number>();

  /**
   * Writes outcomes in one transaction. When the database is away (restarting, failing
   * over) it tries again, at least every second, so the outcomes land as soon as it is
   * back, before another worker could claim the rows again, and gives up only well after
   * their leases ran out (then the conditional update would change nothing anyway).
   */
  async function write(items: { row: DeliveryRow; patch: DeliveryPatch }[], ctx?: TickContext) {
    const until = Math.max(...items.map(({ row }) => row.leaseExpiresAt?.getTime() ?? 0)) + WRITE_RETRY_BEYOND_LEASE_MS;
    const finished: FinishItem[] = items.map(({ row, patch }) => ({ id: row.id, leaseToken: row.leaseToken, patch }));
    for (let attempt = 0; ; attempt++) {
      const now = clock().now();
      try {
        // Only the lease holder may finish a row: a worker whose lease expired changes nothing.
        const changed = await store().finishClaimed(finished, now);
        if (attempt > 0) strapi.log.info(`[scheduler] recorded ${items.length} outcomes after ${attempt} retries`);
        await noticeDead(items, changed, ctx);
        return;
      } catch (err) {
        if (ctx && isDatabaseUnavailable(err)) ctx.dbDown = true;
        if (now.getTime() >= until) {
          strapi.log.error(
            `[scheduler] could not record ${items.length} outcomes (${(err as Error).message}); their leases ran out and they will be claimed again`
          );
          return;
        }
        if (attempt === 0)
          strapi.log.warn(`[scheduler] recording outcomes failed (${(err as Error).message}); trying again until it works`);
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 1000)));
      }
    }
  }

  /** After their outcome is stored: each post that went dead tells its group's team group (never breaking dispatch). */
  async function noticeDead(items: { row: DeliveryRow; patch: DeliveryPatch }[], stored: Set<number>, ctx?: TickContext) {
    for (const { row, patch } of items) {
      if (patch.status !== 'dead') continue;
      if (deadWithEndpoint.delete(row.id)) continue;
      // Not stored (its lease ran out): the row is another worker's now, and may yet be sent.
      if (!stored.has(row.id)) continue;
      await getService('notices', strapi).raiseSafely({
        kind: 'post-dead',
        subjectGroupId: row.groupId,
        subjectKey: String(row.id),
        delivery: row,
        reason: patch.reason ?? patch.lastError ?? null,
        secret: ctx?.groups.get(row.groupId)?.secret ?? null,
      });
    }
  }

  /**
   * Starts writing a tick's pending outcomes behind the write under way. The caller waits
   * only for the write before it: sending goes on while a batch is written, and when the
   * database is slow or away the senders stop at the second batch (nothing piles up).
   */
  async function flush(ctx: TickContext) {
    const items = ctx.pending.splice(0);
    const before = ctx.writing;
    ctx.writing = before.then(() => (items.length ? write(items, ctx) : undefined));
    await before;
  }

  /** Records a row's outcome (batched within a tick); returns it. */
  async function finish(row: DeliveryRow, patch: DeliveryPatch, ctx?: TickContext): Promise<DeliveryPatch> {
    if (ctx) {
      ctx.pending.push({ row, patch });
      if (ctx.pending.length >= OUTCOME_BATCH) await flush(ctx);
    } else await write([{ row, patch }]);
    return patch;
  }

  /**
   * 0 when the target has room this minute — and then the slot is taken at once, before the
   * request goes out, so concurrent sends to one target cannot all pass the check —
   * otherwise how long to wait.
   */
  function localRateLimitWait(target: string, limit: PaceLimit, now: number): number {
    const sent = (lastSends.get(target) ?? []).filter((t) => t > now - MINUTE_MS);
    lastSends.set(target, sent);
    const wait = paceWait(sent, now, limit);
    if (wait === 0) sent.push(now);
    return wait;
  }

  // Secrets are opened once per sealed value (not per post or tick); never logged, never
  // stored. Keyed by the row and field it is bound to and the sealed text, so a changed
  // secret is opened afresh and a value copied to another group is not taken from here.
  const openedSecrets = new Map<string, string>();
  const openOne = (group: DispatchGroup, field: SealedGroupField, sealed: string): string => {
    const aad = groupAad(group.documentId, field);
    const cacheKey = `${aad}\n${sealed}`;
    let plain = openedSecrets.get(cacheKey);
    if (plain === undefined) {
      plain = open(sealed, keyringFromEnv(), aad);
      if (openedSecrets.size >= 5000) openedSecrets.clear();
      openedSecrets.set(cacheKey, plain);
    }
    return plain;
  };
  const opened = (group: DispatchGroup): DispatchGroup => {
    const previous = group.previousSecret;
    group.previousSecret = null;
    if (group.signingSecret) {
      try {
        group.signingSecret = openOne(group, 'signingSecret', group.signingSecret);
      } catch {
        // As for `secret`: this group's posts fail, saying which field to enter again (never its value).
        group.signingSecret = null;
        group.secretProblem = "the group's signingSecret cannot be decrypted with the current keys: enter it again";
      }
    } else group.signingSecret = null;
    if (!group.secret) return group;
    try {
      group.secret = openOne(group, 'secret', group.secret);
    } catch {
      // A rotated ENCRYPTION_KEY or a damaged value: this group's posts fail, nobody else's.
      // The error says nothing about the value (it is the credential, or garbage).
      group.secret = null;
      group.secretProblem = "the group's secret cannot be decrypted with the current keys: enter it again";
      return group;
    }
    // The old signing secret still signs, beside the new one, until the grace period is over.
    const rotatedAt = group.secretRotatedAt ? new Date(group.secretRotatedAt).getTime() : NaN;
    if (previous && clock().now().getTime() < rotatedAt + config().secretGraceHours * 3_600_000) {
      try {
        group.previousSecret = openOne(group, 'previousSecret', previous);
      } catch {
        // Only the new secret signs then; receivers already on it accept.
      }
    }
    return group;
  };

  /** Groups by id, in one query (a tick reads all of its rows' groups at once). */
  async function readGroups(ids: number[]): Promise<Map<number, DispatchGroup>> {
    const found = new Map<number, DispatchGroup>();
    if (!ids.length) return found;
    const rows = (await strapi.db
      .query(APP_UID.group)
      .findMany({ where: { id: { $in: ids } }, select: GROUP_SELECT, populate: { quietHours: true } })) as DispatchGroup[];
    for (const g of rows) found.set(g.id, opened(g));
    return found;
  }

  /** 0 when the post may go to its target now (a slot is taken), else how long to wait. */
  async function rateLimitWait(
    group: DispatchGroup,
    platform: { id: string; rateLimit: { shared: boolean; perSecond?: number } },
    settings: PlatformConfig,
    now: Date
  ) {
    const target = `${platform.id}:${group.endpoint ?? group.id}`;
    // A lowered perMinute (SCHEDULER_PACING_*) lowers the second's limit with it, never raises it.
    const perSecond = platform.rateLimit.perSecond ? Math.min(platform.rateLimit.perSecond, settings.perMinute) : undefined;
    const limit: PaceLimit = { perMinute: settings.perMinute, perSecond };
    // Platforms that block robots over their limit are counted across all instances in the
    // database; the others' limit is a courtesy to our own receivers, kept per instance in
    // memory (no database round trip per post).
    return platform.rateLimit.shared
      ? getService('rate-limit-slots', strapi).reserve(target, limit, now)
      : localRateLimitWait(target, limit, now.getTime());
  }

  async function sendOne(row: DeliveryRow, ctx?: TickContext): Promise<DeliveryPatch> {
    const now = clock().now();
    const group = (ctx?.groups ?? (await readGroups([row.groupId]))).get(row.groupId) ?? null;
    if (!group || group.stage === 'closed') {
      return finish(row, { status: 'cancelled', reason: group ? 'group closed' : 'group deleted' }, ctx);
    }
    if (group.endpointDisabledAt) {
      const since = new Date(group.endpointDisabledAt).toISOString();
      return finish(
        row,
        {
          status: 'skipped',
          reason: `endpoint disabled since ${since} (${group.endpointDisabledReason ?? 'by the receiver'}); point the group elsewhere or clear endpointDisabledAt`,
        },
        ctx
      );
    }
    if (group.secretProblem) return finish(row, { status: 'dead', reason: group.secretProblem }, ctx);
    const platform = getPlatform(group.platform);
    const platformConfig = config().platforms[group.platform];
    // The group became a manual one after this row was planned: it is its owners' task now (never claimed again).
    if (platform?.delivery === 'task') return finish(row, { status: 'planned', platform: platform.id }, ctx);
    if (!platform || !platformConfig || platform.delivery !== 'sent-by-us') {
      return finish(row, { status: 'dead', reason: `no adapter for platform ${group.platform}` }, ctx);
    }

    const wait = await rateLimitWait(group, platform, platformConfig, now);
    if (wait > 0) {
      // Not an attempt: back in the queue once the target has room.
      return finish(row, { status: 'planned', dueAt: new Date(now.getTime() + wait) }, ctx);
    }

    // Sent early to learn whether a receiver that was down is back (receiver-health.probe).
    const probing = Boolean(row.probeAt && row.status === 'sending' && row.nextAttemptAt && row.nextAttemptAt > now);
    const specs = renditionsFor(platform, platformConfig.settings);
    // The schedule's or step's whenMissing applies when the content is missing (services/compose.ts).
    const prepared = await getService('compose', strapi).composeForSend(row, group, specs, now);
    if (prepared.kind === 'finish') return finish(row, prepared.patch, ctx);
    const { composed, missing, sentReason } = prepared;

    const delivery: PostForDelivery = {
      id: row.key,
      scheduledFor: row.scheduledFor.toISOString(),
      source: row.source,
      title: composed.title,
      group: {
        slug: group.slug,
        name: group.name,
        endpoint: group.endpoint,
        secret: group.secret ?? null,
        previousSecret: group.previousSecret ?? null,
        signingSecret: group.signingSecret ?? null,
      },
      markdown: composed.markdown,
      renditions: composed.renditions,
      ...(row.source === 'notice' && row.notice ? { notice: row.notice } : {}),
    };

    let requests: HttpRequestSpec[];
    try {
      requests = platform.requests(delivery, { settings: platformConfig.settings, now: Date.now() });
    } catch (err) {
      if (err instanceof PlatformConfigError) return finish(row, { status: 'dead', reason: err.message }, ctx);
      // A bug in one platform's module: this post cannot be built, and retrying builds it the same way.
      const message = scrubGroup(group)((err as Error).message);
      strapi.log.error(`[scheduler] the ${platform.id} adapter failed on ${row.key}: ${message}`);
      return finish(row, { status: 'dead', reason: `the ${platform.id} adapter failed: ${message}`, lastError: message }, ctx);
    }

    // What is stored as "what was sent": the request bodies, with credentials in URLs masked.
    const payload = { requests: requests.map((q) => ({ url: platform.redactUrl(q.url), body: q.body })) };
    let partsSent = row.partsSent ?? 0;
    const firstPart = partsSent;
    for (let i = partsSent; i < requests.length; i++) {
      if (i > firstPart) {
        // Each part is a message to the target: the parts after the first take their own
        // slot, so a split post cannot push a robot over its platform's limit. Not an attempt:
        // the rest waits for room, keeping the parts already sent.
        const partWait = await rateLimitWait(group, platform, platformConfig, clock().now());
        if (partWait > 0) {
          const dueAt = new Date(clock().now().getTime() + partWait);
          return finish(row, { status: 'planned', dueAt, partsSent, payload, ...missing }, ctx);
        }
      }
      const answer = await getService('destinations', strapi).post(requests[i]);
      if ('refused' in answer) {
        if (await flagRefused(group, platformConfig, requests[i].url, answer.refused)) deadWithEndpoint.add(row.id);
        return finish(row, { ...afterRefusedDestination(answer.refused, { partsSent, payload }).patch, ...missing }, ctx);
      }
      const outcome: Outcome =
        'error' in answer ? { kind: 'retry', reason: answer.error, down: true } : platform.outcome(answer, Date.now());
      if (outcome.kind === 'ok') {
        partsSent = i + 1;
        // Progress is saved part by part, so a retry never re-sends a part that arrived.
        if (partsSent < requests.length) await store().saveProgress(row.id, row.leaseToken, partsSent);
        continue;
      }
      const at = clock().now().getTime();
      const next = afterFailedRequest(row, outcome, { at, partsSent, probing, maxAttempts: config().maxAttempts, payload });
      // An error body may echo the request URL, and with it the group's credentials.
      const scrub = scrubGroup(group);
      if (next.patch.lastError) next.patch.lastError = scrub(next.patch.lastError);
      if (next.patch.reason) next.patch.reason = scrub(next.patch.reason);
      if (next.endpointGone) {
        // The receiver says this endpoint is gone: no more requests to it (health says so).
        const reason = `the receiver answered HTTP 410 Gone at ${new Date(at).toISOString()}`;
        await getService('receiver-health', strapi).disable(group, reason, new Date(at));
        if (next.patch.status === 'dead') deadWithEndpoint.add(row.id);
        group.endpointDisabledAt = new Date(at);
        group.endpointDisabledReason = reason;
      }
      return finish(row, { ...next.patch, ...missing }, ctx);
    }
    if (row.failureClass === 'down') await receiverBack(group, ctx);
    const sent = afterAllPartsSent(row, { at: clock().now().getTime(), partsSent, payload }).patch;
    return finish(row, { ...sent, ...missing, ...(sentReason ? { reason: sentReason } : {}) }, ctx);
  }

  /**
   * A destination the policy refuses is not worth retrying (the post is dead). When the address
   * is the group's own (its endpoint, a webhook URL in its secret) the group is flagged like a
   * 410 endpoint until someone points it elsewhere; a refused platform base is the operator's
   * configuration, which no group edit can fix.
   */
  async function flagRefused(group: DispatchGroup, settings: PlatformConfig, url: string, reason: string): Promise<boolean> {
    const at = clock().now();
    const fromSettings = Object.values(settings.settings).some((v) => /^https?:\/\//i.test(v) && url.startsWith(trimSlash(v)));
    if (fromSettings) {
      strapi.log.error(`[scheduler] ${group.platform} API base refused: ${reason}`);
      return false;
    }
    await getService('receiver-health', strapi).disable(group, reason, at);
    group.endpointDisabledAt = at;
    group.endpointDisabledReason = reason;
    return true;
  }

  /** A post that had found its receiver down got through: release the others waiting on it (once per tick). */
  async function receiverBack(group: DispatchGroup, ctx?: TickContext) {
    const key = receiverKey(group);
    if (ctx?.recovered.has(key)) return;
    ctx?.recovered.add(key);
    try {
      await getService('receiver-health', strapi).recovered(group, clock().now());
    } catch (err) {
      strapi.log.warn(`[scheduler] releasing posts after ${group.slug}'s receiver came back failed: ${(err as Error).message}`);
    }
  }

  /**
   * A group's claimed posts, one after another in due order. When one has to wait (a retry,
   * a rate limit), the ones after it go back to the queue unattempted and follow it; when
   * the database goes away, nothing more is sent until it is back.
   */
  async function sendGroup(rows: DeliveryRow[], ctx: TickContext) {
    const putBack = async (from: number, dueAt?: Date) => {
      for (const later of rows.slice(from))
        await finish(later, { status: 'planned', dueAt: dueAt && dueAt > later.dueAt ? dueAt : later.dueAt }, ctx);
    };
    for (let i = 0; i < rows.length; i++) {
      // Without a database the outcome could not be recorded and the post would go twice.
      if (ctx.dbDown) return putBack(i);
      let outcome: DeliveryPatch;
      try {
        outcome = await sendOne(rows[i], ctx);
      } catch (err) {
        if (isDatabaseUnavailable(err)) {
          ctx.dbDown = true;
          strapi.log.warn(`[scheduler] the database is unavailable (${(err as Error).message}); holding this round's remaining posts`);
          return putBack(i);
        }
        const message = scrubGroup(ctx.groups.get(rows[i].groupId))((err as Error).message);
        strapi.log.error(`[scheduler] delivery ${rows[i].key} failed unexpectedly: ${message}`);
        // Counted like a failed attempt (backoff, then dead), so a post that always throws cannot loop forever.
        const next = afterFailedRequest(
          rows[i],
          { kind: 'retry', reason: `unexpected error: ${message}` },
          {
            at: clock().now().getTime(),
            partsSent: rows[i].partsSent ?? 0,
            probing: false,
            maxAttempts: config().maxAttempts,
            payload: rows[i].payload,
          }
        );
        outcome = await finish(rows[i], next.patch, ctx);
      }
      // A post held for its content does not hold back the group's later posts.
      if (outcome.status === 'planned' && outcome.missingAction === 'held') continue;
      if (outcome.status === 'failed' || outcome.status === 'planned') return putBack(i + 1, outcome.dueAt);
    }
  }

  return {
    owner,
    sendOne,
    finish,
    lastRun: () => lastRun,

    /**
     * One dispatch round: renew the heartbeat (catch-up after downtime), claim what is due,
     * send group by group. When the first claim comes back full, the next one is taken while
     * half of its rows are still to send (and so on while claims find rows), so senders do
     * not wait for a claim between batches.
     */
    async tick(opts: { max?: number; workerId?: string } = {}) {
      await getService('heartbeat', strapi).beat(clock().now());
      await getService('receiver-health', strapi).probe(clock().now());
      const started = Date.now();
      const max = opts.max ?? config().batchSize;
      const ctx: TickContext = { pending: [], groups: new Map(), recovered: new Set(), dbDown: false, writing: Promise.resolve() };
      const queue: DeliveryRow[][] = [];
      let queuedRows = 0;
      let claimed = 0;
      let claims = 0;
      /** Claim ahead: the round's first claim was full, and the last one found something. */
      let more = false;
      const claimMore = async () => {
        const rows = await getService('claims', strapi).claim(max, opts.workerId ?? owner);
        claims += 1;
        claimed += rows.length;
        more = claims === 1 ? rows.length >= max : rows.length > 0;
        const byGroup = groupBy(rows, (row) => row.groupId);
        // A group claimed again in this round keeps what the round knows of it (a 410 or refusal seen since).
        const unread = [...byGroup.keys()].filter((id) => !ctx.groups.has(id));
        for (const [id, group] of await readGroups(unread)) ctx.groups.set(id, group);
        queue.push(...byGroup.values());
        queuedRows += rows.length;
      };
      await claimMore();
      let claiming: Promise<void> | null = null;
      const claimAhead = () => {
        if (claiming || !more || ctx.dbDown || Date.now() - started >= CLAIM_AHEAD_MS || queuedRows * 2 > max) return;
        more = false;
        claiming = claimMore()
          .catch((err) => {
            if (isDatabaseUnavailable(err)) ctx.dbDown = true;
            strapi.log.warn(`[scheduler] claiming more due posts failed (${(err as Error).message}); the next round tries again`);
          })
          .finally(() => {
            claiming = null;
          });
      };
      const worker = async () => {
        for (;;) {
          claimAhead();
          const rows = queue.shift();
          if (rows) {
            queuedRows -= rows.length;
            await sendGroup(rows, ctx);
          } else if (claiming) await claiming;
          else return;
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.max(1, config().concurrency) }, worker));
      } finally {
        await flush(ctx);
        await ctx.writing;
      }
      lastRun = clock().now();
      return claimed;
    },
  };
};
