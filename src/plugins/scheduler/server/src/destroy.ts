import type { Core } from '@strapi/strapi';
import { stopLoops } from './bootstrap';
import { PLANNER_LEASE } from './constants';
import { getService } from './utils/get-service';

/** Stops the loops and hands the planner role over at once (instead of after the lease runs out). */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const wasRunning = stopLoops();
  await getService('destinations', strapi).close();
  if (!wasRunning) return;
  try {
    await getService('leases', strapi).release(PLANNER_LEASE);
  } catch (err) {
    strapi.log.warn(`[scheduler] could not release the planner lease: ${(err as Error).message}`);
  }
};
