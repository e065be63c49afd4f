import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { validateAck, validateDeliveryList, validateLease, validateNack } from './validation/deliveries';

const deliveries = (strapi: Core.Strapi) => strapi.plugin(PLUGIN_ID).service('deliveries');

/** Delivery API for operators and other apps (API token). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx) {
    const q = await validateDeliveryList(ctx.query ?? {});
    ctx.body = await deliveries(strapi).list({
      ...q,
      limit: q.limit ? Number(q.limit) : undefined,
      offset: q.offset ? Number(q.offset) : undefined,
    });
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
  async sendNow(ctx) {
    ctx.body = { data: await strapi.plugin(PLUGIN_ID).service('calendar').sendNow(ctx.params.id) };
  },
  async lease(ctx) {
    const body = await validateLease(ctx.request.body ?? {});
    const data = await strapi
      .plugin(PLUGIN_ID)
      .service('pull')
      .lease({ groups: body.groups, max: body.max ?? 10, visibilitySeconds: body.visibilitySeconds ?? 60 });
    ctx.body = { data };
  },
  async ack(ctx) {
    const body = await validateAck(ctx.request.body ?? {});
    ctx.body = { data: await strapi.plugin(PLUGIN_ID).service('pull').ack(ctx.params.id, body.leaseToken) };
  },
  async nack(ctx) {
    const body = await validateNack(ctx.request.body ?? {});
    ctx.body = { data: await strapi.plugin(PLUGIN_ID).service('pull').nack(ctx.params.id, body) };
  },
  async runNow(ctx) {
    ctx.body = { data: await strapi.plugin(PLUGIN_ID).service('queue').runNow(ctx.params.documentId) };
  },
  async health(ctx) {
    ctx.body = { data: await deliveries(strapi).health() };
  },
});
