import { requireSecret } from '../src/utils/env-secrets';

// Outside production the platform bases point at loopback, so the demo groups' made-up
// credentials never reach a real platform; set WECOM_BASE_URL / TELEGRAM_BASE_URL to test one.
const production = process.env.NODE_ENV === 'production';

export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: requireSecret('JWT_SECRET'),
    },
  },
  // Our own plugin: its server code is compiled with the app (see strapi-server.js there).
  scheduler: {
    enabled: true,
    resolve: './src/plugins/scheduler',
    config: {
      worker: env.bool('SCHEDULER_WORKER', true),
      horizonHours: env.int('SCHEDULER_HORIZON_HOURS', 48),
      plannerIntervalMs: env.int('SCHEDULER_PLANNER_INTERVAL_MS', 5000),
      dispatchIntervalMs: env.int('SCHEDULER_DISPATCH_INTERVAL_MS', 1000),
      concurrency: env.int('SCHEDULER_CONCURRENCY', 8),
      timeoutMs: env.int('SCHEDULER_TIMEOUT_MS', 10000),
      maxAttempts: env.int('SCHEDULER_MAX_ATTEMPTS', 6),
      leaseSeconds: env.int('SCHEDULER_LEASE_SECONDS', 60),
      wecomBaseUrl: env('WECOM_BASE_URL', production ? 'https://qyapi.weixin.qq.com' : 'http://127.0.0.1:4010/wecom'),
      telegramBaseUrl: env('TELEGRAM_BASE_URL', production ? 'https://api.telegram.org' : 'http://127.0.0.1:4010/telegram'),
      wecomMsgtype: env('WECOM_MSGTYPE', 'markdown'),
      pacing: {
        wecom: env.int('SCHEDULER_PACING_WECOM', 20),
        telegram: env.int('SCHEDULER_PACING_TELEGRAM', 20),
        slack: env.int('SCHEDULER_PACING_SLACK', 60),
        webhook: env.int('SCHEDULER_PACING_WEBHOOK', 600),
      },
      // While posts wait on a receiver that is down, one of them probes it this often.
      probeIntervalMs: env.int('SCHEDULER_PROBE_SECONDS', 60) * 1000,
      // Drills only: start this process's clock shifted (e.g. +3 h after a simulated outage).
      clockOffsetMs: production ? 0 : env.int('SCHEDULER_CLOCK_OFFSET_MS', 0),
    },
  },
});
