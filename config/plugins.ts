import { requireSecret } from '../src/utils/env-secrets';

export default () => ({
  'users-permissions': {
    config: {
      jwtSecret: requireSecret('JWT_SECRET'),
    },
  },
});
