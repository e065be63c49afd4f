/**
 * Plugin settings, read from the environment here (one place): the loops' own, and each
 * delivery platform's as its module declares them (API bases, message types, posts per
 * minute). config/plugins.ts may still override any of them under `scheduler.config`.
 */
import { defaultSettings, PLATFORMS } from './platforms/registry';
import type { PlatformSettings } from './platforms/types';
import { ALLOW_LIST_ENV, parseAllowList } from './destinations/policy';

/** Where the development platform bases and the demo receiver listen. */
export const DEMO_RECEIVER = '127.0.0.1:4010';

export interface PlatformConfig {
  /** Posts per minute per target, enforced before sending (see the platform's rateLimit). */
  perMinute: number;
  settings: PlatformSettings;
}

export interface SchedulerConfig {
  /** Run the planner and dispatcher loops in this process. */
  worker: boolean;
  horizonHours: number;
  plannerIntervalMs: number;
  dispatchIntervalMs: number;
  /** How often the publisher claims due scheduled publications. */
  publishIntervalMs: number;
  concurrency: number;
  batchSize: number;
  timeoutMs: number;
  maxAttempts: number;
  leaseSeconds: number;
  /** Per platform id. */
  platforms: Record<string, PlatformConfig>;
  /** While posts wait on a receiver that is down, one of them probes it this often. */
  probeIntervalMs: number;
  /**
   * SCHEDULER_ALLOWED_DESTINATIONS: hosts, addresses or ranges (with optional ports) that may
   * be reached although not public (destinations/policy.ts). Empty in production.
   */
  allowedDestinations: string;
  /** Finished delivery rows older than this many days are deleted (summaries are kept). */
  retentionDays: number;
  /** A staff task done within this many minutes after its due time was done on time. */
  taskOnTimeMinutes: number;
  /** A staff task not done this many hours after its due time is missed. */
  taskCutoffHours: number;
  /** A staff task not done this many minutes after its due time raises a notice to its team group. */
  taskOverdueMinutes: number;
  /** Shifts this process's scheduler clock (drills and tests; always 0 in production). */
  clockOffsetMs: number;
  /** Hours before a post's due time at which missing or draft content raises a content-missing notice (largest first). */
  readinessLeadHours: number[];
  /** After a group's signing secret changes, posts carry the old one's signature too for this long. */
  secretGraceHours: number;
}

/** Strapi's env helper (the part used here). */
interface Env {
  (name: string, fallback: string): string;
  bool(name: string, fallback: boolean): boolean;
  int(name: string, fallback: number): number;
}

function platformsFromEnv(env: Env, production: boolean): Record<string, PlatformConfig> {
  const out: Record<string, PlatformConfig> = {};
  for (const platform of PLATFORMS) {
    const defaults = defaultSettings(platform, production);
    const settings: PlatformSettings = {};
    for (const [name, spec] of Object.entries(platform.settings)) {
      const value = env(spec.env, defaults[name]);
      if (spec.oneOf && !spec.oneOf.includes(value))
        throw new Error(`${spec.env} must be one of ${spec.oneOf.join(', ')}; got ${JSON.stringify(value)}`);
      settings[name] = value;
    }
    out[platform.id] = { perMinute: env.int(platform.rateLimit.env, platform.rateLimit.perMinute), settings };
  }
  return out;
}

export function configFromEnv(env: Env): SchedulerConfig {
  // Outside production the platform bases point at loopback, so the demo groups' made-up
  // credentials never reach a real platform; set WECOM_BASE_URL etc. to test one.
  const production = process.env.NODE_ENV === 'production';
  return {
    worker: env.bool('SCHEDULER_WORKER', true),
    horizonHours: env.int('SCHEDULER_HORIZON_HOURS', 48),
    plannerIntervalMs: env.int('SCHEDULER_PLANNER_INTERVAL_MS', 5000),
    dispatchIntervalMs: env.int('SCHEDULER_DISPATCH_INTERVAL_MS', 1000),
    publishIntervalMs: env.int('SCHEDULER_PUBLISH_INTERVAL_MS', 1000),
    concurrency: env.int('SCHEDULER_CONCURRENCY', 8),
    batchSize: 200,
    timeoutMs: env.int('SCHEDULER_TIMEOUT_MS', 10_000),
    maxAttempts: env.int('SCHEDULER_MAX_ATTEMPTS', 6),
    leaseSeconds: env.int('SCHEDULER_LEASE_SECONDS', 60),
    platforms: platformsFromEnv(env, production),
    probeIntervalMs: env.int('SCHEDULER_PROBE_SECONDS', 60) * 1000,
    // Outside production only the demo receiver (npm run develop's platform bases) is reachable among private addresses.
    allowedDestinations: env(ALLOW_LIST_ENV, production ? '' : DEMO_RECEIVER),
    retentionDays: env.int('SCHEDULER_RETENTION_DAYS', 90),
    taskOnTimeMinutes: env.int('SCHEDULER_TASK_ON_TIME_MINUTES', 10),
    taskCutoffHours: env.int('SCHEDULER_TASK_CUTOFF_HOURS', 6),
    taskOverdueMinutes: env.int('SCHEDULER_TASK_OVERDUE_MINUTES', 10),
    // Drills only: start this process's clock shifted (e.g. +3 h after a simulated outage).
    clockOffsetMs: production ? 0 : env.int('SCHEDULER_CLOCK_OFFSET_MS', 0),
    secretGraceHours: env.int('SCHEDULER_SECRET_GRACE_HOURS', 24),
    readinessLeadHours: parseLeadHours(env('SCHEDULER_READINESS_LEAD_HOURS', '24,2')),
  };
}

const LEAD_ENV = 'SCHEDULER_READINESS_LEAD_HOURS';
const leadError = (got: unknown) =>
  new Error(`${LEAD_ENV} must be a comma-separated list of positive numbers of hours, e.g. "24,2"; got ${JSON.stringify(got)}`);

/** "24,2" → [24, 2] (largest first, no repeats); anything else stops startup naming the variable. */
export function parseLeadHours(value: string): number[] {
  const parts = String(value)
    .split(',')
    .map((p) => p.trim());
  const hours = parts.map((p) => (/^\d+(\.\d+)?$/.test(p) ? Number(p) : NaN));
  if (!parts.length || hours.some((h) => !(Number.isFinite(h) && h > 0 && h <= 24 * 14))) throw leadError(value);
  return [...new Set(hours)].sort((a, b) => b - a);
}

export default {
  default: ({ env }: { env: Env }) => configFromEnv(env),
  validator(config: Partial<SchedulerConfig>) {
    for (const key of [
      'horizonHours',
      'plannerIntervalMs',
      'dispatchIntervalMs',
      'publishIntervalMs',
      'concurrency',
      'timeoutMs',
      'maxAttempts',
      'leaseSeconds',
      'probeIntervalMs',
      'taskCutoffHours',
    ] as const) {
      const v = config[key];
      if (v !== undefined && !(typeof v === 'number' && v > 0)) throw new Error(`scheduler.config.${key} must be a positive number`);
    }
    // A wrong entry fails startup naming itself, rather than leaving a hole or a wall.
    if (config.allowedDestinations !== undefined) parseAllowList(config.allowedDestinations);
    if (config.retentionDays !== undefined && !(Number.isInteger(config.retentionDays) && config.retentionDays >= 1))
      throw new Error('scheduler.config.retentionDays (SCHEDULER_RETENTION_DAYS) must be a whole number of days, at least 1');
    if (config.taskOnTimeMinutes !== undefined && !(Number.isInteger(config.taskOnTimeMinutes) && config.taskOnTimeMinutes >= 0))
      throw new Error('scheduler.config.taskOnTimeMinutes (SCHEDULER_TASK_ON_TIME_MINUTES) must be a whole number of minutes, 0 or more');
    if (config.taskOverdueMinutes !== undefined && !(Number.isInteger(config.taskOverdueMinutes) && config.taskOverdueMinutes >= 1))
      throw new Error('scheduler.config.taskOverdueMinutes (SCHEDULER_TASK_OVERDUE_MINUTES) must be a whole number of minutes, at least 1');
    if (config.readinessLeadHours !== undefined) {
      const lead = config.readinessLeadHours;
      if (!(Array.isArray(lead) && lead.length && lead.every((h) => typeof h === 'number' && Number.isFinite(h) && h > 0)))
        throw leadError(lead);
    }
    for (const [platform, { perMinute }] of Object.entries(config.platforms ?? {})) {
      if (!(typeof perMinute === 'number' && perMinute > 0)) {
        throw new Error(`scheduler.config.platforms.${platform}.perMinute must be a positive number of posts per minute`);
      }
    }
  },
};
