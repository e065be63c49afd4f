/**
 * One drill's world: a fresh schema on the drill's PostgreSQL, a Strapi in this process to
 * set up content and read the database (its own loops off), a receiver on loopback, and a
 * cluster of app instances (separate processes) with their loops on.
 */
import crypto from 'crypto';
import { startStrapi, createApiToken, type TestApp } from '../../tests/helpers/strapi';
import { Cluster } from '../../tests/helpers/cluster';
import { countById, startWebhookReceiver, type Arrival, type WebhookReceiver } from '../../tests/helpers/webhook-receiver';

export { row, type DrillRow, type DrillResult } from './result';

export interface Post {
  group: string;
  scheduledFor: string;
  text: string;
}
const postKey = (p: Post) => `${p.group}|${p.scheduledFor}|${p.text}`;

export interface World {
  setup: TestApp;
  receiver: WebhookReceiver;
  cluster: Cluster;
  secret: string;
  groups: { slug: string; name: string; documentId: string }[];
  /** Posts the schedules made so far (what the receiver must get). */
  expected: Post[];
  docs(uid: string): any;
  token(): Promise<string>;
  /** `perMinute` schedules fall due at `first` and every `everyMs` (a minute unless given) after it, `minutes` times in all, to every group. */
  burst(first: number, minutes: number, perMinute: number, everyMs?: number): Promise<void>;
  statusCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function makeWorld(opts: {
  pgUrl: string;
  groups: number;
  prefix: string;
  env?: Record<string, string>;
  http?: boolean;
}): Promise<World> {
  process.env.TEST_DATABASE_URL = opts.pgUrl;
  const secret = `whsec_${crypto.randomBytes(24).toString('base64')}`;
  const receiver = await startWebhookReceiver(secret);
  const setup = await startStrapi({ env: { DATABASE_POOL_MAX: '10', TEST_LOG_LEVEL: 'error' } });
  const docs = (uid: string) => setup.strapi.documents(uid as any) as any;
  const tag = await docs('api::tag.tag').create({ data: { name: opts.prefix, slug: opts.prefix } });
  const groups: World['groups'] = [];
  for (let i = 0; i < opts.groups; i++) {
    const slug = `${opts.prefix}-${i}`;
    const g = await docs('api::group.group').create({
      data: {
        name: `${opts.prefix} ${i}`,
        slug,
        platform: 'webhook',
        endpoint: `${receiver.url}/hook/${slug}`,
        secret,
        timezone: 'UTC',
        locale: 'en',
        stage: 'growth',
        tags: [tag.documentId],
      },
    });
    groups.push({ slug, name: g.name, documentId: g.documentId });
  }
  const cluster = new Cluster(
    {
      DATABASE_POOL_MIN: '0',
      DATABASE_POOL_MAX: '10',
      SCHEDULER_PLANNER_INTERVAL_MS: '1000',
      SCHEDULER_DISPATCH_INTERVAL_MS: '250',
      SCHEDULER_LEASE_SECONDS: '10',
      WORKER_LOG_LEVEL: 'error',
      ...opts.env,
    },
    { http: opts.http }
  );
  const expected: Post[] = [];
  let tokenValue: string | null = null;
  let scheduleCount = 0;

  return {
    setup,
    receiver,
    cluster,
    secret,
    groups,
    expected,
    docs,
    async token() {
      tokenValue ??= await createApiToken(setup.strapi);
      return tokenValue;
    },
    async burst(first, minutes, perMinute, everyMs = 60_000) {
      for (let m = 0; m < minutes; m++) {
        const at = new Date(first + m * everyMs);
        for (let k = 0; k < perMinute; k++) {
          const i = scheduleCount++;
          await docs('plugin::scheduler.schedule').create({
            data: {
              name: `${opts.prefix} ${i}`,
              rule: `FREQ=DAILY;BYHOUR=${at.getUTCHours()};BYMINUTE=${at.getUTCMinutes()}${bySecond(at.getTime())}`,
              timezone: 'UTC',
              startsAt: new Date(first - 30 * 60_000).toISOString(),
              endsAt: new Date(at.getTime() + 60_000).toISOString(),
              source: 'text',
              text: `Post ${i} for {{group.name}}`,
              tags: [tag.documentId],
              catchUp: 'all',
              graceSeconds: 3600,
            },
          });
          for (const g of groups) expected.push({ group: g.slug, scheduledFor: at.toISOString(), text: `Post ${i} for ${g.name}` });
        }
      }
    },
    async statusCounts() {
      const s = setup.strapi.plugin('scheduler').service('delivery-store');
      const rows = await s.knex()(s.table()).select(s.col('status')).count({ n: '*' }).groupBy(s.col('status'));
      return Object.fromEntries(rows.map((r: any) => [r[s.col('status')], Number(r.n)]));
    },
    async close() {
      await cluster.stopAll();
      await setup.stop().catch(() => undefined);
      await receiver.close();
    },
  };
}

/** What arrived against what was expected: lost posts, duplicates, posts that got two ids. */
export function tally(expected: Post[], arrivals: Arrival[]) {
  const byId = countById(arrivals);
  const idsPerPost = new Map<string, Set<string>>();
  for (const a of arrivals) {
    const k = postKey(a);
    if (!idsPerPost.has(k)) idsPerPost.set(k, new Set());
    idsPerPost.get(k)!.add(a.id);
  }
  const lost = expected.filter((p) => !idsPerPost.has(postKey(p)));
  const duplicates = [...byId.values()].filter((a) => a.length > 1);
  const twoIds = [...idsPerPost.entries()].filter(([, ids]) => ids.size > 1);
  const wanted = new Set(expected.map(postKey));
  const unexpected = arrivals.filter((a) => !wanted.has(postKey(a)));
  return { lost, duplicates, twoIds, unexpected: new Set(unexpected.map(postKey)).size, distinct: byId.size };
}

export async function waitFor(
  what: string,
  done: () => boolean | Promise<boolean>,
  timeoutMs: number,
  log?: (s: string) => void,
  everyMs = 1000
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  let last = 0;
  while (!(await done())) {
    if (Date.now() > until) {
      log?.(`gave up waiting for ${what}`);
      return false;
    }
    if (log && Date.now() - last > 15_000) {
      last = Date.now();
      log(`waiting for ${what}…`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return true;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A rule part for a time that is not on a full minute (DRILL_PROFILE=ci's), else nothing (the
 * full drill's rules stay as they were): a schedule's start is truncated to the minute, so
 * the second must be in the rule.
 */
export const bySecond = (at: number) => (new Date(at).getUTCSeconds() ? `;BYSECOND=${new Date(at).getUTCSeconds()}` : '');
