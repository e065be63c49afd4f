import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateCalendarQuery, validateContentPreview, validateLimit, validateSchedulePreview } from './validation/admin';

const csv = (v?: string | null) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** What the plugin's admin pages, panels and homepage widgets read and do (admin JWT). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async calendar(ctx) {
    const q = await validateCalendarQuery(ctx.query ?? {});
    ctx.body = await getService('calendar', strapi).list({
      from: new Date(q.from),
      to: new Date(q.to),
      groups: csv(q.groups),
      tag: q.tag || undefined,
      sources: csv(q.source),
      statuses: csv(q.status),
    });
  },
  async filters(ctx) {
    const calendar = getService('calendar', strapi);
    const horizonHours = Number((strapi.plugin('scheduler').config as any)('horizonHours') ?? 48);
    ctx.body = { data: { groups: await calendar.groups(), tags: await calendar.tags(), horizonHours } };
  },
  async delivery(ctx) {
    ctx.body = { data: await getService('calendar', strapi).detail(ctx.params.id) };
  },
  async retry(ctx) {
    ctx.body = { data: await getService('deliveries', strapi).retry(ctx.params.id) };
  },
  async cancel(ctx) {
    ctx.body = { data: await getService('deliveries', strapi).cancel(ctx.params.id) };
  },
  async sendNow(ctx) {
    ctx.body = { data: await getService('calendar', strapi).sendNow(ctx.params.id) };
  },
  async nextPosts(ctx) {
    const q = await validateLimit(ctx.query ?? {});
    ctx.body = { data: await getService('calendar', strapi).next(q.limit ? Math.max(1, Number(q.limit)) : 10) };
  },
  async attention(ctx) {
    const q = await validateLimit(ctx.query ?? {});
    ctx.body = { data: await getService('calendar', strapi).attention(q.limit ? Math.max(1, Number(q.limit)) : 10) };
  },
  async groupTimeline(ctx) {
    ctx.body = { data: await getService('calendar', strapi).timeline(ctx.params.documentId) };
  },
  async schedulePreview(ctx) {
    const body = await validateSchedulePreview(ctx.request.body ?? {});
    ctx.body = { data: await getService('editor-preview', strapi).schedule(body as any) };
  },
  async contentPreview(ctx) {
    const body = await validateContentPreview(ctx.request.body ?? {});
    ctx.body = { data: await getService('editor-preview', strapi).content(body as any) };
  },
});
