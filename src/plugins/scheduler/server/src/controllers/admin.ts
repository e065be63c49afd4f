import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import type { Ctx } from './context';
import { adminTasks } from './tasks';
import { adminTaskFeeds } from './task-feeds';
import { adminReadiness } from './readiness';
import { adminPublications } from './publications';
import type { SchedulerConfig } from '../config';
import type { ScheduleDraft } from '../services/editor-preview';
import type { ServiceOf } from '../utils/get-service';

type ContentPreview = ServiceOf<'editor-preview'>['content'];
import {
  validateCalendarQuery,
  parseOrigin,
  validateContentPreview,
  validateHistoryQuery,
  validateLimit,
  validateSchedulePreview,
} from './validation/admin';

type CalendarParams = Awaited<ReturnType<typeof validateCalendarQuery>>;

const calendarQuery = (q: CalendarParams) => ({
  from: new Date(q.from),
  to: new Date(q.to),
  groups: csv(q.groups),
  tag: q.tag || undefined,
  sources: csv(q.source),
  statuses: csv(q.status),
  origin: q.origin ? parseOrigin(q.origin) : undefined,
  dueAts: q.at ? csv(q.at)?.map((d) => new Date(d)) : undefined,
});

const csv = (v?: string | null) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** What the plugin's admin pages, panels and homepage widgets read and do (admin JWT). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  ...adminTasks({ strapi }),
  ...adminTaskFeeds({ strapi }),
  ...adminReadiness({ strapi }),
  ...adminPublications({ strapi }),
  async calendar(ctx: Ctx) {
    ctx.body = await getService('calendar', strapi).list(calendarQuery(await validateCalendarQuery(ctx.query ?? {})));
  },
  /** The calendar's entries: posts of one origin at one local time across groups as one. */
  async calendarEntries(ctx: Ctx) {
    const q = await validateCalendarQuery(ctx.query ?? {});
    ctx.body = await getService('calendar', strapi).entries(calendarQuery(q), q.zone || 'group');
  },
  async filters(ctx: Ctx) {
    const calendar = getService('calendar', strapi);
    const { horizonHours } = strapi.config.get('plugin::scheduler') as SchedulerConfig;
    ctx.body = { data: { groups: await calendar.groups(), tags: await calendar.tags(), horizonHours } };
  },
  async delivery(ctx: Ctx) {
    ctx.body = { data: await getService('calendar', strapi).detail(ctx.params.id) };
  },
  async retry(ctx: Ctx) {
    ctx.body = { data: await getService('deliveries', strapi).retry(ctx.params.id) };
  },
  async cancel(ctx: Ctx) {
    ctx.body = { data: await getService('deliveries', strapi).cancel(ctx.params.id) };
  },
  async sendNow(ctx: Ctx) {
    ctx.body = { data: await getService('deliveries', strapi).sendNow(ctx.params.id) };
  },
  async nextPosts(ctx: Ctx) {
    const q = await validateLimit(ctx.query ?? {});
    ctx.body = { data: await getService('calendar', strapi).next(q.limit ? Math.max(1, Number(q.limit)) : 10) };
  },
  async attention(ctx: Ctx) {
    const q = await validateLimit(ctx.query ?? {});
    ctx.body = { data: await getService('calendar', strapi).attention(q.limit ? Math.max(1, Number(q.limit)) : 10) };
  },
  async groupTimeline(ctx: Ctx) {
    ctx.body = { data: await getService('calendar', strapi).timeline(ctx.params.documentId) };
  },
  async groupHistory(ctx: Ctx) {
    const q = await validateHistoryQuery(ctx.query ?? {});
    ctx.body = { data: await getService('calendar', strapi).history(ctx.params.documentId, q.from, q.to) };
  },
  async schedulePreview(ctx: Ctx) {
    const body = await validateSchedulePreview(ctx.request.body ?? {});
    ctx.body = { data: await getService('editor-preview', strapi).schedule(body as ScheduleDraft) };
  },
  async contentPreview(ctx: Ctx) {
    const body = await validateContentPreview(ctx.request.body ?? {});
    ctx.body = { data: await getService('editor-preview', strapi).content(body as Parameters<ContentPreview>[0]) };
  },
});
