/**
 * Moving the scheduler's clock (not mocking it) and running one day's 08:00 post through
 * the real planner and dispatcher, for API tests whose groups have a daily 08:00 schedule.
 */
import type { Core } from '@strapi/strapi';

const scheduler = (strapi: Core.Strapi) => strapi.plugin('scheduler');

/** The scheduler's clock reads `iso` now (and runs on from there). */
export function setNow(strapi: Core.Strapi, iso: string) {
  const clock = scheduler(strapi).service('clock');
  clock.reset();
  clock.advance(Date.parse(iso) - Date.now());
}

/** A forced planner round (with its tasks and warnings rounds) and a dispatch round at `iso`. */
export async function planAndSend(strapi: Core.Strapi, iso: string) {
  setNow(strapi, iso);
  await scheduler(strapi).service('planner').planAll({ force: true });
  await scheduler(strapi).service('dispatcher').tick();
}

/** Plans the day's 08:00 post and sends what is due at 08:00:30; returns each group's row for that day. */
export async function sendDay(strapi: Core.Strapi, day: string, slugs: string[]): Promise<Record<string, any>> {
  setNow(strapi, `${day}T07:00:00Z`);
  await scheduler(strapi).service('planner').planAll();
  setNow(strapi, `${day}T08:00:30Z`);
  await scheduler(strapi).service('dispatcher').tick();
  const rows: Record<string, any> = {};
  for (const slug of slugs) {
    const { data } = await scheduler(strapi).service('deliveries').list({ group: slug, limit: 100 });
    rows[slug] = data.find((r: any) => r.scheduledFor === `${day}T08:00:00.000Z`);
  }
  return rows;
}
