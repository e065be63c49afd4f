import { requireSecret } from '../src/utils/env-secrets';
import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  auth: {
    secret: requireSecret('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: requireSecret('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: requireSecret('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: requireSecret('ENCRYPTION_KEY'),
  },
  // API tests boot without a built admin panel.
  serveAdminPanel: env.bool('SERVE_ADMIN', true),
  flags: {
    nps: false,
    promoteEE: false,
  },
});
