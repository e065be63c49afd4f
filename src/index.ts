import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './document-middlewares';
import { ensureLocales } from './bootstrap/locales';
import { grantPublicRead } from './bootstrap/public-permissions';
import { autoSeed } from './bootstrap/auto-seed';
import { applyRegistrationSetting } from './bootstrap/registration';
import { watchFirstAdmin } from './seed/demo-owner';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await grantPublicRead(strapi);
    await applyRegistrationSetting(strapi);
    await autoSeed(strapi);
    watchFirstAdmin(strapi);
  },
};
