/**
 * The demo's manual group needs an owner for its tasks to be anyone's: the first admin user
 * who registers becomes it, so a newcomer sees their own tasks on the first run. Only the
 * demo group (by its slug), only while it has no owners: an owner removed on purpose stays
 * removed once another owner is set, and real groups are never touched.
 */
import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { DEMO_MANUAL_GROUP } from './catalog';

/** Makes the first admin user (lowest id) the demo manual group's owner when it has none. Returns whether it did. */
export async function adoptFirstAdmin(strapi: Core.Strapi): Promise<boolean> {
  const group = (await strapi.db.query(UID.group).findOne({
    where: { slug: DEMO_MANUAL_GROUP },
    select: ['id', 'documentId'],
    populate: { owners: { select: ['id'] } },
  })) as { documentId: string; owners?: { id: number }[] } | null;
  if (!group || (group.owners ?? []).length > 0) return false;
  const [first] = (await strapi.db.query('admin::user').findMany({ select: ['id', 'email'], orderBy: { id: 'asc' }, limit: 1 })) as {
    id: number;
    email: string;
  }[];
  if (!first) return false;
  await strapi.documents(UID.group).update({ documentId: group.documentId, data: { owners: [first.id] } as never });
  strapi.log.info(`[seed] ${first.email} owns the demo group ${DEMO_MANUAL_GROUP}'s tasks`);
  return true;
}

/** In development: the first admin user to register adopts the demo group (the seed ran before anyone registered). */
export function watchFirstAdmin(strapi: Core.Strapi) {
  if (strapi.config.get('environment') !== 'development') return;
  strapi.db.lifecycles.subscribe({
    models: ['admin::user'],
    async afterCreate() {
      try {
        await adoptFirstAdmin(strapi);
      } catch (err) {
        strapi.log.warn(`[seed] could not make the first admin the demo group's owner: ${(err as Error).message}`);
      }
    },
  });
}
