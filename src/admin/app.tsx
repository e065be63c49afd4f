import type { StrapiApp } from '@strapi/strapi/admin';

/** The admin is offered in English (default) and Simplified Chinese. */
export default {
  config: {
    locales: ['zh-Hans'],
  },
  bootstrap(_app: StrapiApp) {},
};
