/**
 * Part: the cron-tick alternative (bench/cron-tick/worker.ts) with N processes on one
 * fresh database, the same receiver, groups, posts and paced load as our side.
 * - burst: `burst` items due exactly at a tick (the most favourable moment for it);
 *   posts/s = distinct posts / (tick → last first arrival).
 * - paced: `paced` items due evenly over `pacedSeconds`; lateness = first arrival − due.
 * Duplicates (the same webhook-id more than once) and losses over both.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { startWebhookReceiver } from '../tests/helpers/webhook-receiver';
import { freshDatabase, type DbKind } from './lib/databases';
import { main, partInput } from './lib/part';
import { waitFor } from './lib/progress';
import { exactlyOnce, lateness, type Delivery, type Lateness } from './lib/stats';
import { firstLateness, settle, tally } from './lib/arrivals';
import { createTable, insertItems } from './cron-tick/items';

export interface CronInput {
  label: string;
  db: DbKind;
  processes: number;
  groups: number;
  burst: number;
  paced: number;
  pacedSeconds: number;
  /** Tick period: 60 s ('* * * * *'); shorter only in BENCH_QUICK runs. */
  periodSeconds: number;
}

export interface CronResult {
  label: string;
  db: DbKind;
  processes: number;
  periodSeconds: number;
  rate: number;
  lateness: Lateness;
  /** Paced load: distinct posts / (first due → last first arrival). */
  pacedRate: number;
  delivery: Delivery;
  badSignatures: number;
}

const WORKER = path.join(__dirname, 'cron-tick', 'worker.ts');

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('READY') && resolve(child));
    child.once('exit', (code) => reject(new Error(`cron-tick worker exited (${code}) before it was ready`)));
  });
}

const pattern = (periodSeconds: number) => (periodSeconds === 60 ? '* * * * *' : `*/${periodSeconds} * * * * *`);
/** The first tick at least `marginMs` from now. */
const nextTick = (periodSeconds: number, marginMs: number) =>
  Math.ceil((Date.now() + marginMs) / (periodSeconds * 1000)) * periodSeconds * 1000;

async function run(): Promise<CronResult> {
  const input = partInput<CronInput>();
  console.log(
    `\n▶ cron-tick, ${input.label}: ${input.processes} process(es) ticking '${pattern(input.periodSeconds)}', ${input.groups} groups, burst ${input.burst}, paced ${input.paced} over ${input.pacedSeconds} s`
  );
  const db = await freshDatabase(input.db, input.label);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-bench-cron-'));
  const connection =
    input.db === 'postgres'
      ? { client: 'pg', connection: db.url, pool: { min: 0, max: 10 } }
      : { client: 'better-sqlite3', connection: { filename: path.join(dir, 'cron.db') }, useNullAsDefault: true };
  const knex = require('knex')(connection);
  const secret = `whsec_${crypto.randomBytes(24).toString('base64')}`;
  const receiver = await startWebhookReceiver(secret);
  const workers: ChildProcess[] = [];
  try {
    await createTable(knex);
    const env = { BENCH_CRON_DB: JSON.stringify(connection), BENCH_CRON_SECRET: secret, BENCH_CRON_PATTERN: pattern(input.periodSeconds) };
    for (let i = 0; i < input.processes; i++) workers.push(await startWorker(env));
    const expected: string[] = [];

    // Burst: everything due exactly at a tick.
    const bt = tally(receiver.arrivals, 'cburst:');
    const tick = nextTick(input.periodSeconds, 3000 + input.burst * 0.3);
    expected.push(...(await insertItems(knex, 'cburst:', input.burst, input.groups, receiver.url, () => new Date(tick))));
    console.log(
      `  burst due at the tick of ${new Date(tick).toISOString().slice(11, 19)} (in ${((tick - Date.now()) / 1000).toFixed(0)} s)`
    );
    await waitFor('burst (cron-tick)', input.burst, bt.count, { timeoutMs: tick - Date.now() + Math.max(300_000, input.burst * 100) });
    const rate = input.burst / ((bt.last() - tick) / 1000);
    await settle(receiver.requests, 5000, 600_000);

    // Paced: the same load as ours.
    const pt = tally(receiver.arrivals, 'cpaced:');
    const t0 = Date.now() + 1500 + Math.ceil(input.paced * 0.3);
    expected.push(
      ...(await insertItems(
        knex,
        'cpaced:',
        input.paced,
        input.groups,
        receiver.url,
        (i) => new Date(t0 + Math.floor((i / input.paced) * input.pacedSeconds * 1000))
      ))
    );
    await waitFor('paced (cron-tick)', input.paced, pt.count, {
      timeoutMs: input.pacedSeconds * 1000 + 2 * input.periodSeconds * 1000 + 300_000,
    });
    await settle(receiver.requests, 5000, 600_000);

    return {
      label: input.label,
      db: input.db,
      processes: input.processes,
      periodSeconds: input.periodSeconds,
      rate,
      lateness: lateness(firstLateness(receiver.arrivals, 'cpaced:')),
      pacedRate: input.paced / ((pt.last() - t0) / 1000),
      delivery: exactlyOnce(expected, receiver.arrivals),
      badSignatures: receiver.badSignatures(),
    };
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await knex.destroy();
    await receiver.close();
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main(run);
