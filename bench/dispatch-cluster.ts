/**
 * Part: our dispatcher as real instances (separate processes, tests/helpers/cluster.ts) on
 * one fresh database, against the bare signed-POST loop on the same receiver.
 *
 * The instances start first; the rows are inserted afterwards (in-process Strapi on the same
 * database, `delivery-store.insertNew`, origin run-now), due a moment after the insert
 * ends, so boot and insert time are not measured.
 * - burst: `burst` posts all due at T0; throughput = posts / (T0 → last arrival). Alternating
 *   with the floor (as many sender processes as instances, the same total concurrency);
 *   best round of each side.
 * - paced: `paced` posts due evenly over `pacedSeconds`; lateness = arrival − due per post.
 * Every post of ours is counted by webhook-id: duplicates and losses, and the database's
 * own status of every row.
 */
import crypto from 'crypto';
import path from 'path';
import { startStrapi } from '../tests/helpers/strapi';
import { Cluster } from '../tests/helpers/cluster';
import { startWebhookReceiver } from '../tests/helpers/webhook-receiver';
import { freshDatabase, type DbKind } from './lib/databases';
import { main, partInput } from './lib/part';
import { progress, waitFor } from './lib/progress';
import { exactlyOnce, lateness, type Delivery, type Lateness } from './lib/stats';
import { groupName, groupSlug } from './lib/payload';
import { deliveryRows, type BenchGroup } from './dispatch/rows';
import { startFloor } from './dispatch/floor';
import { firstLateness, tally } from './lib/arrivals';

export interface DispatchInput {
  label: string;
  db: DbKind;
  instances: number;
  groups: number;
  burst: number;
  rounds: number;
  paced: number;
  pacedSeconds: number;
  /** Extra environment for the instances (e.g. SCHEDULER_DISPATCH_INTERVAL_MS). */
  instanceEnv?: Record<string, string>;
  /** Write a V8 CPU profile of every instance into this folder (BENCH_CPU_PROF). */
  cpuProfDir?: string;
}

export interface DispatchResult {
  label: string;
  db: DbKind;
  instances: number;
  concurrency: number;
  batchSize: number;
  dispatchIntervalMs: number;
  bootSeconds: number;
  oursRates: number[];
  floorRates: number[];
  ours: number;
  floor: number;
  lateness: Lateness;
  /** Paced load: posts / (first due → last arrival). */
  pacedRate: number;
  delivery: Delivery;
  /** Rows not in status sent at the end (the database's view). */
  notSent: number;
  /** Rows sent per instance (leaseOwner), to show every instance dispatched. */
  perInstance: number[];
  badSignatures: number;
  warnings: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(): Promise<DispatchResult> {
  const input = partInput<DispatchInput>();
  const warnings: string[] = [];
  console.log(
    `\n▶ dispatch, ${input.label}: ${input.instances} instance(s), ${input.groups} groups, burst ${input.burst} × ${input.rounds} rounds, paced ${input.paced} over ${input.pacedSeconds} s`
  );

  delete process.env.TEST_DATABASE_URL;
  const db = await freshDatabase(input.db, input.label);
  Object.assign(process.env, db.env);
  const secret = `whsec_${crypto.randomBytes(24).toString('base64')}`;
  const receiver = await startWebhookReceiver(secret);
  const setup = await startStrapi({ env: { DATABASE_POOL_MAX: '10' } });
  const strapi = setup.strapi;
  const config = strapi.config.get('plugin::scheduler') as any;
  const store = strapi.plugin('scheduler').service('delivery-store');
  const docs = strapi.documents('api::group.group' as any) as any;
  let cluster: Cluster | null = null;
  let floor: Awaited<ReturnType<typeof startFloor>> | null = null;
  let stopping = false;
  let died: string | null = null;

  try {
    const made = progress('groups created', input.groups, 'groups');
    for (let i = 0; i < input.groups; i++) {
      await docs.create({
        data: {
          name: groupName(i),
          slug: groupSlug(i),
          platform: 'webhook',
          endpoint: `${receiver.url}/hook/${groupSlug(i)}`,
          secret,
          timezone: 'UTC',
          locale: 'en',
          stage: 'growth',
        },
      });
      made.update(i + 1);
    }
    made.end();
    const found = await strapi.db.query('api::group.group').findMany({ select: ['id', 'slug', 'timezone'], limit: input.groups });
    const bySlug = new Map(found.map((g: any) => [g.slug, g]));
    const groups: BenchGroup[] = Array.from({ length: input.groups }, (_, i) => bySlug.get(groupSlug(i)) as BenchGroup);

    const bootStart = Date.now();
    const preloads = ['cpu-prof-preload.js', 'query-timing-preload.js'].map((f) => `--require ${path.join(__dirname, 'lib', f)}`).join(' ');
    const prof = input.cpuProfDir
      ? {
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preloads}`.trim(),
          BENCH_CPU_PROF_DIR: input.cpuProfDir,
          BENCH_QUERY_TIMING_DIR: input.cpuProfDir,
        }
      : {};
    cluster = new Cluster({ DATABASE_POOL_MIN: '0', DATABASE_POOL_MAX: '10', ...(input.instanceEnv ?? {}), ...prof });
    await cluster.start(input.instances);
    const bootSeconds = (Date.now() - bootStart) / 1000;
    // An instance that dies mid-run (a crash, or something else on the machine killing it)
    // stops the part with its exit status and the end of its stderr, instead of a silent stall.
    for (const i of cluster.instances) {
      i?.exited.then(() => {
        if (stopping) return;
        died = `instance ${i.index} (pid ${i.pid}) exited with ${i.child.exitCode ?? i.child.signalCode} during the run; its stderr ends with:\n${i.stderr().slice(-3000)}`;
        console.error(`\n  ${died}`);
      });
    }
    const alive =
      <T>(count: () => T) =>
      () => {
        if (died) throw new Error(died);
        return count();
      };
    floor = await startFloor({
      processes: input.instances,
      concurrency: config.concurrency,
      receiverUrl: receiver.url,
      secret,
      groups: input.groups,
    });
    console.log(
      `  ${input.instances} instance(s) up in ${bootSeconds.toFixed(1)} s; floor: ${input.instances} process(es) × ${config.concurrency} concurrent`
    );

    const expected: string[] = [];
    /** Inserts `count` rows due at dueAt(i) (the first due a margin after now, so the insert is done by then). */
    const insert = async (prefix: string, count: number, spreadMs: number) => {
      const t0 = Date.now() + 1500 + Math.ceil(count * 0.3);
      const rows = deliveryRows(prefix, count, groups, (i) => new Date(t0 + Math.floor((i / count) * spreadMs)));
      await store.insertNew(rows, 500);
      const late = Date.now() - t0;
      if (late > 0) warnings.push(`${prefix}: insert finished ${late} ms after the first due time`);
      expected.push(...rows.map((r) => r.key));
      return t0;
    };
    const ours = async (prefix: string, count: number, label: string) => {
      const t = tally(receiver.arrivals, prefix);
      const t0 = await insert(prefix, count, 0);
      const done = await waitFor(label, count, alive(t.count), { timeoutMs: Math.max(120_000, count * 50) });
      if (done < count) return 0;
      return count / ((t.last() - t0) / 1000);
    };
    const bare = async (prefix: string, count: number) => {
      const t = tally(receiver.arrivals, prefix);
      const t0 = Date.now();
      await floor!.round(prefix, count, new Date(t0).toISOString());
      t.count();
      return count / ((t.last() - t0) / 1000);
    };

    // Warm-up (JIT, connections, caches) on both sides: one post per group, not timed.
    await ours('warm:', input.groups, 'warm-up (ours)');
    await bare('floor-warm:', input.groups);

    const oursRates: number[] = [];
    const floorRates: number[] = [];
    for (let round = 0; round < input.rounds; round++) {
      const r1 = await ours(`burst:${round}:`, input.burst, `round ${round + 1}/${input.rounds} ours`);
      oursRates.push(r1);
      await sleep(500);
      const r2 = await bare(`floor:${round}:`, input.burst);
      floorRates.push(r2);
      console.log(`  round ${round + 1}/${input.rounds}: ours ${r1.toFixed(0)} posts/s, floor ${r2.toFixed(0)} posts/s`);
      await sleep(500);
    }

    // Paced load for lateness.
    const pt = tally(receiver.arrivals, 'paced:');
    const pacedStart = await insert('paced:', input.paced, input.pacedSeconds * 1000);
    await waitFor('paced (ours)', input.paced, alive(pt.count), { timeoutMs: input.pacedSeconds * 1000 + 180_000 });

    // Room for a wrongly doubled send to show up, then count.
    await sleep(3000);
    const delivery = exactlyOnce(
      expected,
      receiver.arrivals.filter((a) => !a.id.startsWith('floor'))
    );
    const rows = await store.knex()(store.table()).select(store.col('status'), store.col('leaseOwner'));
    const notSent = rows.filter((r: any) => r[store.col('status')] !== 'sent').length;
    const owners = new Map<string, number>();
    for (const r of rows) owners.set(r[store.col('leaseOwner')], (owners.get(r[store.col('leaseOwner')]) ?? 0) + 1);
    const perInstance = cluster.instances.map((i) => (i ? (owners.get(i.owner) ?? 0) : 0));
    if (rows.length !== expected.length) warnings.push(`${rows.length} rows in the table, ${expected.length} inserted`);

    return {
      label: input.label,
      db: input.db,
      instances: input.instances,
      concurrency: config.concurrency,
      batchSize: config.batchSize,
      dispatchIntervalMs: Number(input.instanceEnv?.SCHEDULER_DISPATCH_INTERVAL_MS ?? config.dispatchIntervalMs),
      bootSeconds,
      oursRates,
      floorRates,
      ours: Math.max(...oursRates),
      floor: Math.max(...floorRates),
      lateness: lateness(firstLateness(receiver.arrivals, 'paced:')),
      pacedRate: input.paced / ((pt.last() - pacedStart) / 1000),
      delivery,
      notSent,
      perInstance,
      badSignatures: receiver.badSignatures(),
      warnings,
    };
  } finally {
    await floor?.stop().catch(() => undefined);
    stopping = true;
    // SIGTERM lets a profiled instance write its profile on the way out.
    await cluster?.stopAll(input.cpuProfDir ? 'SIGTERM' : 'SIGKILL');
    await setup.stop();
    await receiver.close();
    await db.drop();
  }
}

main(run);
