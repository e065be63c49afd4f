import type { Core } from '@strapi/strapi';
import { APP_UID } from '../constants';

export interface TargetGroup {
  id: number;
  documentId: string;
  slug: string;
  name: string;
  timezone: string;
  locale: string;
  stage: string;
  platform: string;
  cohortStart: string | null;
  maxPostsPerHour: number | null;
  quietHours: { start: string; end: string }[];
}

const GROUP_FIELDS = ['id', 'documentId', 'slug', 'name', 'timezone', 'locale', 'stage', 'platform', 'cohortStart', 'maxPostsPerHour'];

/**
 * Which groups a schedule posts to: the groups it names plus every group carrying one
 * of its tags. Closed groups get nothing further.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async forSchedule(schedule: { groups?: { documentId: string }[]; tags?: { documentId: string }[] }): Promise<TargetGroup[]> {
    const groupIds = (schedule.groups ?? []).map((g) => g.documentId);
    const tagIds = (schedule.tags ?? []).map((t) => t.documentId);
    if (groupIds.length === 0 && tagIds.length === 0) return [];
    const or: Record<string, unknown>[] = [];
    if (groupIds.length) or.push({ documentId: { $in: groupIds } });
    if (tagIds.length) or.push({ tags: { documentId: { $in: tagIds } } });
    const rows = await strapi.db.query(APP_UID.group).findMany({
      select: GROUP_FIELDS,
      where: { $or: or, stage: { $ne: 'closed' } },
      populate: { quietHours: true },
      orderBy: { slug: 'asc' },
    });
    return rows as TargetGroup[];
  },

  async bySlug(slug: string): Promise<TargetGroup | null> {
    return this.one({ slug });
  },

  async byDocumentId(documentId: string): Promise<TargetGroup | null> {
    return this.one({ documentId });
  },

  async one(where: Record<string, unknown>): Promise<TargetGroup | null> {
    return (await strapi.db
      .query(APP_UID.group)
      .findOne({ select: GROUP_FIELDS, where, populate: { quietHours: true } })) as TargetGroup | null;
  },

  /** Every group that still gets posts (not closed), in one query. */
  async open(): Promise<TargetGroup[]> {
    return (await strapi.db.query(APP_UID.group).findMany({
      select: GROUP_FIELDS,
      where: { stage: { $ne: 'closed' } },
      populate: { quietHours: true },
      orderBy: { slug: 'asc' },
    })) as TargetGroup[];
  },
});
