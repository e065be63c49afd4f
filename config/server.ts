import { requireSecretList } from '../src/utils/env-secrets';

export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: requireSecretList('APP_KEYS'),
  },
  cron: { enabled: false },
});
