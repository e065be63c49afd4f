import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { PLUGIN_ID, SCHEDULE_UID, type Source } from '../constants';
import type { SchedulerConfig } from '../config';
import type { NewDeliveryRow } from '../delivery/types';
import { getService } from '../utils/get-service';
import { decideQuiet } from '../planning/quiet-hours';
import type { TargetGroup } from './targets';

/** What run-now reads of a schedule. */
interface RunNowSchedule {
  documentId: string;
  name: string;
  source: Source;
  text: string | null;
  groups?: { documentId: string }[];
  tags?: { documentId: string }[];
}

/** Posts that are not planned from a rule: "send now" and welcome posts for joins. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService('clock', strapi);
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => getService('delivery-store', strapi);

  async function insert(group: TargetGroup, row: Omit<NewDeliveryRow, 'groupId' | 'groupSlug'>) {
    await store().insertNew([
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
    const stored = await store().byKey(row.key);
    if (!stored) throw new Error(`the post ${row.key} was not stored`);
    return getService('deliveries', strapi).view(stored);
  }

  return {
    /** POST /api/schedules/:documentId/run-now: one occurrence now, to every target (quiet hours do not apply to an explicit send). */
    async runNow(documentId: string) {
      const schedule = (await strapi.documents(SCHEDULE_UID).findOne({
        documentId,
        populate: { groups: { fields: ['documentId'] }, tags: { fields: ['documentId'] } },
      })) as RunNowSchedule | null;
      if (!schedule) throw new errors.NotFoundError(`No schedule with documentId ${documentId}`);
      const groups = await getService('targets', strapi).forSchedule(schedule);
      const now = clock().now();
      const rows = [];
      for (const group of groups) {
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
