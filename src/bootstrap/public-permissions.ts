import type { Core } from '@strapi/strapi';
import { PUBLIC_READABLE } from '../constants';

const PERMISSION = 'plugin::users-permissions.permission';
const ROLE = 'plugin::users-permissions.role';

/**
 * The public role can read published editorial content out of the box (find and
 * findOne), so a fresh database needs no clicking. Groups are never public.
 */
export async function grantPublicRead(strapi: Core.Strapi) {
  // Granted once: an operator who later revokes a permission keeps it revoked.
  const store = strapi.store({ type: 'core', name: 'sop-app' });
  if (await store.get({ key: 'public-read-granted' })) return;
  const role = await strapi.db.query(ROLE).findOne({ where: { type: 'public' } });
  if (!role) {
    strapi.log.warn('[bootstrap] no public role found; public read permissions not set');
    return;
  }
  const wanted = PUBLIC_READABLE.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]);
  const existing = await strapi.db.query(PERMISSION).findMany({
    where: { role: role.id, action: { $in: wanted } },
    select: ['action'],
  });
  const have = new Set(existing.map((p: { action: string }) => p.action));
  const missing = wanted.filter((action) => !have.has(action));
  for (const action of missing) {
    await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
  if (missing.length) strapi.log.info(`[bootstrap] granted public read on ${missing.length} actions`);
  await store.set({ key: 'public-read-granted', value: true });
}
