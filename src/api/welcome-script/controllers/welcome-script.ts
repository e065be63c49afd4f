/**
 * welcome-script controller: core CRUD plus resolving the script for a channel and group.
 */
import { factories } from '@strapi/strapi';
import { getService, validateResolveQuery } from '../../../plugins/scheduler/server/src/public';

export default factories.createCoreController('api::welcome-script.welcome-script', ({ strapi }) => ({
  async resolve(ctx) {
    const q = await validateResolveQuery(ctx.query ?? {});
    ctx.body = {
      data: await getService('welcome', strapi).resolve({
        groupSlug: q.group,
        channelCode: q.channel ?? null,
        nickname: q.nickname ?? null,
      }),
    };
  },
}));
