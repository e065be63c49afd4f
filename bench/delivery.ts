/**
 * npm run bench:delivery
 *
 * On a real Strapi with a temporary SQLite database and a webhook receiver on loopback:
 * (a) planning throughput (rows/s) vs a bare batched knex insert of the same rows;
 * (b) dispatch of 20,000 posts at the default concurrency vs a bare loop of signed POSTs
 *     with the same HTTP client (undici's request, no destination check) and concurrency (two alternating rounds, best of each);
 * (c) p50/p99 lateness (sent minus due) with 1,000 posts due in the same minute.
 * Goals on SQLite: planning ≥ 50% of the bare insert, dispatch ≥ 50% of the bare POST
 * loop, p99 lateness under 2 s.
 */
import crypto from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';
import { Agent, request } from 'undici';
import { startStrapi } from '../tests/helpers/strapi';
import { webhookHeaders } from '../src/plugins/scheduler/server/src/platforms/standard-webhooks';

const DISPATCH_POSTS = Number(process.env.BENCH_POSTS ?? 20000);
const secret = `whsec_${crypto.randomBytes(24).toString('base64')}`;

async function receiver() {
  let count = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => count,
    close: () => new Promise((r) => server.close(r)),
  };
}

const secs = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const rx = await receiver();
  const app = await startStrapi({ env: { SCHEDULER_WORKER: 'false' } });
  const strapi = app.strapi;
  const plugin = strapi.plugin('scheduler');
  const store = plugin.service('delivery-store');
  const config = strapi.config.get('plugin::scheduler') as any;
  const docs = (uid: string) => strapi.documents(uid as any) as any;

  // --- (a) planning -----------------------------------------------------------------
  const GROUPS = 100;
  const groupIds: string[] = [];
  for (let i = 0; i < GROUPS; i++) {
    const g = await docs('api::group.group').create({
      data: {
        name: `Bench ${i}`,
        slug: `bench-${i}`,
        platform: 'webhook',
        endpoint: `${rx.url}/hook/${i}`,
        secret,
        timezone: ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York'][i % 3],
        locale: 'en',
        stage: 'growth',
      },
    });
    groupIds.push(g.documentId);
  }
  await docs('plugin::scheduler.schedule').create({
    data: {
      name: 'bench',
      rule: 'FREQ=MINUTELY;INTERVAL=10',
      source: 'text',
      text: 'Bench post for **{{group.name}}**',
      groups: groupIds,
      startsAt: new Date().toISOString(),
    },
  });
  let t = process.hrtime.bigint();
  const planned = await plugin.service('planner').planAll();
  const planSeconds = secs(t);
  const planRate = planned.inserted / planSeconds;

  // The floor: the same rows, inserted bare in batches of the same size, one transaction per batch.
  const rows = await store.knex()(store.table()).select('*');
  await store.knex()(store.table()).del();
  t = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += config.batchSize) {
    const chunk = rows.slice(i, i + config.batchSize).map(({ id, ...r }: any) => r);
    await store.knex().transaction((trx: any) => trx(store.table()).insert(chunk));
  }
  const bareSeconds = secs(t);
  const bareRate = rows.length / bareSeconds;
  await store.knex()(store.table()).del();

  // --- (b) dispatch -------------------------------------------------------------------
  // Two rounds of each side, alternating, best of each: the machine is shared and noisy,
  // and alternating keeps a slow spell from landing on one side only.
  const groups = await strapi.db.query('api::group.group').findMany({ select: ['id', 'slug', 'timezone'] });
  const now = new Date();
  const body = JSON.stringify({
    type: 'post.scheduled',
    id: 'x',
    group: { slug: 'bench-0', name: 'Bench 0' },
    scheduledFor: now.toISOString(),
    source: 'text',
    content: {
      title: 'bench',
      markdown: 'Bench post for **Bench 0**',
      text: 'Bench post for Bench 0',
      html: '<p>Bench post for <strong>Bench 0</strong></p>',
    },
  });
  const dispatchRates: number[] = [];
  const floorRates: Record<string, number[]> = {};
  let sent = 0;
  for (let round = 0; round < 2; round++) {
    await store.knex()(store.table()).del();
    const dispatchRows = Array.from({ length: DISPATCH_POSTS }, (_, i) => {
      const g = groups[i % groups.length];
      return {
        key: `bench:${round}:${i}`,
        status: 'planned',
        originKind: 'run-now',
        groupId: g.id,
        groupSlug: g.slug,
        platform: 'webhook',
        timezone: g.timezone,
        source: 'text',
        text: 'Bench post for **{{group.name}}**',
        title: 'bench',
        localTime: '08:00',
        scheduledFor: now,
        dueAt: now,
        graceSeconds: 86400,
        catchUp: 'all',
        maxAttempts: 6,
      };
    });
    await store.insertNew(dispatchRows, 500);
    const before = rx.count();
    t = process.hrtime.bigint();
    while ((await plugin.service('dispatcher').tick({ max: 1000 })) > 0);
    const seconds = secs(t);
    sent = rx.count() - before;
    dispatchRates.push(sent / seconds);

    // The floors: signed POSTs of the same size at the same concurrency, nothing recorded.
    // `plain`: the dispatcher's HTTP client (undici's request) through a plain agent;
    // `guarded`: the same through the destinations service (the policy's connect hook and
    // checks) — guarded / plain is what the policy costs; `fetch`: Node's fetch, the floor
    // before issue 14 (for comparison with earlier results in docs/benchmarks.md).
    const plain = new Agent({ keepAliveTimeout: 10_000 });
    const destinations = plugin.service('destinations');
    const headersOf = (i: number) => ({ 'content-type': 'application/json', ...webhookHeaders(secret, `bare:${round}:${i}`, body) });
    const floors: Record<string, (i: number) => Promise<unknown>> = {
      plain: async (i) => {
        const res = await request(`${rx.url}/hook/${i % GROUPS}`, { method: 'POST', headers: headersOf(i), body, dispatcher: plain });
        await res.body.text();
      },
      guarded: (i) => destinations.post({ url: `${rx.url}/hook/${i % GROUPS}`, headers: headersOf(i), body }),
      fetch: async (i) => {
        const res = await fetch(`${rx.url}/hook/${i % GROUPS}`, { method: 'POST', headers: headersOf(i), body });
        await res.text();
      },
    };
    for (const [name, send] of Object.entries(floors)) {
      let next = 0;
      t = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: config.concurrency }, async () => {
          while (next < DISPATCH_POSTS) await send(next++);
        })
      );
      (floorRates[name] ??= []).push(DISPATCH_POSTS / secs(t));
    }
    await plain.close();
  }
  const dispatchRate = Math.max(...dispatchRates);
  const [plainRate, guardedRate, fetchRate] = ['plain', 'guarded', 'fetch'].map((name) => Math.max(...floorRates[name]));
  const pctOf = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

  // --- (c) lateness: 1,000 posts due within one minute, the dispatcher on its own loop ---
  await store.knex()(store.table()).del();
  const start = Date.now() + 2000;
  const lateRows = Array.from({ length: 1000 }, (_, i) => {
    const g = groups[i % groups.length];
    const due = new Date(start + Math.floor((i / 1000) * 60_000));
    return {
      key: `late:${i}`,
      status: 'planned',
      originKind: 'run-now',
      groupId: g.id,
      groupSlug: g.slug,
      platform: 'webhook',
      timezone: g.timezone,
      source: 'text',
      text: 'Late?',
      title: 'bench',
      localTime: '08:00',
      scheduledFor: due,
      dueAt: due,
      graceSeconds: 86400,
      catchUp: 'all',
      maxAttempts: 6,
    };
  });
  await store.insertNew(lateRows, 500);
  const timer = setInterval(() => plugin.service('dispatcher').tick(), config.dispatchIntervalMs);
  while (Number((await store.knex()(store.table()).where(store.col('status'), 'sent').count({ n: '*' }).first()).n) < 1000) {
    await new Promise((r) => setTimeout(r, 500));
  }
  clearInterval(timer);
  await new Promise((r) => setTimeout(r, config.dispatchIntervalMs + 200));
  const late = (await store.knex()(store.table()).select(store.col('sentAt'), store.col('dueAt')))
    .map((r: any) => (new Date(r[store.col('sentAt')]).getTime() - new Date(r[store.col('dueAt')]).getTime()) / 1000)
    .sort((a: number, b: number) => a - b);

  console.log(`delivery benchmark (SQLite, concurrency ${config.concurrency}, batch ${config.batchSize})\n`);
  console.log(
    `(a) planning    ${planned.inserted} rows: ${planRate.toFixed(0)} rows/s   bare knex insert: ${bareRate.toFixed(0)} rows/s   ratio ${((planRate / bareRate) * 100).toFixed(0)}% (goal ≥ 50%)`
  );
  console.log(
    `(b) dispatch    ${sent} posts, best of 2: ${dispatchRate.toFixed(0)} posts/s\n` +
      `                bare signed POST loop, undici request: ${plainRate.toFixed(0)} posts/s   ratio ${pctOf(dispatchRate, plainRate)}\n` +
      `                bare loop through the destination policy: ${guardedRate.toFixed(0)} posts/s   policy cost: ${pctOf(guardedRate, plainRate)} of the plain loop\n` +
      `                bare loop with Node's fetch (the floor before issue 14): ${fetchRate.toFixed(0)} posts/s   ratio ${pctOf(dispatchRate, fetchRate)} (goal ≥ 50%)`
  );
  console.log(
    `(c) lateness    1,000 posts due in one minute: p50 ${pct(late, 50).toFixed(2)} s, p99 ${pct(late, 99).toFixed(2)} s, max ${late[late.length - 1].toFixed(2)} s (goal p99 < 2 s)`
  );

  await app.stop();
  await rx.close();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
