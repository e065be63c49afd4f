import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { validateDeliveryList } from './validation/deliveries';

const deliveries = (strapi: Core.Strapi) => strapi.plugin(PLUGIN_ID).service('deliveries');

/** Delivery API for operators and other apps (API token). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx) {
    const q = await validateDeliveryList(ctx.query ?? {});
    ctx.body = await deliveries(strapi).list({ ...q, limit: q.limit ? Number(q.limit) : undefined, offset: q.offset ? Number(q.offset) : undefined });
  },
  async findOne(ctx) {
    ctx.body = { data: deliveries(strapi).view(await deliveries(strapi).byDocumentId(ctx.params.id)) };
  },
  async retry(ctx) {
    ctx.body = { data: await deliveries(strapi).retry(ctx.params.id) };
  },
  async cancel(ctx) {
    ctx.body = { data: await deliveries(strapi).cancel(ctx.params.id) };
  },
  async health(ctx) {
    ctx.body = { data: await deliveries(strapi).health() };
  },
});
