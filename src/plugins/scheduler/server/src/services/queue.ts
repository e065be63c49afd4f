import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { PLUGIN_ID, SCHEDULE_UID } from '../constants';
import { decideQuiet } from '../planning/quiet-hours';
import type { TargetGroup } from './targets';

const service = <T = any>(strapi: Core.Strapi, name: string) => strapi.plugin(PLUGIN_ID).service(name) as T;

/** Posts that are not planned from a rule: "send now" and welcome posts for joins. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => service(strapi, 'clock');
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as any;

  async function insert(group: TargetGroup, row: Record<string, unknown>) {
    await service(strapi, 'delivery-store').insertBatch([
      {
        groupId: group.id,
        groupSlug: group.slug,
        platform: group.platform,
        timezone: group.timezone,
        catchUp: 'all',
        graceSeconds: 86_400,
        maxAttempts: config().maxAttempts,
        ...row,
      },
    ]);
    const s = service(strapi, 'delivery-store');
    const stored = await s.knex()(s.table()).where(s.col('key'), row.key).first();
    return service(strapi, 'deliveries').view(s.fromColumns(stored));
  }

  return {
    /** POST /api/schedules/:documentId/run-now: one occurrence now, to every target (quiet hours do not apply to an explicit send). */
    async runNow(documentId: string) {
      const schedule: any = await strapi.documents(SCHEDULE_UID).findOne({
        documentId,
        populate: { groups: { fields: ['documentId'] }, tags: { fields: ['documentId'] } },
      } as any);
      if (!schedule) throw new errors.NotFoundError(`No schedule with documentId ${documentId}`);
      const groups = await service(strapi, 'targets').forSchedule(schedule);
      const now = clock().now();
      const rows = [];
      for (const group of groups as TargetGroup[]) {
        rows.push(
          await insert(group, {
            key: `now:${documentId}:${group.documentId}:${now.toISOString()}`,
            status: 'planned',
            originKind: 'run-now',
            originId: documentId,
            source: schedule.source,
            text: schedule.text,
            title: schedule.name,
            localTime: DateTime.fromJSDate(now, { zone: group.timezone }).toFormat('HH:mm'),
            scheduledFor: now,
            dueAt: now,
            reason: 'sent now by an operator',
          })
        );
      }
      return rows;
    },

    /** A member joined: queue the filled welcome post (held until quiet hours end). */
    async join(group: TargetGroup, input: { markdown: string; nickname?: string | null; channelName?: string | null }) {
      const now = clock().now();
      const quiet = decideQuiet(now, group.timezone, group.quietHours, 'defer');
      const dueAt = quiet.action === 'defer' ? quiet.movedTo : now;
      return insert(group, {
        key: `join:${group.documentId}:${crypto.randomUUID()}`,
        status: quiet.action === 'skip' ? 'skipped' : 'planned',
        originKind: 'join',
        source: 'text',
        text: input.markdown,
        title: 'welcome',
        member: { nickname: input.nickname ?? null, channelName: input.channelName ?? null },
        localTime: DateTime.fromJSDate(now, { zone: group.timezone }).toFormat('HH:mm'),
        scheduledFor: now,
        dueAt,
        quietAction: quiet.action === 'none' ? null : quiet.action,
        reason:
          quiet.action === 'defer'
            ? `quiet hours ${quiet.window.start.slice(0, 5)}-${quiet.window.end.slice(0, 5)}: held until they end`
            : null,
      });
    },
  };
};
