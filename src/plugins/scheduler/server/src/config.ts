/**
 * Plugin settings (config/plugins.ts `scheduler.config` overrides them; the env
 * variables below are read there).
 */
export interface SchedulerConfig {
  /** Run the planner and dispatcher loops in this process. */
  worker: boolean;
  horizonHours: number;
  plannerIntervalMs: number;
  dispatchIntervalMs: number;
  concurrency: number;
  batchSize: number;
  timeoutMs: number;
  maxAttempts: number;
  leaseSeconds: number;
  wecomBaseUrl: string;
  telegramBaseUrl: string;
  wecomMsgtype: 'markdown' | 'text';
  /** Posts per minute per target, enforced before sending. */
  pacing: { wecom: number; telegram: number; slack: number; webhook: number };
  /** While posts wait on a receiver that is down, one of them probes it this often. */
  probeIntervalMs: number;
  /** Shifts this process's scheduler clock (drills and tests; always 0 in production). */
  clockOffsetMs: number;
}

export const DEFAULT_CONFIG: SchedulerConfig = {
  worker: true,
  horizonHours: 48,
  plannerIntervalMs: 5000,
  dispatchIntervalMs: 1000,
  concurrency: 8,
  batchSize: 200,
  timeoutMs: 10_000,
  maxAttempts: 6,
  leaseSeconds: 60,
  wecomBaseUrl: 'https://qyapi.weixin.qq.com',
  telegramBaseUrl: 'https://api.telegram.org',
  wecomMsgtype: 'markdown',
  pacing: { wecom: 20, telegram: 20, slack: 60, webhook: 600 },
  probeIntervalMs: 60_000,
  clockOffsetMs: 0,
};

export default {
  default: DEFAULT_CONFIG,
  validator(config: Partial<SchedulerConfig>) {
    for (const key of [
      'horizonHours',
      'plannerIntervalMs',
      'dispatchIntervalMs',
      'concurrency',
      'timeoutMs',
      'maxAttempts',
      'leaseSeconds',
      'probeIntervalMs',
    ] as const) {
      const v = config[key];
      if (v !== undefined && !(typeof v === 'number' && v > 0)) throw new Error(`scheduler.config.${key} must be a positive number`);
    }
    for (const [platform, perMinute] of Object.entries(config.pacing ?? {})) {
      if (!(typeof perMinute === 'number' && perMinute > 0))
        throw new Error(`scheduler.config.pacing.${platform} must be a positive number of posts per minute`);
    }
  },
};
