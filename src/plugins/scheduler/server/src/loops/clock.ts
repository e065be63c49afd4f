import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';

/**
 * The scheduler's notion of "now": the system clock, shifted by `clockOffsetMs` (drills
 * start a process as if hours had passed) and movable in tests to simulate outages.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let offsetMs = Number((strapi.config.get(`plugin::${PLUGIN_ID}`) as { clockOffsetMs?: number })?.clockOffsetMs ?? 0) || 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    /** Move the clock (tests only): e.g. +3 h to simulate a 3-hour outage. */
    advance(ms: number) {
      offsetMs += ms;
    },
    reset() {
      offsetMs = 0;
    },
  };
};
