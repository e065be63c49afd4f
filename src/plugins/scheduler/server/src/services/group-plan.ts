import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { APP_UID, SCHEDULE_UID, type Source } from '../constants';
import { planGroup, type OccurrenceCache, type PlanPlaybook, type PlanSchedule } from '../planning/group-plan';
import { getService } from '../utils/get-service';
import { documentsOf } from '../utils/documents';
import type { TargetGroup } from './targets';

/**
 * Loads what drives a group's posts (its schedules, by name or tag, and its playbook)
 * and plans a window with the pure planner.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function schedulesFor(group: TargetGroup): Promise<PlanSchedule[]> {
    const row = await strapi.db.query(APP_UID.group).findOne({ where: { id: group.id }, populate: { tags: { select: ['documentId'] } } });
    const tagIds = ((row?.tags ?? []) as { documentId: string }[]).map((t) => t.documentId);
    const or: Record<string, unknown>[] = [{ groups: { documentId: group.documentId } }];
    if (tagIds.length) or.push({ tags: { documentId: { $in: tagIds } } });
    return (await strapi.db.query(SCHEDULE_UID).findMany({ where: { active: true, $or: or } })) as PlanSchedule[];
  }

  /** `knownDocumentId`: the group's playbook when the caller already read it (null: none). */
  async function playbookFor(
    group: TargetGroup,
    cache?: Map<string, Promise<PlanPlaybook | null>>,
    knownDocumentId?: string | null
  ): Promise<PlanPlaybook | null> {
    const documentId =
      knownDocumentId !== undefined
        ? knownDocumentId
        : (await strapi.db.query(APP_UID.group).findOne({ where: { id: group.id }, populate: { playbook: { select: ['documentId'] } } }))
            ?.playbook?.documentId;
    if (!documentId) return null;
    if (cache) {
      const key = `${documentId}|${group.locale}`;
      if (!cache.has(key)) cache.set(key, loadPlaybook(documentId, group.locale));
      return cache.get(key) as Promise<PlanPlaybook | null>;
    }
    return loadPlaybook(documentId, group.locale);
  }

  async function loadPlaybook(documentId: string, groupLocale: string): Promise<PlanPlaybook | null> {
    const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
    for (const locale of [...new Set([groupLocale, defaultLocale])]) {
      const pb = await documentsOf(strapi, APP_UID.playbook).findOne({
        documentId,
        locale,
        status: 'published',
        populate: { steps: true },
      });
      if (pb) return pb as PlanPlaybook;
    }
    return null;
  }

  return {
    schedulesFor,
    playbookFor,

    /**
     * A planning run passes what it already loaded (the group's schedules) and a cache
     * shared across groups (schedule occurrences per zone, playbooks by id), so planning
     * hundreds of groups does not repeat the same queries and expansions.
     */
    async plan(
      group: TargetGroup,
      from: Date,
      to: Date,
      run?: {
        schedules?: PlanSchedule[];
        occurrences?: OccurrenceCache;
        playbooks?: Map<string, Promise<PlanPlaybook | null>>;
        playbookDocumentId?: string | null;
      }
    ) {
      if (group.stage === 'closed') return [];
      const schedules = run?.schedules ?? (await schedulesFor(group));
      return planGroup(group, schedules, await playbookFor(group, run?.playbooks, run?.playbookDocumentId), from, to, run?.occurrences);
    },

    /** Everything a group gets on one local date, composed and rendered. */
    async day(slug: string, date: string) {
      const group = await getService('targets', strapi).bySlug(slug);
      if (!group) throw new errors.NotFoundError(`No group with slug ${slug}`);
      const start = DateTime.fromISO(date, { zone: group.timezone }).startOf('day');
      const from = start.toJSDate();
      const to = start.plus({ days: 1 }).minus({ milliseconds: 1 }).toJSDate();
      const planned = await this.plan(group, from, to);
      const compose = getService('compose', strapi);
      const posts = [];
      for (const p of planned) {
        const at = new Date(p.occurrence.utc);
        const composed = await compose.compose({
          source: p.source as Source,
          group,
          at,
          localTime: p.localTime,
          text: p.text,
          title: p.title,
        });
        posts.push({
          key: p.key,
          origin: p.origin,
          source: p.source,
          title: composed.status === 'ok' ? composed.title : p.title,
          scheduledFor: p.occurrence,
          sendAt: p.sendAt,
          quiet: p.quiet,
          status: composed.status === 'ok' ? (p.sendAt ? 'planned' : 'skipped') : 'skipped',
          reason: composed.status === 'skipped' ? composed.reason : p.sendAt ? null : `quiet hours ${p.quiet?.window}`,
          renditions: composed.status === 'ok' ? composed.renditions : null,
        });
      }
      return {
        group: {
          slug: group.slug,
          name: group.name,
          timezone: group.timezone,
          locale: group.locale,
          platform: group.platform,
          stage: group.stage,
        },
        date,
        posts,
      };
    },
  };
};
