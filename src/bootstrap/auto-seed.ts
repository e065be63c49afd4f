import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { seedDemo } from '../seed/seed';

/**
 * The first `npm run develop` on an empty database loads the demo, so a newcomer sees
 * something at once. Never in production, never with SEED=false, never twice.
 */
export async function autoSeed(strapi: Core.Strapi) {
  if (strapi.config.get('environment') !== 'development') return;
  if (String(process.env.SEED ?? 'true').toLowerCase() === 'false') return;
  const store = strapi.store({ type: 'core', name: 'sop-app' });
  if (await store.get({ key: 'demo-seeded' })) return;
  const hasContent = (await strapi.db.query(UID.group).count()) > 0 || (await strapi.db.query(UID.course).count()) > 0;
  if (!hasContent) {
    strapi.log.info('[seed] empty database: loading the demo content (set SEED=false to skip)');
    const { created } = await seedDemo(strapi);
    strapi.log.info(
      `[seed] demo loaded: ${Object.entries(created)
        .map(([uid, n]) => `${uid.split('.').pop()} ${n}`)
        .join(', ')}`
    );
  }
  await store.set({ key: 'demo-seeded', value: true });
}
