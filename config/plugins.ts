import { requireSecret } from '../src/utils/env-secrets';

export default () => ({
  'users-permissions': {
    config: {
      jwtSecret: requireSecret('JWT_SECRET'),
    },
  },
  // Our own plugin: its server code is compiled with the app (see strapi-server.js there).
  scheduler: {
    enabled: true,
    resolve: './src/plugins/scheduler',
  },
});
