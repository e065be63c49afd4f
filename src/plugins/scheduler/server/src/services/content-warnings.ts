import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { APP_UID, PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import type { ReadinessLine } from '../readiness';
import { itemKey, warningsDue } from '../readiness/warnings';
import { contentLink, noticeText, type NoticeEnvelope } from '../notices/texts';
import { getService } from '../utils/get-service';
import { TEAM_FIELDS, type TeamGroup } from './notices';

const HOUR = 3_600_000;
/** A round at most this often (the notice keys make a second one harmless, this keeps it cheap). */
const ROUND_MS = 60_000;
/** Looked ahead beyond the largest lead, so a line is seen before its first warning is due. */
const MARGIN_MS = 10 * 60_000;

type Group = { id: number; documentId: string; slug: string; name: string; timezone: string; teamGroup?: TeamGroup | null };

/** The content type and list filters where an item is written, for the notice's link. */
function target(line: ReadinessLine): { uid: string; filters?: Record<string, string | number>; documentId?: string | null } {
  if (line.entry) return { uid: line.entry.uid, documentId: line.entry.documentId };
  switch (line.source) {
    case 'morning-report':
    case 'evening-report':
      return { uid: APP_UID.dailyReport, filters: { date: line.date, edition: line.source === 'morning-report' ? 'morning' : 'evening' } };
    case 'daily-topic':
      return { uid: APP_UID.dailyTopic, filters: { date: line.date } };
    case 'lesson':
      return line.day !== undefined ? { uid: APP_UID.lesson, filters: { day: line.day } } : { uid: APP_UID.group };
    // A reminder is part of its course.
    case 'lesson-reminder':
      return line.course ? { uid: APP_UID.course, documentId: line.course } : { uid: APP_UID.group };
    case 'welcome-rules':
      return { uid: APP_UID.welcomeScript };
    default:
      return { uid: APP_UID.group };
  }
}

/**
 * Warnings ahead of time (docs/readiness.md#warnings-ahead-of-time): the planner lease
 * holder's round finds drafts and missing content due within a lead time
 * (SCHEDULER_READINESS_LEAD_HOURS) and raises one content-missing notice per item, lead and
 * team group, counting that team group's groups. The key
 * `notice:content-missing:<item>:<lead>h:<team group id>` makes it once across instances.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  let last: number | null = null;

  async function groupsBySlug(slugs: string[]): Promise<Map<string, Group>> {
    const rows = (await strapi.db.query(APP_UID.group).findMany({
      select: ['id', 'documentId', 'slug', 'name', 'timezone'],
      where: { slug: { $in: slugs } },
      populate: { teamGroup: { select: TEAM_FIELDS } },
    })) as Group[];
    return new Map(rows.map((g) => [g.slug, g]));
  }

  return {
    /** Returns how many notices were raised (null: skipped, the last round is less than a minute old). */
    async round(now: Date, opts: { force?: boolean } = {}): Promise<number | null> {
      if (!opts.force && last !== null && Math.abs(now.getTime() - last) < ROUND_MS) return null;
      last = now.getTime();
      const leads = config().readinessLeadHours ?? [24, 2];
      const to = new Date(now.getTime() + Math.max(...leads) * HOUR + MARGIN_MS);
      const { data } = await getService('readiness', strapi).list({ from: now, to, states: ['draft', 'missing'] });
      const due = warningsDue(data, leads, now);
      if (!due.length) return 0;
      const groups = await groupsBySlug([...new Set(due.flatMap((w) => w.line.groups))]);
      const notices = getService('notices', strapi);
      let fallbackTeam: TeamGroup | null | undefined;
      let raised = 0;
      for (const { line, lead } of due) {
        // The affected groups by team group: each team group hears about its own groups.
        const byTeam = new Map<number, { team: TeamGroup; groups: Group[] }>();
        for (const slug of line.groups) {
          const g = groups.get(slug);
          if (!g) continue;
          let team = g.teamGroup && g.teamGroup.purpose === 'team' && g.teamGroup.stage !== 'closed' ? g.teamGroup : null;
          if (!team) {
            if (fallbackTeam === undefined) fallbackTeam = await notices.teamGroupOf({ ...g, endpoint: null, teamGroup: null });
            team = fallbackTeam;
          }
          if (!team) continue;
          const entry = byTeam.get(team.id) ?? { team, groups: [] };
          entry.groups.push(g);
          byTeam.set(team.id, entry);
        }
        for (const { team, groups: mine } of byTeam.values()) {
          const first = mine[0];
          const zone = first.timezone || 'UTC';
          const firstDue = DateTime.fromISO(line.firstDue, { zone: team.timezone || 'UTC' });
          const today = DateTime.fromJSDate(now, { zone: team.timezone || 'UTC' }).startOf('day');
          const days = Math.round(firstDue.startOf('day').diff(today, 'days').days);
          const text = noticeText('content-missing', team.locale, {
            groupName: first.name,
            groupSlug: first.slug,
            localTime: DateTime.fromISO(line.firstDue, { zone }).toFormat('HH:mm'),
            timezone: zone,
            link: contentLink(notices.adminBase(), { locale: line.locale, ...target(line) }),
            content: {
              source: line.source,
              date: line.date,
              locale: line.fallbackFrom ?? line.locale,
              state: line.state as 'draft' | 'missing',
              when: days === 0 ? 'today' : days === 1 ? 'tomorrow' : 'later',
              day: line.day,
              groups: mine.length,
            },
          });
          const notice: NoticeEnvelope = {
            kind: 'content-missing',
            group: { slug: first.slug, name: first.name },
            item: {
              source: line.source,
              date: line.date,
              locale: line.locale,
              state: line.state,
              groups: mine.map((g) => g.slug),
            },
            text,
          };
          if (
            await notices.queue(team, 'content-missing', `${itemKey(line)}:${lead}h`, notice, line.entry?.documentId ?? first.documentId)
          ) {
            raised += 1;
            strapi.log.info(
              `[scheduler] content-missing notice (${line.source} ${line.date}, ${lead} h) queued for team group ${team.slug}`
            );
          }
        }
      }
      return raised;
    },
  };
};
