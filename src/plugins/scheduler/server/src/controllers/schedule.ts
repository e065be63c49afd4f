import { factories } from '@strapi/strapi';
import { SCHEDULE_UID } from '../constants';
import { getService } from '../utils/get-service';
import type { CalendarName } from '../recurrence';
import { validateOccurrencesQuery, validatePreview } from './validation/schedule';

/** Core CRUD for schedules, plus the rule preview and a saved schedule's occurrences. */
export default factories.createCoreController(SCHEDULE_UID, ({ strapi }) => ({
  async preview(ctx) {
    const body = await validatePreview(ctx.request.body ?? {});
    const data = getService('schedule', strapi).preview({
      rule: body.rule,
      timezone: body.timezone ?? undefined,
      dtstart: body.dtstart ?? undefined,
      from: body.from ?? undefined,
      count: body.count ?? undefined,
      calendar: (body.calendar ?? undefined) as CalendarName | undefined,
    });
    ctx.body = { data };
  },

  async occurrences(ctx) {
    const query = await validateOccurrencesQuery(ctx.query ?? {});
    const data = await getService('schedule', strapi).occurrences(ctx.params.documentId, {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      group: query.group ?? undefined,
    });
    ctx.body = { data };
  },
}));
