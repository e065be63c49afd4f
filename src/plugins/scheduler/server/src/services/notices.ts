import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { APP_UID, PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { credentialScrubber } from '../delivery/scrub';
import type { DeliveryRow } from '../delivery/types';
import { adminLink, noticeText, type NoticeEnvelope, type NoticeKind } from '../notices/texts';
import { getService } from '../utils/get-service';

/** Where links in notices point when Strapi has no public URL (server.url, PUBLIC_URL). */
const DEFAULT_ADMIN_BASE = 'http://localhost:1337';

export interface RaiseInput {
  kind: NoticeKind;
  /** The group the notice is about (a community group, or a team group's own post); none: the default team group's own. */
  subjectGroupId?: number;
  /** What it is about, unique within the kind: a delivery's id, one disabling of an endpoint. */
  subjectKey: string;
  /** The subject delivery (a task, a dead post). */
  delivery?: Pick<DeliveryRow, 'documentId' | 'originKind' | 'dueAt' | 'localTime' | 'title'>;
  /** Why (a dead post's reason, a disabled endpoint's); URLs are left out of the text. */
  reason?: string | null;
  /** The subject group's opened credential, taken out of the reason. */
  secret?: string | null;
  /** Without a subject delivery: what it is about (e.g. "publish of daily-report … (zh-Hans)"). */
  title?: string;
  /** Without a subject delivery: the instant it is about (its local time in the text), and where it is dealt with. */
  at?: Date;
  link?: string;
  /** holiday-data-missing: the year without data, and the calendar. */
  year?: number;
  calendar?: string;
}

export type RaiseResult = 'raised' | 'exists' | 'no-team-group' | 'not-raised';

interface SubjectGroup {
  id: number;
  documentId: string;
  slug: string;
  name: string;
  timezone: string;
  endpoint: string | null;
  teamGroup?: TeamGroup | null;
}

export interface TeamGroup {
  id: number;
  documentId: string;
  slug: string;
  name: string;
  timezone: string;
  locale: string;
  platform: string;
  purpose: string;
  stage: string;
}

export const TEAM_FIELDS = ['id', 'documentId', 'slug', 'name', 'timezone', 'locale', 'platform', 'purpose', 'stage'];

/**
 * Notices to a group's team group (its `teamGroup`, else the one `defaultTeam`): a delivery
 * row like any post (source and originKind `notice`), so it goes through the same platforms,
 * retries and logs. The key `notice:<kind>:<subject>:<team group id>` under the unique index
 * makes each notice exactly once, whichever instance or round raises it. Due at once: quiet
 * hours and the hourly cap do not hold notices back. docs/delivery.md#team-groups-and-notices.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => getService('delivery-store', strapi);
  const clock = () => getService('clock', strapi);

  const adminBase = () => {
    const url = strapi.config.get('server.url');
    return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : DEFAULT_ADMIN_BASE;
  };

  async function teamGroupOf(subject: SubjectGroup): Promise<TeamGroup | null> {
    const own = subject.teamGroup;
    if (own && own.purpose === 'team' && own.stage !== 'closed') return own;
    return (await strapi.db.query(APP_UID.group).findOne({
      select: TEAM_FIELDS,
      where: { purpose: 'team', defaultTeam: true, stage: { $ne: 'closed' } },
      orderBy: { id: 'asc' },
    })) as TeamGroup | null;
  }

  /** Inserts the notice row for `team` under `notice:<kind>:<subjectKey>:<team id>`; false when it exists already. */
  async function queue(team: TeamGroup, kind: NoticeKind, subjectKey: string, notice: NoticeEnvelope, originId: string): Promise<boolean> {
    const now = clock().now();
    const text = notice.text;
    const inserted = await store().insertNew([
      {
        key: `notice:${kind}:${subjectKey}:${team.id}`,
        status: 'planned',
        originKind: 'notice',
        originId,
        groupId: team.id,
        groupSlug: team.slug,
        platform: team.platform,
        timezone: team.timezone,
        source: 'notice',
        title: kind,
        text,
        notice,
        localTime: DateTime.fromJSDate(now, { zone: team.timezone }).toFormat('HH:mm'),
        scheduledFor: now,
        dueAt: now,
        catchUp: 'all',
        graceSeconds: 86_400,
        maxAttempts: config().maxAttempts,
      },
    ]);
    return inserted > 0;
  }

  return {
    adminBase,

    /** Queues one notice about `subjectGroupId` to its team group; a second raise of the same notice is a no-op. */
    async raise(input: RaiseInput): Promise<RaiseResult> {
      // A notice that failed raises nothing: no notices about notices, no loops.
      if (input.delivery?.originKind === 'notice') return 'not-raised';
      // No subject group (a scheduled publication): the default team group is the subject and the recipient.
      const subject = (await strapi.db.query(APP_UID.group).findOne({
        select: ['id', 'documentId', 'slug', 'name', 'timezone', 'endpoint'],
        where:
          input.subjectGroupId === undefined
            ? { purpose: 'team', defaultTeam: true, stage: { $ne: 'closed' } }
            : { id: input.subjectGroupId },
        populate: { teamGroup: { select: TEAM_FIELDS } },
        orderBy: { id: 'asc' },
      })) as SubjectGroup | null;
      if (!subject && input.subjectGroupId === undefined) return 'no-team-group';
      if (!subject) return 'not-raised';
      const team = await teamGroupOf(subject);
      if (!team) {
        strapi.log.debug(`[scheduler] no team group for ${subject.slug}: no ${input.kind} notice`);
        return 'no-team-group';
      }
      // A team group's endpoint that went away cannot carry the notice about itself.
      if (input.kind === 'endpoint-disabled' && team.id === subject.id) return 'not-raised';

      const zone = subject.timezone || 'UTC';
      const d = input.delivery;
      const scrubbed = input.reason ? credentialScrubber(subject.endpoint)(credentialScrubber(input.secret)(input.reason)) : null;
      const text = noticeText(input.kind, team.locale, {
        groupName: subject.name,
        groupSlug: subject.slug,
        localTime: d
          ? (d.localTime ?? DateTime.fromJSDate(d.dueAt, { zone }).toFormat('HH:mm'))
          : input.at && DateTime.fromJSDate(input.at, { zone }).toFormat('yyyy-MM-dd HH:mm'),
        timezone: zone,
        title: d?.title ?? input.title ?? null,
        reason: scrubbed,
        minutes: config().taskOverdueMinutes,
        link: input.link ?? adminLink(adminBase(), input.kind, subject.documentId),
        year: input.year,
        calendar: input.calendar,
      });
      const notice: NoticeEnvelope = {
        kind: input.kind,
        group: { slug: subject.slug, name: subject.name },
        ...(d ? { delivery: d.documentId } : {}),
        text,
      };
      const inserted = await queue(team, input.kind, input.subjectKey, notice, d?.documentId ?? subject.documentId);
      if (!inserted) return 'exists';
      strapi.log.info(`[scheduler] notice ${input.kind} about ${subject.slug} queued for team group ${team.slug}`);
      return 'raised';
    },

    teamGroupOf,
    queue,

    /** Like raise, for callers that must go on whatever happens (dispatch, receiver health): a failure is logged. */
    async raiseSafely(input: RaiseInput): Promise<RaiseResult | 'failed'> {
      try {
        return await this.raise(input);
      } catch (err) {
        strapi.log.error(`[scheduler] could not raise the ${input.kind} notice ${input.subjectKey}: ${(err as Error).message}`);
        return 'failed';
      }
    },
  };
};
