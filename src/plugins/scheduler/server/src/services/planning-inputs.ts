import type { Core } from '@strapi/strapi';
import { APP_UID, SCHEDULE_UID } from '../constants';
import type { PlanSchedule } from '../planning/group-plan';
import type { TargetGroup } from './targets';

/** An active schedule with its targets and catch-up settings. */
export type InputSchedule = PlanSchedule & {
  catchUp?: string | null;
  graceSeconds?: number | null;
  groups?: { documentId: string }[];
  tags?: { documentId: string }[];
};

/** A group with what decides its posts: its tags and its playbook. */
export type InputGroup = TargetGroup & { tags?: { documentId: string }[]; playbook?: { documentId: string } | null };

export interface PlanningInputs {
  groups: InputGroup[];
  schedules: InputSchedule[];
  /** The active schedules that post to a group: those naming it, and those of its tags. */
  schedulesOf(group: InputGroup): InputSchedule[];
}

const GROUP_FIELDS = ['id', 'documentId', 'slug', 'name', 'timezone', 'locale', 'stage', 'platform', 'cohortStart', 'maxPostsPerHour'];

/**
 * What every group's plan is made from, read in a fixed number of queries however many
 * groups there are: the groups (quiet hours, tags, playbook) and the active schedules
 * (their groups and tags), matched in memory. The planner's full round and the calendar's
 * posts beyond the horizon read it; one group's own view reads group-plan's per-group
 * queries instead.
 */
export const createPlanningInputsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async load(): Promise<PlanningInputs> {
    const groups = (await strapi.db.query(APP_UID.group).findMany({
      select: GROUP_FIELDS,
      populate: { quietHours: true, tags: { select: ['documentId'] }, playbook: { select: ['documentId'] } },
      orderBy: { slug: 'asc' },
    })) as InputGroup[];
    const schedules = (await strapi.db.query(SCHEDULE_UID).findMany({
      where: { active: true },
      populate: { groups: { select: ['documentId'] }, tags: { select: ['documentId'] } },
    })) as InputSchedule[];
    // Indexed once, so matching costs per group what the group's own tags and schedules cost.
    const byGroup = new Map<string, InputSchedule[]>();
    const byTag = new Map<string, InputSchedule[]>();
    const order = new Map(schedules.map((s, i) => [s.documentId, i]));
    const add = (index: Map<string, InputSchedule[]>, key: string, s: InputSchedule) => index.set(key, [...(index.get(key) ?? []), s]);
    for (const s of schedules) {
      for (const g of s.groups ?? []) add(byGroup, g.documentId, s);
      for (const t of s.tags ?? []) add(byTag, t.documentId, s);
    }
    return {
      groups,
      schedules,
      schedulesOf(group) {
        const mine = new Map<string, InputSchedule>();
        for (const s of byGroup.get(group.documentId) ?? []) mine.set(s.documentId, s);
        for (const t of group.tags ?? []) for (const s of byTag.get(t.documentId) ?? []) mine.set(s.documentId, s);
        // In the order the schedules were read, as the planner always matched them.
        return [...mine.values()].sort((a, b) => (order.get(a.documentId) ?? 0) - (order.get(b.documentId) ?? 0));
      },
    };
  },
});

export type PlanningInputsService = ReturnType<typeof createPlanningInputsService>;
export default createPlanningInputsService;
