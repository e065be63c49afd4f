import { factories } from '@strapi/strapi';
import { PUBLISHED_ONLY_MIDDLEWARE } from '../constants';

/** Core router for draft & publish content: reads go through the published-only guard. */
export const editorialRouter = (uid: Parameters<typeof factories.createCoreRouter>[0]) =>
  factories.createCoreRouter(uid, {
    config: {
      find: { middlewares: [PUBLISHED_ONLY_MIDDLEWARE] },
      findOne: { middlewares: [PUBLISHED_ONLY_MIDDLEWARE] },
    },
  });
