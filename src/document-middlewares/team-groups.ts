import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { fieldError } from '../utils/validation-error';
import { afterWriteCheck } from './after-write-check';

/** What the check reads of a group (its team group with the fields that matter). */
interface TeamRow {
  id: number;
  documentId: string;
  slug: string;
  purpose: string | null;
  platform: string;
  defaultTeam: boolean | number | null;
  teamGroup?: { id: number; slug: string; purpose: string | null } | null;
}

const SELECT = ['id', 'documentId', 'slug', 'purpose', 'platform', 'defaultTeam'];

/**
 * Team groups (purpose `team`) are where notices to the team land: a community group may
 * name one as its `teamGroup`, and one team group may be the `defaultTeam` of groups that
 * name none. Checked on the written group (every relation format the API accepts), in the
 * write's transaction: a 400 naming the field rolls it back.
 */
export const teamGroups = (strapi: Core.Strapi) =>
  afterWriteCheck(strapi, UID.group, async (doc) => {
    const group = (await strapi.db.query(UID.group).findOne({
      where: { id: doc.id },
      select: SELECT,
      populate: { teamGroup: { select: ['id', 'slug', 'purpose'] } },
    })) as TeamRow | null;
    if (!group) return;
    const isTeam = group.purpose === 'team';
    if (group.teamGroup) {
      if (isTeam) throw fieldError('teamGroup', `a team group cannot name a teamGroup (it is one); clear teamGroup`);
      if (group.teamGroup.purpose !== 'team')
        throw fieldError('teamGroup', `teamGroup must be a group with purpose team; ${group.teamGroup.slug} is not one`);
    }
    if (isTeam && group.platform === 'manual')
      throw fieldError('platform', 'a team group cannot be on platform manual: notices are sent, nobody posts them by hand');
    if (group.defaultTeam && !isTeam) throw fieldError('defaultTeam', 'only a team group (purpose team) can be the default team group');
    if (group.defaultTeam) {
      const other = (await strapi.db.query(UID.group).findOne({
        where: { defaultTeam: true, id: { $ne: group.id } },
        select: ['slug'],
      })) as { slug: string } | null;
      if (other) throw fieldError('defaultTeam', `${other.slug} is already the default team group; unset it there first`);
    }
    // A group named as others' team group stays a team group while they do.
    if (!isTeam) {
      const named = (await strapi.db.query(UID.group).findOne({
        where: { teamGroup: { id: group.id } },
        select: ['slug'],
      })) as { slug: string } | null;
      if (named) throw fieldError('purpose', `${named.slug} names this group as its teamGroup: it must stay purpose team`);
    }
  });
