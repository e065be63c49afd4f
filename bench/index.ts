/**
 * npm run bench   (BENCH_QUICK=1 npm run bench for a small run of a few minutes)
 *
 * One run, one machine, side by side (docs/benchmarks.md has the decisions and numbers):
 * 1. dispatch (bench/dispatch-cluster.ts): our planner's rows and dispatcher as real
 *    instances on SQLite and PostgreSQL with 1, 2 and 3 instances vs the bare signed-POST
 *    loop; posts/s, lateness, duplicates and losses;
 * 2. cron (bench/cron-tick.ts): the common "cron tick every minute" plugin approach with 1
 *    and 3 processes on PostgreSQL, the same loads;
 * 3. rest (bench/rest.ts): REST reads with autocannon, ours vs a stock Strapi app.
 * Each part runs in a process of its own. At the end: the tables with ratios and goals,
 * docs/benchmarks-lateness.svg (quick runs: .tmp/bench/), .tmp/bench/results.{json,md}.
 * Exit code 1 only for a correctness failure (a duplicate, a loss, a bad signature, an
 * error answer); missed speed goals are printed as MISSED.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { CONFIG, dispatchConfigs } from './lib/config';
import { postgresAvailable, PG_URL } from './lib/databases';
import { runPart } from './lib/part';
import { report, type RunResults } from './lib/report';
import { latenessSvg } from './lib/svg';
import type { DispatchInput, DispatchResult } from './dispatch-cluster';
import type { CronInput, CronResult } from './cron-tick';
import type { RestInput, RestResult } from './rest';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.tmp', 'bench');

async function main() {
  const startedAt = new Date().toISOString();
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at start`;
  console.log(`npm run bench — ${CONFIG.quick ? 'QUICK (small sizes)' : 'full run'}; ${machine}`);
  const pgError = await postgresAvailable();
  const skipped: string[] = [];
  if (pgError)
    skipped.push(`PostgreSQL at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} not reachable (${pgError}): its configurations did not run`);

  const results: RunResults = {
    startedAt,
    quick: CONFIG.quick,
    machine,
    sizes: { groups: CONFIG.groups, burst: CONFIG.burst, rounds: CONFIG.rounds, paced: CONFIG.paced, pacedSeconds: CONFIG.pacedSeconds },
    dispatch: [],
    cron: [],
    rest: null,
    skipped,
    errors: [],
  };
  /** A part that crashes is a failure of the run (exit 1), and the run goes on with the next. */
  const attempt = async <R>(what: string, fn: () => Promise<R>): Promise<R | null> => {
    try {
      return await fn();
    } catch (err) {
      console.error(`  ${what} FAILED: ${(err as Error).message}`);
      results.errors.push(`${what}: ${(err as Error).message}`);
      return null;
    }
  };

  const dispatch = CONFIG.parts.includes('dispatch') ? dispatchConfigs().filter((c) => c.db === 'sqlite' || !pgError) : [];
  const cron = CONFIG.parts.includes('cron') && !pgError ? [1, 3] : [];
  const total = dispatch.length + cron.length + (CONFIG.parts.includes('rest') ? 1 : 0);
  let k = 0;
  const step = (what: string) => console.log(`\n[${++k}/${total}] ${what}`);

  for (const c of dispatch) {
    step(`dispatch: ${c.label}`);
    const input: DispatchInput = {
      label: c.label,
      db: c.db,
      instances: c.instances,
      groups: CONFIG.groups,
      burst: CONFIG.burst,
      rounds: CONFIG.rounds,
      paced: CONFIG.paced,
      pacedSeconds: CONFIG.pacedSeconds,
      instanceEnv: c.intervalMs ? { SCHEDULER_DISPATCH_INTERVAL_MS: String(c.intervalMs) } : {},
      cpuProfDir: CONFIG.cpuProfDir,
    };
    const r = await attempt(`dispatch ${c.label}`, () => runPart<DispatchResult>('dispatch-cluster.ts', input));
    if (!r) continue;
    results.dispatch.push({ ...r, intervalMs: c.intervalMs });
    console.log(
      `  → ours ${r.ours.toFixed(0)} posts/s vs floor ${r.floor.toFixed(0)} (${((r.ours / r.floor) * 100).toFixed(0)}%), lateness p99 ${r.lateness.p99.toFixed(2)} s, ${r.delivery.duplicates} duplicates, ${r.delivery.lost} lost`
    );
  }
  for (const processes of cron) {
    step(`cron-tick: PostgreSQL, ${processes} process(es)`);
    const input: CronInput = {
      label: `cron-${processes}`,
      db: 'postgres',
      processes,
      groups: CONFIG.groups,
      burst: CONFIG.burst,
      paced: CONFIG.paced,
      pacedSeconds: CONFIG.pacedSeconds,
      periodSeconds: CONFIG.cronSeconds,
    };
    const r = await attempt(`cron-tick ${processes}`, () => runPart<CronResult>('cron-tick.ts', input));
    if (!r) continue;
    results.cron.push(r);
    console.log(
      `  → ${r.rate.toFixed(0)} posts/s, lateness p99 ${r.lateness.p99.toFixed(2)} s, ${r.delivery.duplicates} duplicates, ${r.delivery.lost} lost`
    );
  }
  if (CONFIG.parts.includes('rest')) {
    step('REST reads');
    const input: RestInput = { connections: CONFIG.connections, seconds: CONFIG.restSeconds, rounds: CONFIG.restRounds };
    results.rest = await attempt('REST', () => runPart<RestResult>('rest.ts', input));
  }

  const { markdown, failures } = report(results);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results));
  fs.writeFileSync(path.join(OUT, 'results.md'), markdown);
  const series = [
    ...results.dispatch.map((d) => ({ label: `ours: ${d.label}`, seconds: d.lateness.seconds })),
    ...results.cron.map((c) => ({
      label: `cron-tick: ${c.processes} process${c.processes > 1 ? 'es' : ''}`,
      seconds: c.lateness.seconds,
      dashed: true,
    })),
  ];
  let svgPath: string | null = null;
  if (series.length) {
    svgPath = CONFIG.quick ? path.join(OUT, 'benchmarks-lateness.svg') : path.join(ROOT, 'docs', 'benchmarks-lateness.svg');
    const cronNote = results.cron.length ? `; cron-tick every ${results.cron[0].periodSeconds} s` : '';
    fs.writeFileSync(
      svgPath,
      latenessSvg(series, {
        title: `Lateness per configuration: ${CONFIG.paced.toLocaleString('en-US')} posts due evenly over ${CONFIG.pacedSeconds} s`,
        subtitle: `${CONFIG.quick ? 'BENCH_QUICK run' : 'npm run bench'}, ${startedAt.slice(0, 10)}, ${os.cpus().length} cores${cronNote}`,
        goalSeconds: 2,
      })
    );
  }

  console.log(`\n${'='.repeat(100)}\n${markdown}`);
  console.log(
    `Written: ${path.relative(ROOT, path.join(OUT, 'results.md'))}, ${path.relative(ROOT, path.join(OUT, 'results.json'))}${svgPath ? `, ${path.relative(ROOT, svgPath)}` : ''}`
  );
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
