import { requireSecret } from '../src/utils/env-secrets';

export default () => ({
  'users-permissions': {
    config: {
      jwtSecret: requireSecret('JWT_SECRET'),
    },
  },
  // Our own plugin: its server code is compiled with the app (see strapi-server.js there).
  // Its settings (SCHEDULER_*, each platform's base URL and rate limit) are read from the
  // environment by the plugin itself: src/plugins/scheduler/server/src/config.ts.
  scheduler: {
    enabled: true,
    resolve: './src/plugins/scheduler',
  },
});
