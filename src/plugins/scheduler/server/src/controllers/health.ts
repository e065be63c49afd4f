import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import type { Ctx } from './context';

/**
 * GET /api/scheduler/health. Named `find` because Strapi's read-only API tokens may call
 * exactly the find and findOne actions: health is a read.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    ctx.body = { data: await getService('deliveries', strapi).health() };
  },
});
