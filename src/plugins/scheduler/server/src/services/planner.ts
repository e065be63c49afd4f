import type { Core } from '@strapi/strapi';
import { APP_UID, PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { pace } from '../planning/pacing';
import type { PlannedPost } from '../planning/group-plan';
import type targetsService from './targets';
import type { TargetGroup } from './targets';
import { decideCatchUp } from '../planning/catch-up';
import { getService } from '../utils/get-service';

const HOUR = 3_600_000;
const service = <T>(strapi: Core.Strapi, name: string) => strapi.plugin(PLUGIN_ID).service(name) as T;

/**
 * Turns active schedules and each group's playbook into delivery rows for a rolling
 * horizon. Idempotent: every row's key is (origin, group, occurrence) under a unique
 * index, so planning twice, or on two instances at once, never makes a second row.
 * Re-planning cancels future `planned` rows that no longer follow from the schedules
 * (kept, with the reason); sent rows are never touched. Missed rows follow catchUp.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => service<any>(strapi, 'delivery-store');
  const clock = () => service<any>(strapi, 'clock');
  let lastRun: Date | null = null;

  async function groupRows(group: TargetGroup, posts: PlannedPost[], now: Date, schedules: Map<string, any>) {
    const s = store();
    const existing = await s
      .knex()(s.table())
      .select(s.col('dueAt'), s.col('key'), s.col('status'))
      .where(s.col('groupId'), group.id)
      .whereIn(s.col('status'), ['planned', 'sending', 'sent', 'failed'])
      .where(s.col('dueAt'), '>=', new Date(now.getTime() - HOUR));
    const known = new Set(existing.map((r: any) => r[s.col('key')]));
    const fresh = posts.filter((p) => !known.has(p.key));
    const sending = fresh.filter((p) => p.sendAt);
    const paced = pace(
      sending.map((p) => Date.parse(p.sendAt!.utc)),
      existing.map((r: any) => new Date(r[s.col('dueAt')]).getTime()),
      group.maxPostsPerHour
    );
    const pacedByKey = new Map(sending.map((p, i) => [p.key, paced[i]]));
    const rows: Record<string, any>[] = fresh.map((p) => {
      const schedule = p.origin.kind === 'schedule' ? schedules.get(p.origin.documentId) : null;
      const base = {
        key: p.key,
        originKind: p.origin.kind,
        originId: p.origin.documentId,
        originStep: p.origin.kind === 'playbook' ? p.origin.step : null,
        groupId: group.id,
        groupSlug: group.slug,
        platform: group.platform,
        timezone: group.timezone,
        source: p.source,
        title: p.title,
        text: p.text,
        localTime: p.localTime,
        scheduledFor: new Date(p.occurrence.utc),
        catchUp: schedule?.catchUp ?? 'skip',
        graceSeconds: schedule?.graceSeconds ?? 300,
        maxAttempts: config().maxAttempts,
        quietAction: p.quiet?.action ?? null,
      };
      if (!p.sendAt) {
        return { ...base, status: 'skipped', dueAt: new Date(p.occurrence.utc), reason: `quiet hours ${p.quiet?.window}: skipped (schedule quietHours=skip)` };
      }
      const pc = pacedByKey.get(p.key)!;
      const reasons: string[] = [];
      if (p.quiet) reasons.push(`quiet hours ${p.quiet.window}: moved from ${p.occurrence.local} to ${p.sendAt.local}`);
      if (pc.movedFrom !== null) reasons.push(`maxPostsPerHour ${group.maxPostsPerHour}: moved ${Math.round((pc.at - pc.movedFrom) / 60000)} min later`);
      return { ...base, status: 'planned', dueAt: new Date(pc.at), reason: reasons.join('; ') || null };
    });
    return lateBorn(rows, now);
  }

  /**
   * Rows planned after their time had passed (a schedule, playbook or group created or
   * changed later) follow catchUp like rows missed during downtime.
   */
  function lateBorn(rows: Record<string, any>[], now: Date) {
    const due = rows.map((r, id) => ({ r, id })).filter(({ r }) => r.status === 'planned' && r.dueAt <= now);
    const decisions = decideCatchUp(
      due.map(({ r, id }) => ({ id, dueAt: r.dueAt, graceSeconds: r.graceSeconds, catchUp: r.catchUp, origin: `${r.originId}|${r.groupId}` })),
      now
    );
    for (const d of decisions) {
      const row = rows[d.id];
      if (d.action === 'skip') Object.assign(row, { status: 'skipped', reason: `${d.reason}: its time had passed when it was planned` });
      else Object.assign(row, { dueAt: now, graceSeconds: 31_536_000, reason: 'sent late: its time had passed when it was planned (catchUp)' });
    }
    return rows;
  }

  return {
    lastRun: () => lastRun,

    /** Plan every group for [now - 1 h, now + horizon]. */
    async planAll(opts: { now?: Date } = {}) {
      const now = opts.now ?? clock().now();
      // Missed rows after downtime follow catchUp before anything new is planned.
      const caughtUp = await getService('catch-up', strapi).beat(now);
      const from = new Date(now.getTime() - HOUR);
      const to = new Date(now.getTime() + config().horizonHours * HOUR);
      const targets = service<ReturnType<typeof targetsService>>(strapi, 'targets');
      const groupPlan = service<any>(strapi, 'group-plan');
      const groups = await strapi.db.query(APP_UID.group).findMany({
        select: ['id', 'documentId', 'slug', 'name', 'timezone', 'locale', 'stage', 'platform', 'cohortStart', 'maxPostsPerHour'],
        populate: { quietHours: true },
      });
      let inserted = 0;
      let cancelled = 0;
      const s = store();
      const newRows: Record<string, unknown>[] = [];
      const run = { occurrences: new Map(), playbooks: new Map() };
      for (const group of groups as TargetGroup[]) {
        const schedules = new Map<string, any>();
        let posts: PlannedPost[] = [];
        if (group.stage !== 'closed') {
          const list = await groupPlan.schedulesFor(group);
          for (const sch of list) schedules.set(sch.documentId, sch);
          try {
            posts = await groupPlan.plan(group, from, to, { ...run, schedules: list });
          } catch (err) {
            strapi.log.error(`[scheduler] planning ${group.slug} failed: ${(err as Error).message}`);
            continue;
          }
        }
        newRows.push(...(await groupRows(group, posts, now, schedules)));
        // Rows of many groups go in together: one transaction per batch, not per group.
        if (newRows.length >= config().batchSize) inserted += await s.insertBatch(newRows.splice(0), config().batchSize);
        // Future planned rows that no longer follow from the schedules and playbook.
        const keep = posts.map((p) => p.key);
        const reason = group.stage === 'closed' ? 'group closed' : 're-planned: no longer produced by its schedule or playbook (edited, paused or removed)';
        const stale = s
          .knex()(s.table())
          .where(s.col('groupId'), group.id)
          .where(s.col('status'), 'planned')
          .whereIn(s.col('originKind'), ['schedule', 'playbook'])
          .where(s.col('scheduledFor'), '>=', from)
          .where(s.col('scheduledFor'), '<=', to);
        // Chunked so the NOT IN list stays small enough for SQLite's parameter limit.
        const staleRows: { id: number; key: string }[] = await stale.clone().select('id', `${s.col('key')} as key`);
        const keepSet = new Set(keep);
        const ids = staleRows.filter((r) => !keepSet.has(r.key)).map((r) => r.id);
        for (let i = 0; i < ids.length; i += 500) {
          cancelled += await s
            .knex()(s.table())
            .whereIn('id', ids.slice(i, i + 500))
            .where(s.col('status'), 'planned')
            .update({ [s.col('status')]: 'cancelled', [s.col('reason')]: reason, [s.col('updatedAt')]: now });
        }
      }
      if (newRows.length) inserted += await s.insertBatch(newRows.splice(0), config().batchSize);
      lastRun = now;
      if (inserted || cancelled) strapi.log.info(`[scheduler] planned ${inserted} new, cancelled ${cancelled}`);
      return { groups: groups.length, inserted, cancelled, skipped: caughtUp.skipped, revived: caughtUp.revived };
    },
  };
};
