import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { APP_UID, PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { ADAPTERS, AdapterConfigError, type PostForDelivery } from '../delivery/adapters';
import { retryDelayMs } from '../delivery/backoff';
import type { Outcome } from '../delivery/outcome';
import { open } from '../../../../../utils/secret-box';
import { isDatabaseUnavailable } from '../utils/db-errors';
import { groupBy } from '../utils/group-by';
import { receiverKey } from './endpoint-health';
import type { RenditionFormat } from '../rendering';

const service = <T = any>(strapi: Core.Strapi, name: string) => strapi.plugin(PLUGIN_ID).service(name) as T;

/** The renditions each platform's adapter uses. */
const FORMATS_FOR: Record<string, RenditionFormat[]> = {
  webhook: ['markdown', 'text', 'html'],
  wecom: ['wecom'],
  telegram: ['telegram'],
  slack: ['slack'],
};

/** Platforms whose per-target limit is enforced across instances (see services/pacing.ts). */
const CLUSTER_PACED = new Set(['wecom', 'telegram', 'slack']);

/** What is stored as "what was sent": the request bodies, with credentials in URLs masked. */
const redactUrl = (url: string) => url.replace(/(key=)[^&]+/, '$1***').replace(/\/bot[^/]+\//, '/bot***/');

/**
 * Sends due rows through the platform adapters: claims them with a lease (services/claims.ts),
 * sends each group's one after another, and records outcomes only while it holds the lease,
 * so a crashed worker's rows are claimed again and the receiver sees the same webhook-id.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => service(strapi, 'delivery-store');
  const clock = () => service(strapi, 'clock');
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  /** Last send per target, for pacing (posts per minute per robot / chat / webhook). */
  const lastSends = new Map<string, number[]>();
  let lastRun: Date | null = null;

  /** Claims due rows for this worker (see services/claims.ts). */
  const claim = (max: number, workerId: string = owner, opts: { pull?: boolean; groups?: string[]; leaseSeconds?: number } = {}) =>
    service(strapi, 'claims').claim(max, workerId, opts) as Promise<any[]>;

  /** Per tick: finished rows waiting to be written (one transaction per batch), the rows' groups (read once), receivers found back. */
  interface TickContext {
    pending: { row: any; patch: Record<string, unknown> }[];
    groups: Map<number, any>;
    recovered: Set<string>;
    /** Set when the database went away: nothing more is sent this round (its outcome could not be recorded). */
    dbDown: boolean;
  }

  /** How long outcomes are kept trying after their lease ran out: while the database is away nobody can claim the rows again. */
  const WRITE_RETRY_BEYOND_LEASE_MS = 5 * 60_000;

  /**
   * Writes outcomes in one transaction. When the database is away (restarting, failing
   * over) it tries again, at least every second, so the outcomes land as soon as it is
   * back, before another worker could claim the rows again, and gives up only well after
   * their leases ran out (then the conditional update would change nothing anyway).
   */
  async function write(items: { row: any; patch: Record<string, unknown> }[], ctx?: TickContext) {
    const s = store();
    const until =
      Math.max(...items.map(({ row }) => (row.leaseExpiresAt ? new Date(row.leaseExpiresAt).getTime() : 0))) + WRITE_RETRY_BEYOND_LEASE_MS;
    for (let attempt = 0; ; attempt++) {
      const now = clock().now();
      try {
        // Only the lease holder may finish a row: a worker whose lease expired changes nothing.
        // leaseOwner stays: which instance handled the row last.
        await s.finishRows(
          items.map(({ row, patch }) => ({ id: row.id, leaseToken: row.leaseToken, patch })),
          now
        );
        if (attempt > 0) strapi.log.info(`[scheduler] recorded ${items.length} outcomes after ${attempt} retries`);
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

  /** Records a row's outcome (batched within a tick); returns it. */
  async function finish(row: any, patch: Record<string, unknown>, ctx?: TickContext): Promise<Record<string, unknown>> {
    if (ctx) {
      ctx.pending.push({ row, patch });
      if (ctx.pending.length >= 50) await write(ctx.pending.splice(0), ctx);
    } else await write([{ row, patch }]);
    return patch;
  }

  async function progress(row: any, partsSent: number) {
    const s = store();
    await s
      .knex()(s.table())
      .where('id', row.id)
      .where(s.col('leaseToken'), row.leaseToken)
      .update({ [s.col('partsSent')]: partsSent });
  }

  /**
   * 0 when the target has room this minute — and then the slot is taken at once, before the
   * request goes out, so concurrent sends to one target cannot all pass the check —
   * otherwise how long to wait.
   */
  function paceWait(target: string, perMinute: number, now: number): number {
    const sent = (lastSends.get(target) ?? []).filter((t) => t > now - 60_000);
    lastSends.set(target, sent);
    if (sent.length < perMinute) {
      sent.push(now);
      return 0;
    }
    return sent[sent.length - perMinute] + 60_000 - now;
  }

  async function loadGroup(row: any, ctx?: TickContext) {
    const groups = ctx?.groups ?? (await readGroups([row.groupId]));
    return groups.get(row.groupId) ?? null;
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
    'endpointDisabledAt',
    'endpointDisabledReason',
  ];

  // Secrets are opened once per sealed value (not per post or tick); never logged, never
  // stored. Keyed by the sealed text, so a changed secret is opened afresh.
  const openedSecrets = new Map<string, string>();
  const opened = (group: any) => {
    if (!group?.secret) return group;
    let plain = openedSecrets.get(group.secret);
    if (plain === undefined) {
      plain = open(group.secret, process.env.ENCRYPTION_KEY ?? '') as string;
      if (openedSecrets.size >= 5000) openedSecrets.clear();
      openedSecrets.set(group.secret, plain);
    }
    group.secret = plain;
    return group;
  };

  /** Groups by id, in one query (a tick reads all of its rows' groups at once). */
  async function readGroups(ids: number[]): Promise<Map<number, any>> {
    const found = new Map<number, any>();
    if (!ids.length) return found;
    for (const g of await strapi.db
      .query(APP_UID.group)
      .findMany({ where: { id: { $in: ids } }, select: GROUP_SELECT, populate: { quietHours: true } }))
      found.set(g.id, opened(g));
    return found;
  }

  async function post(
    url: string,
    headers: Record<string, string>,
    body: string
  ): Promise<{ status: number; headers: Record<string, string>; body: string } | { error: string }> {
    // A plain controller and timer: AbortSignal.timeout() makes a transferable signal, which
    // costs more CPU per request than the rest of the timeout handling together.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), config().timeoutMs);
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: controller.signal });
      const text = await res.text();
      const h: Record<string, string> = {};
      res.headers.forEach((v, k) => (h[k] = v));
      return { status: res.status, headers: h, body: text };
    } catch (err) {
      const e = err as Error;
      const cause = (e as any).cause?.code ?? (e as any).cause?.message;
      return {
        error: controller.signal.aborted
          ? `timeout after ${config().timeoutMs} ms`
          : `network error: ${e.message}${cause ? ` (${cause})` : ''}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async function sendOne(row: any, ctx?: TickContext): Promise<Record<string, unknown>> {
    const now = clock().now();
    const group = await loadGroup(row, ctx);
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
    const adapter = ADAPTERS[group.platform];
    if (!adapter) return finish(row, { status: 'dead', reason: `no adapter for platform ${group.platform}` }, ctx);

    const perMinute = (config().pacing as any)[group.platform] ?? 60;
    const target = `${group.platform}:${group.endpoint ?? group.id}`;
    // Chat platforms block robots that exceed their limits: those are counted across all
    // instances in the database. A webhook's cap is a courtesy to our own receivers, kept
    // per instance in memory (no database round trip per post).
    const wait = CLUSTER_PACED.has(group.platform)
      ? await service(strapi, 'pacing').reserve(target, perMinute, now)
      : paceWait(target, perMinute, now.getTime());
    if (wait > 0) {
      // Not an attempt: back in the queue once the target has room.
      return finish(row, { status: 'planned', dueAt: new Date(now.getTime() + wait) }, ctx);
    }

    // Sent early to learn whether a receiver that was down is back (endpoint-health.probe).
    const probing = Boolean(row.probeAt && row.status === 'sending' && row.nextAttemptAt && new Date(row.nextAttemptAt) > now);
    const composed = await service(strapi, 'compose').composeRow(row, group, FORMATS_FOR[group.platform]);
    if (composed.status === 'skipped') return finish(row, { status: 'skipped', reason: composed.reason }, ctx);

    const r: any = composed.renditions;
    const empty = { body: '', parts: [] as string[] };
    const wecomText =
      group.platform === 'wecom' && config().wecomMsgtype === 'text'
        ? service(strapi, 'compose').renderOne(composed.markdown, 'text', composed.values, group.locale)
        : empty;
    const secret = group.secret ?? null;
    const delivery: PostForDelivery = {
      id: row.key,
      scheduledFor: new Date(row.scheduledFor).toISOString(),
      source: row.source,
      title: composed.title,
      group: { slug: group.slug, name: group.name, platform: group.platform, endpoint: group.endpoint, secret },
      markdown: (r.markdown ?? empty).body,
      text: (r.text ?? empty).body,
      html: (r.html ?? empty).body,
      parts: {
        text: (r.text ?? empty).parts,
        wecom: (r.wecom ?? empty).parts,
        wecomText: wecomText.parts,
        telegram: (r.telegram ?? empty).parts,
        slack: (r.slack ?? empty).parts,
      },
    };

    let requests;
    try {
      requests = adapter.requests(delivery, {
        wecomBaseUrl: config().wecomBaseUrl,
        telegramBaseUrl: config().telegramBaseUrl,
        wecomMsgtype: config().wecomMsgtype,
        now: Date.now(),
      });
    } catch (err) {
      if (err instanceof AdapterConfigError) return finish(row, { status: 'dead', reason: err.message }, ctx);
      throw err;
    }

    const payload = { requests: requests.map((q) => ({ url: redactUrl(q.url), body: q.body })) };
    let partsSent = row.partsSent ?? 0;
    for (let i = partsSent; i < requests.length; i++) {
      const q = requests[i];
      const answer = await post(q.url, q.headers, q.body);
      const outcome: Outcome = 'error' in answer ? { kind: 'retry', reason: answer.error, down: true } : adapter.outcome(answer);
      if (outcome.kind === 'ok') {
        partsSent = i + 1;
        // Progress is saved part by part, so a retry never re-sends a part that arrived.
        if (partsSent < requests.length) await progress(row, partsSent);
        continue;
      }
      const at = clock().now().getTime();
      if (outcome.kind === 'rate-limited') {
        return finish(
          row,
          {
            status: 'failed',
            failureClass: 'rate-limit',
            partsSent,
            nextAttemptAt: new Date(at + outcome.delayMs),
            lastError: outcome.reason,
            reason: 'rate limited by the platform; not counted as an attempt',
            payload,
          },
          ctx
        );
      }
      const attempts = (row.attempts ?? 0) + 1;
      const maxAttempts = row.maxAttempts ?? config().maxAttempts;
      if (outcome.kind === 'permanent') {
        if (outcome.gone) {
          // The receiver says this endpoint is gone: no more requests to it (health says so).
          await service(strapi, 'endpoint-health').disable(
            group,
            `the receiver answered HTTP 410 Gone at ${new Date(at).toISOString()}`,
            new Date(at)
          );
          group.endpointDisabledAt = new Date(at);
          group.endpointDisabledReason = `the receiver answered HTTP 410 Gone at ${new Date(at).toISOString()}`;
        }
        return finish(
          row,
          {
            status: 'dead',
            failureClass: null,
            attempts,
            partsSent,
            lastError: outcome.reason,
            reason: `permanent failure: ${outcome.reason}`,
            payload,
          },
          ctx
        );
      }
      const failureClass = outcome.down ? 'down' : 'response';
      if (probing && outcome.down) {
        // A probe of a receiver that is still down is not an attempt: the post keeps its place in its backoff.
        return finish(
          row,
          {
            status: 'failed',
            failureClass,
            partsSent,
            lastError: outcome.reason,
            reason: `receiver still down at a probe (${new Date(at).toISOString()}); attempt ${row.attempts ?? 0} stands, next attempt as planned`,
            payload,
          },
          ctx
        );
      }
      if (attempts >= maxAttempts) {
        return finish(
          row,
          {
            status: 'dead',
            failureClass,
            attempts,
            partsSent,
            lastError: outcome.reason,
            reason: `gave up after ${attempts} attempts: ${outcome.reason}`,
            payload,
          },
          ctx
        );
      }
      return finish(
        row,
        {
          status: 'failed',
          failureClass,
          attempts,
          partsSent,
          nextAttemptAt: new Date(at + retryDelayMs(attempts)),
          lastError: outcome.reason,
          reason: `attempt ${attempts} failed; will retry`,
          payload,
        },
        ctx
      );
    }
    if (row.failureClass === 'down') await receiverBack(group, ctx);
    return finish(
      row,
      { status: 'sent', failureClass: null, attempts: (row.attempts ?? 0) + 1, partsSent, sentAt: clock().now(), payload, lastError: null },
      ctx
    );
  }

  /** A post that had found its receiver down got through: release the others waiting on it (once per tick). */
  async function receiverBack(group: any, ctx?: TickContext) {
    const key = receiverKey(group);
    if (ctx?.recovered.has(key)) return;
    ctx?.recovered.add(key);
    try {
      await service(strapi, 'endpoint-health').recovered(group, clock().now());
    } catch (err) {
      strapi.log.warn(`[scheduler] releasing posts after ${group.slug}'s receiver came back failed: ${(err as Error).message}`);
    }
  }

  /**
   * A group's claimed posts, one after another in due order. When one has to wait (a retry,
   * a rate limit, pacing), the ones after it go back to the queue unattempted and follow it;
   * when the database goes away, nothing more is sent until it is back.
   */
  async function sendGroup(rows: any[], ctx: TickContext) {
    const putBack = async (from: number, dueAt?: Date) => {
      for (const later of rows.slice(from))
        await finish(later, { status: 'planned', dueAt: dueAt && dueAt > later.dueAt ? dueAt : later.dueAt }, ctx);
    };
    for (let i = 0; i < rows.length; i++) {
      // Without a database the outcome could not be recorded and the post would go twice.
      if (ctx.dbDown) return putBack(i);
      let outcome: Record<string, unknown>;
      try {
        outcome = await sendOne(rows[i], ctx);
      } catch (err) {
        if (isDatabaseUnavailable(err)) {
          ctx.dbDown = true;
          strapi.log.warn(`[scheduler] the database is unavailable (${(err as Error).message}); holding this round's remaining posts`);
          return putBack(i);
        }
        strapi.log.error(`[scheduler] delivery ${rows[i].key} failed unexpectedly: ${(err as Error).message}`);
        outcome = await finish(
          rows[i],
          { status: 'failed', nextAttemptAt: new Date(clock().now().getTime() + 60_000), lastError: (err as Error).message },
          ctx
        );
      }
      if (outcome.status === 'failed' || outcome.status === 'planned') return putBack(i + 1, outcome.dueAt as Date | undefined);
    }
  }

  return {
    owner,
    claim,
    sendOne,
    finish,
    lastRun: () => lastRun,

    /** One dispatch round: renew the heartbeat (catch-up after downtime), claim what is due, send group by group. */
    async tick(opts: { max?: number; workerId?: string } = {}) {
      await service(strapi, 'catch-up').beat(clock().now());
      await service(strapi, 'endpoint-health').probe(clock().now());
      const rows = await claim(opts.max ?? config().batchSize, opts.workerId);
      const byGroup = groupBy(rows, (row) => row.groupId as number);
      const queue = [...byGroup.values()];
      const ctx: TickContext = { pending: [], groups: await readGroups([...byGroup.keys()]), recovered: new Set(), dbDown: false };
      const workers = Array.from({ length: Math.min(config().concurrency, queue.length) }, async () => {
        for (let group = queue.shift(); group; group = queue.shift()) await sendGroup(group, ctx);
      });
      try {
        await Promise.all(workers);
      } finally {
        if (ctx.pending.length) await write(ctx.pending.splice(0), ctx);
      }
      lastRun = clock().now();
      return rows.length;
    },
  };
};
