import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateAck, validateDeliveryList, validateLease, validateNack } from './validation/deliveries';
import type { Ctx } from './context';

/** Delivery API for operators and other apps (API token). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const deliveries = () => getService('deliveries', strapi);
  const botLeases = () => getService('bot-leases', strapi);
  return {
    async find(ctx: Ctx) {
      const q = await validateDeliveryList(ctx.query ?? {});
      ctx.body = await deliveries().list({
        ...q,
        limit: q.limit ? Number(q.limit) : undefined,
        offset: q.offset ? Number(q.offset) : undefined,
      });
    },
    async findOne(ctx: Ctx) {
      ctx.body = { data: deliveries().view(await deliveries().byDocumentId(ctx.params.id)) };
    },
    async retry(ctx: Ctx) {
      ctx.body = { data: await deliveries().retry(ctx.params.id) };
    },
    async cancel(ctx: Ctx) {
      ctx.body = { data: await deliveries().cancel(ctx.params.id) };
    },
    async sendNow(ctx: Ctx) {
      ctx.body = { data: await deliveries().sendNow(ctx.params.id) };
    },
    async lease(ctx: Ctx) {
      const body = await validateLease(ctx.request.body ?? {});
      ctx.body = {
        data: await botLeases().lease({ groups: body.groups, max: body.max ?? 10, visibilitySeconds: body.visibilitySeconds ?? 60 }),
      };
    },
    async ack(ctx: Ctx) {
      const body = await validateAck(ctx.request.body ?? {});
      ctx.body = { data: await botLeases().ack(ctx.params.id, body.leaseToken) };
    },
    async nack(ctx: Ctx) {
      const body = await validateNack(ctx.request.body ?? {});
      ctx.body = { data: await botLeases().nack(ctx.params.id, body) };
    },
    async runNow(ctx: Ctx) {
      ctx.body = { data: await getService('one-off-posts', strapi).runNow(ctx.params.documentId) };
    },
  };
};
