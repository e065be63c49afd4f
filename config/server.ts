import { requireSecretList } from '../src/utils/env-secrets';
import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: requireSecretList('APP_KEYS'),
  },
  cron: { enabled: false },
});
