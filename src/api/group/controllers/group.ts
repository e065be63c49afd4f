/**
 * group controller: core CRUD plus the day view and member joins.
 */
import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { getService, validateDayQuery, validateJoin } from '../../../plugins/scheduler/server/src/public';

export default factories.createCoreController('api::group.group', ({ strapi }) => ({
  /** GET /api/groups/:slug/today?date= — every post the group gets that (local) day. */
  async today(ctx) {
    const q = await validateDayQuery(ctx.query ?? {});
    const group = await getService('targets', strapi).bySlug(ctx.params.slug);
    const date = q.date ?? (group ? (DateTime.now().setZone(group.timezone).toISODate() as string) : '');
    ctx.body = { data: await getService('group-plan', strapi).day(ctx.params.slug, date) };
  },

  /** POST /api/groups/:slug/joins — a member arrived from a channel: pick and fill the welcome script. */
  async joins(ctx) {
    const body = await validateJoin(ctx.request.body ?? {});
    const data = await getService('welcome', strapi).resolve({
      groupSlug: ctx.params.slug,
      channelCode: body.channel ?? null,
      nickname: body.member?.nickname ?? null,
    });
    // The welcome post goes to the group now (held while the group is in quiet hours).
    const group = await getService('targets', strapi).bySlug(ctx.params.slug);
    if (!group) throw new errors.NotFoundError(`No group with slug ${ctx.params.slug}`);
    const delivery = await getService('one-off-posts', strapi).join(group, {
      markdown: data.markdown,
      nickname: body.member?.nickname ?? null,
      channelName: data.channel.name,
    });
    ctx.body = { data: { ...data, delivery } };
  },
}));
