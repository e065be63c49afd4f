import type { Core } from '@strapi/strapi';
import { APP_UID, PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { pace } from '../planning/pacing';
import type { PlannedPost } from '../planning/group-plan';
import type targetsService from './targets';
import type { TargetGroup } from './targets';

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
    return fresh.map((p) => {
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
  }

  return {
    lastRun: () => lastRun,

    /** Plan every group for [now - 1 h, now + horizon]. */
    async planAll(opts: { now?: Date } = {}) {
      const now = opts.now ?? clock().now();
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
      const caughtUp = await this.catchUp(now);
      lastRun = now;
      if (inserted || cancelled || caughtUp.skipped) {
        strapi.log.info(`[scheduler] planned ${inserted} new, cancelled ${cancelled}, skipped ${caughtUp.skipped} missed`);
      }
      return { groups: groups.length, inserted, cancelled, ...caughtUp };
    },

    /**
     * Rows whose time passed more than graceSeconds ago without being sent (the server was
     * down): `skip` marks them skipped, `latest` keeps only the newest per origin and group,
     * `all` keeps them all (at most 20 per origin and group).
     */
    async catchUp(now: Date) {
      const s = store();
      const rows = await s
        .knex()(s.table())
        .select('id', `${s.col('dueAt')} as dueAt`, `${s.col('graceSeconds')} as grace`, `${s.col('catchUp')} as catchUp`, `${s.col('originId')} as originId`, `${s.col('groupId')} as groupId`)
        .where(s.col('status'), 'planned')
        .where(s.col('dueAt'), '<', new Date(now.getTime() - 60_000))
        .orderBy(s.col('dueAt'), 'desc');
      const missed = rows.filter((r: any) => new Date(r.dueAt).getTime() < now.getTime() - (r.grace ?? 300) * 1000);
      const seen = new Map<string, number>();
      const skip: { id: number; reason: string }[] = [];
      const revive: number[] = [];
      for (const r of missed) {
        const k = `${r.originId}|${r.groupId}`;
        const n = seen.get(k) ?? 0;
        seen.set(k, n + 1);
        const policy = r.catchUp ?? 'skip';
        if (policy === 'skip') skip.push({ id: r.id, reason: `missed: due ${new Date(r.dueAt).toISOString()} while the scheduler was not running (catchUp=skip)` });
        else if (policy === 'latest' && n > 0) skip.push({ id: r.id, reason: 'missed: a later occurrence is sent instead (catchUp=latest)' });
        else if (policy === 'all' && n >= 20) skip.push({ id: r.id, reason: 'missed: more than 20 missed occurrences (catchUp=all cap)' });
        else revive.push(r.id);
      }
      for (const { id, reason } of skip) {
        await s.knex()(s.table()).where('id', id).where(s.col('status'), 'planned').update({ [s.col('status')]: 'skipped', [s.col('reason')]: reason, [s.col('updatedAt')]: now });
      }
      // Kept rows are due now; their grace no longer applies.
      for (let i = 0; i < revive.length; i += 500) {
        await s
          .knex()(s.table())
          .whereIn('id', revive.slice(i, i + 500))
          .update({ [s.col('dueAt')]: now, [s.col('graceSeconds')]: 31_536_000, [s.col('reason')]: 'sent late after downtime (catchUp)', [s.col('updatedAt')]: now });
      }
      return { skipped: skip.length, revived: revive.length };
    },
  };
};
