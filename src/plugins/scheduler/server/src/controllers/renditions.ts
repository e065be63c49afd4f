import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import type { Source } from '../constants';
import type { RenditionFormat } from '../rendering';
import { getService } from '../utils/get-service';
import { validateRenditionParams } from './validation/renditions';
import type { Ctx } from './context';

/** GET /api/renditions/:source?date=&group=&format= — the composed post for a group and date. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    const q = await validateRenditionParams({ ...ctx.query, source: ctx.params.source });
    const group = await getService('targets', strapi).bySlug(q.group);
    if (!group) throw new errors.NotFoundError(`No group with slug ${q.group}`);
    const date = q.date ?? (DateTime.now().setZone(group.timezone).toISODate() as string);
    // The post's local time: given, or the class-time reminder default, or noon.
    const time = q.time ?? '12:00';
    const at = DateTime.fromISO(`${date}T${time}`, { zone: group.timezone }).toJSDate();
    const composed = await getService('compose', strapi).compose({
      source: q.source as Source,
      group,
      at,
      localTime: time,
      text: q.text ?? null,
    });
    if (composed.status === 'skipped')
      throw new errors.NotFoundError(`Nothing to post for ${q.source} on ${date} in ${group.slug}: ${composed.reason}`);
    const base = {
      source: composed.source,
      date,
      group: { slug: group.slug, name: group.name, locale: group.locale, timezone: group.timezone },
      title: composed.title,
    };
    if (q.format) {
      const r = composed.renditions[q.format as RenditionFormat];
      if (!r) throw new errors.NotFoundError(`No ${q.format} rendition`);
      ctx.body = {
        data: { ...base, format: q.format, body: r.body, parts: r.parts, size: r.size, unknown: r.unknown, missing: r.missing },
      };
      return;
    }
    ctx.body = { data: { ...base, markdown: composed.markdown, renditions: composed.renditions } };
  },
});
