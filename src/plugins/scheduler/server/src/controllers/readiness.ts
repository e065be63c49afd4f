import type { Core } from '@strapi/strapi';
import type { ReadinessState } from '../readiness';
import { getService } from '../utils/get-service';
import { validateReadinessEntryQuery, validateReadinessQuery } from './validation/readiness';
import type { Ctx } from './context';

async function list(strapi: Core.Strapi, ctx: Ctx) {
  const q = await validateReadinessQuery(ctx.query ?? {});
  ctx.body = await getService('readiness', strapi).list({
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    states: q.state ? (q.state.split(',').map((s) => s.trim()) as ReadinessState[]) : undefined,
  });
}

/**
 * GET /api/scheduler/readiness: the content readiness of upcoming posts. Named `find`
 * because read-only API tokens may call exactly find and findOne (see health.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  find: (ctx: Ctx) => list(strapi, ctx),
});

/** The admin's mirror (GET /scheduler/readiness, read permission). */
export const adminReadiness = ({ strapi }: { strapi: Core.Strapi }) => ({
  readiness: (ctx: Ctx) => list(strapi, ctx),
  /** GET /scheduler/readiness/entry: which groups get one report, topic or lesson, and when (the edit view's panel). */
  async readinessEntry(ctx: Ctx) {
    const q = await validateReadinessEntryQuery(ctx.query ?? {});
    ctx.body = await getService('readiness', strapi).forEntry(q as { uid: string; documentId: string; locale: string });
  },
});
