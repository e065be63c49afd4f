/**
 * group controller: core CRUD plus the day view and member joins.
 */
import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { schedulerService, validateDayQuery, validateJoin } from '../../../plugins/scheduler/server/src/public';

export default factories.createCoreController('api::group.group', ({ strapi }) => ({
  /** GET /api/groups/:slug/today?date= — every post the group gets that (local) day. */
  async today(ctx) {
    const q = await validateDayQuery(ctx.query ?? {});
    const group = await schedulerService(strapi, 'targets').bySlug(ctx.params.slug);
    const date = q.date ?? (group ? (DateTime.now().setZone(group.timezone).toISODate() as string) : '');
    ctx.body = { data: await schedulerService(strapi, 'group-plan').day(ctx.params.slug, date) };
  },

  /** POST /api/groups/:slug/joins — a member arrived from a channel: pick and fill the welcome script. */
  async joins(ctx) {
    const body = await validateJoin(ctx.request.body ?? {});
    const data = await schedulerService(strapi, 'welcome').resolve({
      groupSlug: ctx.params.slug,
      channelCode: body.channel ?? null,
      nickname: body.member?.nickname ?? null,
    });
    // The welcome post goes to the group now (held while the group is in quiet hours).
    const group = await schedulerService(strapi, 'targets').bySlug(ctx.params.slug);
    if (!group) throw new errors.NotFoundError(`No group with slug ${ctx.params.slug}`);
    const delivery = await schedulerService(strapi, 'one-off-posts').join(group, {
      markdown: data.markdown,
      nickname: body.member?.nickname ?? null,
      channelName: data.channel.name,
    });
    ctx.body = { data: { ...data, delivery } };
  },
}));
