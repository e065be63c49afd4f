/**
 * npm run bench:scale   (BENCH_QUICK=1 for a few minutes)
 *
 * Costs that should follow the work, not the number of groups or the age of the table
 * (issue 19), on SQLite and PostgreSQL, each world in a process of its own
 * (bench/scale/world.ts):
 *  - a forced full planner round for 100, 1,000 and 10,000 groups (3 tag-targeted
 *    schedules and a 3-step playbook each, three zones): time per group, statements, RSS;
 *  - the calendar's week: time and statements (the same whatever the number of groups);
 *  - with 1,000,000 finished rows added (pruning off): a claim, the delivery log's first
 *    page, health and the calendar week against the same on the fresh table.
 * Prints each figure and ratio with its goal (met / MISSED), writes .tmp/bench/scale.{md,json}
 * and the curves as SVG (a full run: docs/benchmarks-scale.svg).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { postgresAvailable, PG_URL, type DbKind } from './lib/databases';
import { runPart } from './lib/part';
import { curvesSvg } from './lib/svg';
import type { WorldInput, WorldResult } from './scale/world';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.tmp', 'bench');
const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = (process.env.BENCH_SCALE_GROUPS ?? (QUICK ? '100,1000' : '100,1000,10000')).split(',').map(Number);
const HISTORY = Number(process.env.BENCH_SCALE_HISTORY ?? (QUICK ? 100_000 : 1_000_000));
/** The history figures are taken in the world of this many groups. */
const HISTORY_AT = Number(process.env.BENCH_SCALE_HISTORY_AT ?? 1000);
const PLANNER_INTERVAL_MS = 5000;

const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const f2 = (v: number) => v.toFixed(2);
const goal = (ok: boolean) => (ok ? 'met' : '**MISSED**');

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)} at start`;
  console.log(`npm run bench:scale — ${QUICK ? 'QUICK' : 'full run'}; groups ${SIZES.join(', ')}; history ${n0(HISTORY)} rows; ${machine}`);
  const kinds: DbKind[] = ['sqlite'];
  const pgError = await postgresAvailable();
  if (pgError) console.log(`PostgreSQL at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} not reachable (${pgError}): SQLite only`);
  else kinds.push('postgres');

  const results: WorldResult[] = [];
  for (const kind of kinds)
    for (const groups of SIZES) {
      const input: WorldInput = { kind, groups, history: groups === HISTORY_AT ? HISTORY : 0 };
      console.log(`▶ ${kind}, ${n0(groups)} groups${input.history ? `, then ${n0(input.history)} finished rows` : ''}`);
      const r = await runPart<WorldResult>('scale/world.ts', input);
      console.log(
        `  built in ${n0(r.buildMs)} ms; first round ${n0(r.firstRound.ms)} ms (${n0(r.rowsPlanned)} rows), steady round ${n0(r.steadyRound.ms)} ms, ${n0(r.steadyRound.statements)} statements, RSS ${n0(r.rssMb)} MB; week ${n0(r.calendarWeek.ms)} ms, ${r.calendarWeek.statements} statements`
      );
      results.push(r);
    }

  const md: string[] = [];
  const missed: string[] = [];
  md.push(`### Planner round and calendar week by number of groups\n`);
  md.push(
    '| database | groups | rows planned | first round | steady round | per group (steady) | statements (steady) | RSS | calendar week | its statements |'
  );
  md.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results)
    md.push(
      `| ${r.kind} | ${n0(r.groups)} | ${n0(r.rowsPlanned)} | ${n0(r.firstRound.ms)} ms | ${n0(r.steadyRound.ms)} ms | ${f2(r.steadyRound.ms / r.groups)} ms | ${n0(r.steadyRound.statements)} | ${n0(r.rssMb)} MB | ${n0(r.calendarWeek.ms)} ms | ${r.calendarWeek.statements} |`
    );
  md.push('');
  md.push('| goal | database | figure | result |');
  md.push('|---|---|---|---|');
  for (const kind of kinds) {
    const of = (g: number) => results.find((r) => r.kind === kind && r.groups === g);
    const big = of(Math.max(...SIZES));
    const mid = of(HISTORY_AT);
    if (big && mid && big !== mid) {
      const ratio = big.steadyRound.ms / big.groups / (mid.steadyRound.ms / mid.groups);
      const ok = ratio <= 1.5;
      if (!ok) missed.push(`${kind}: per-group planner time ratio ${f2(ratio)}`);
      md.push(`| time per group at ${n0(big.groups)} ≤ 1.5 × at ${n0(mid.groups)} | ${kind} | ${f2(ratio)}× | ${goal(ok)} |`);
      const rss = big.rssMb - mid.rssMb;
      md.push(`| RSS at ${n0(big.groups)} ≤ RSS at ${n0(mid.groups)} + 200 MB | ${kind} | +${n0(rss)} MB | ${goal(rss <= 200)} |`);
      if (rss > 200) missed.push(`${kind}: RSS +${n0(rss)} MB`);
      const weekSame = big.calendarWeek.statements === mid.calendarWeek.statements;
      md.push(
        `| calendar week: the same statements at ${n0(big.groups)} as at ${n0(mid.groups)} | ${kind} | ${big.calendarWeek.statements} vs ${mid.calendarWeek.statements} | ${goal(weekSame)} |`
      );
      if (kind === 'postgres') {
        const ok2 = big.steadyRound.ms <= PLANNER_INTERVAL_MS;
        if (!ok2) missed.push(`postgres: ${n0(big.groups)}-group round ${n0(big.steadyRound.ms)} ms`);
        md.push(
          `| a ${n0(big.groups)}-group round within one planner interval (5 s) | ${kind} | ${n0(big.steadyRound.ms)} ms | ${goal(ok2)} |`
        );
      }
    }
  }
  md.push('');
  const withHistory = results.filter((r) => r.history);
  if (withHistory.length) {
    md.push(`### The present with a long history (${n0(HISTORY)} finished rows, ${n0(HISTORY_AT)} groups; median of 5)\n`);
    md.push('| database | statement | fresh table | with the history | ratio | goal ≤ 1.5× |');
    md.push('|---|---|---:|---:|---:|---|');
    for (const r of withHistory) {
      const h = r.history!;
      for (const key of Object.keys(h.fresh)) {
        const ratio = h.withHistory[key] / h.fresh[key];
        const ok = ratio <= 1.5;
        if (!ok) missed.push(`${r.kind}: ${key} ${f2(ratio)}× with history`);
        md.push(`| ${r.kind} | ${key} | ${f2(h.fresh[key])} ms | ${f2(h.withHistory[key])} ms | ${f2(ratio)}× | ${goal(ok)} |`);
      }
    }
    md.push('');
  }
  const markdown = md.join('\n');
  console.log(`\n${markdown}`);

  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'scale.json'), JSON.stringify({ machine, quick: QUICK, results }, null, 2));
  fs.writeFileSync(path.join(OUT, 'scale.md'), `${markdown}\n`);
  const svg = curvesSvg(
    kinds.flatMap((kind) => [
      {
        label: `${kind}: steady round`,
        points: results.filter((r) => r.kind === kind).map((r) => [r.groups, r.steadyRound.ms / r.groups] as [number, number]),
      },
      {
        label: `${kind}: first round (inserts)`,
        dashed: true,
        points: results.filter((r) => r.kind === kind).map((r) => [r.groups, r.firstRound.ms / r.groups] as [number, number]),
      },
    ]),
    {
      title: 'Planner round: milliseconds per group',
      subtitle: `3 tag-targeted schedules and a 3-step playbook per group, three zones, 48 h horizon; ${machine}`,
      xLabel: 'groups (log scale)',
      yLabel: 'ms per group',
    }
  );
  const svgPath = QUICK ? path.join(OUT, 'benchmarks-scale.svg') : path.join(ROOT, 'docs', 'benchmarks-scale.svg');
  fs.writeFileSync(svgPath, svg);
  console.log(
    `\nwrote ${path.relative(ROOT, svgPath)}, .tmp/bench/scale.{md,json}${missed.length ? `; MISSED: ${missed.join('; ')}` : '; every goal met'}`
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  }
);
