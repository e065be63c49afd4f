/**
 * What a run does: BENCH_QUICK=1 for a small fast run (checking the script, development),
 * otherwise the full sizes. Every size can be set on its own (see docs/benchmarks.md).
 */
const quick = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';
const num = (name: string, full: number, fast: number) =>
  process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : quick ? fast : full;

export interface DispatchConfig {
  label: string;
  db: 'sqlite' | 'postgres';
  instances: number;
  /** SCHEDULER_DISPATCH_INTERVAL_MS for the instances; undefined = the shipped default (1000). */
  intervalMs?: number;
}

export const CONFIG = {
  quick,
  parts: (process.env.BENCH_PARTS ?? 'dispatch,cron,rest').split(',').map((s) => s.trim()),
  groups: num('BENCH_GROUPS', 500, 100),
  burst: num('BENCH_POSTS', 5_000, 1_000),
  rounds: num('BENCH_ROUNDS', 2, 2),
  paced: num('BENCH_PACED', 3_000, 200),
  pacedSeconds: num('BENCH_PACED_SECONDS', 60, 8),
  /** The cron-tick period: every full minute; quick runs tick every 10 s (not comparable). */
  cronSeconds: num('BENCH_CRON_SECONDS', 60, 10),
  connections: num('BENCH_CONNECTIONS', 10, 10),
  restSeconds: num('BENCH_REST_SECONDS', 10, 2),
  restRounds: num('BENCH_REST_ROUNDS', 3, 1),
  /** The extra runs with SCHEDULER_DISPATCH_INTERVAL_MS=100 (full runs; BENCH_TUNED=0 skips them, BENCH_TUNED=1 adds them to a quick run). */
  tunedIntervalMs: num('BENCH_TUNED_INTERVAL_MS', 100, 100),
  tuned: process.env.BENCH_TUNED !== undefined ? process.env.BENCH_TUNED !== '0' : !quick,
  cpuProfDir: process.env.BENCH_CPU_PROF || undefined,
};

export function dispatchConfigs(): DispatchConfig[] {
  const list: DispatchConfig[] = [
    { label: 'SQLite, 1 instance', db: 'sqlite', instances: 1 },
    // Quick runs leave this one out (time); BENCH_CONFIGS=… picks any.
    ...(quick && !process.env.BENCH_CONFIGS ? [] : [{ label: 'SQLite, 3 instances', db: 'sqlite' as const, instances: 3 }]),
    { label: 'PostgreSQL, 1 instance', db: 'postgres', instances: 1 },
    { label: 'PostgreSQL, 2 instances', db: 'postgres', instances: 2 },
    { label: 'PostgreSQL, 3 instances', db: 'postgres', instances: 3 },
  ];
  if (CONFIG.tuned) {
    const i = CONFIG.tunedIntervalMs;
    list.push(
      { label: `SQLite, 1 instance, ${i} ms`, db: 'sqlite', instances: 1, intervalMs: i },
      { label: `PostgreSQL, 1 instance, ${i} ms`, db: 'postgres', instances: 1, intervalMs: i },
      { label: `PostgreSQL, 2 instances, ${i} ms`, db: 'postgres', instances: 2, intervalMs: i }
    );
  }
  const only = process.env.BENCH_CONFIGS;
  return only ? list.filter((c) => only.split(';').some((o) => c.label.toLowerCase().includes(o.trim().toLowerCase()))) : list;
}

export const GOALS = {
  /** Dispatch ≥ 50% of the bare loop on one instance. */
  dispatchShare: 0.5,
  /** Two instances on PostgreSQL ≥ 1.3× one. */
  scaling: 1.3,
  /** Lateness p99 under 2 s. */
  latenessP99: 2,
  /** REST: ours ≥ 90% of stock. */
  restShare: 0.9,
  /** /groups/:slug/today (from the planner's rows) vs the core find of the same group on our app. */
  todayShare: 0.5,
};
