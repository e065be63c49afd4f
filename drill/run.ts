/**
 * npm run drill: fault drills against real instances (separate processes) on a PostgreSQL
 * server of the drill's own (Debian's binaries, a temporary directory, loopback), with a
 * webhook receiver on loopback. Prints a table of what it tried and what it found; exits 1
 * when anything failed.
 *
 *   DRILL_ONLY=kill,db,outage,clock,input   run some drills only
 *   DRILL_PROFILE=ci                         the shorter variant CI runs: the same faults and
 *                                            checks, smaller (drill/lib/profile.ts)
 *   DRILL_OUTAGE_MINUTES=10                  receiver outage length (ci: 1)
 *   DRILL_DB_DOWN_MS=15000                   database down time
 */
import { startTempPostgres } from './lib/postgres';
import { profile } from './lib/profile';
import type { DrillResult } from './lib/world';
import { killLoopDrill } from './kill-loop';
import { dbRestartDrill } from './db-restart';
import { receiverOutageDrill } from './receiver-outage';
import { clockGapDrill } from './clock-gap';

const started = Date.now();
const log = (line: string) => process.stdout.write(`[drill +${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function table(results: DrillResult[]) {
  const lines: string[][] = [['drill', 'what it tried', 'tried', 'what it found', '']];
  for (const r of results) for (const x of r.rows) lines.push([r.name, x.what, String(x.tried), x.found, x.ok ? 'ok' : 'FAILED']);
  const widths = lines[0].map((_, i) => Math.min(i === 3 ? 160 : 60, Math.max(...lines.map((l) => l[i].length))));
  const fmt = (l: string[]) => l.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join(' | ');
  return [fmt(lines[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.slice(1).map(fmt)].join('\n');
}

async function main() {
  const only = (process.env.DRILL_ONLY ?? 'kill,db,outage,clock,input').split(',').map((s) => s.trim());
  log(`profile ${profile.name}${profile.name === 'full' ? '' : ' (DRILL_PROFILE)'}; compiling the app`);
  await require('@strapi/strapi').compileStrapi({ appDir: process.cwd(), ignoreDiagnostics: false });
  const pg = await startTempPostgres();
  log(`PostgreSQL of the drill at ${pg.url}`);
  // Interrupted: still stop the drill's PostgreSQL and instances (the latter on exit).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      pg.destroy();
      process.exit(130);
    });
  }
  const drills: [string, () => Promise<DrillResult>][] = [
    ['input', async () => (await import('./bad-input-world')).badInputWorld(pg.url, log)],
    ['clock', () => clockGapDrill(pg.url, log)],
    ['kill', () => killLoopDrill(pg.url, log)],
    ['db', () => dbRestartDrill(pg, log)],
    ['outage', () => receiverOutageDrill(pg.url, log)],
  ];
  const results: DrillResult[] = [];
  try {
    for (const [key, run] of drills) {
      if (!only.includes(key)) continue;
      log(`--- ${key} ---`);
      try {
        const result = await run();
        results.push(result);
        log(`${result.name}: ${result.ok ? 'ok' : 'FAILED'}`);
      } catch (err) {
        results.push({
          name: key,
          ok: false,
          rows: [
            { what: 'the drill itself', tried: 1, found: `crashed: ${(err as Error).stack?.split('\n').slice(0, 3).join(' ')}`, ok: false },
          ],
        });
        log(`${key} crashed: ${(err as Error).message}`);
      }
    }
  } finally {
    pg.destroy();
  }
  process.stdout.write(`\n${table(results)}\n\n`);
  const failed = results.filter((r) => !r.ok);
  process.stdout.write(
    failed.length
      ? `drill: ${failed.length} of ${results.length} FAILED (${failed.map((r) => r.name).join(', ')})\n`
      : `drill: all ${results.length} passed in ${((Date.now() - started) / 60_000).toFixed(1)} min (profile ${profile.name})\n`
  );
  process.exit(failed.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
