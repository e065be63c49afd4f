import type { Core } from '@strapi/strapi';
import { APP_UID, PLUGIN_ID, SCHEDULE_UID } from '../constants';
import type { SchedulerConfig } from '../config';
import { pace } from '../planning/pacing';
import type { PlannedPost } from '../planning/group-plan';
import type { TargetGroup } from './targets';
import { decideCatchUp } from '../planning/catch-up';
import { getService } from '../utils/get-service';
import { groupBy } from '../utils/group-by';

const HOUR = 3_600_000;
/** A full planning round at least this often, even when nothing changed (the horizon moves). */
const FULL_ROUND_MS = 60_000;
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
  let lastFull: number | null = null;
  let lastFingerprint = '';

  /** Changes whenever anything that drives planning is created, edited or deleted. */
  async function inputsFingerprint(): Promise<string> {
    const parts: string[] = [];
    for (const uid of [APP_UID.group, APP_UID.tag, APP_UID.playbook, SCHEDULE_UID]) {
      const meta = strapi.db.metadata.get(uid as any);
      const updatedAt = (meta.attributes as any).updatedAt?.columnName ?? 'updated_at';
      const row: any = await strapi.db.connection(meta.tableName).count({ n: '*' }).max({ at: updatedAt }).first();
      parts.push(`${row?.n ?? 0}@${row?.at ? new Date(row.at).getTime() : 0}`);
    }
    return parts.join('|');
  }

  /** The group's new rows: posts not planned yet, paced against what it already has. */
  function groupRows(
    group: TargetGroup,
    posts: PlannedPost[],
    now: Date,
    schedules: Map<string, any>,
    existing: { key: string; dueAt: number }[]
  ) {
    const known = new Set(existing.map((r) => r.key));
    const fresh = posts.filter((p) => !known.has(p.key));
    const sending = fresh.filter((p) => p.sendAt);
    const paced = pace(
      sending.map((p) => Date.parse(p.sendAt!.utc)),
      existing.map((r) => r.dueAt),
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
        return {
          ...base,
          status: 'skipped',
          dueAt: new Date(p.occurrence.utc),
          reason: `quiet hours ${p.quiet?.window}: skipped (schedule quietHours=skip)`,
        };
      }
      const pc = pacedByKey.get(p.key)!;
      const reasons: string[] = [];
      if (p.quiet) reasons.push(`quiet hours ${p.quiet.window}: moved from ${p.occurrence.local} to ${p.sendAt.local}`);
      if (pc.movedFrom !== null)
        reasons.push(`maxPostsPerHour ${group.maxPostsPerHour}: moved ${Math.round((pc.at - pc.movedFrom) / 60000)} min later`);
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
      due.map(({ r, id }) => ({
        id,
        dueAt: r.dueAt,
        graceSeconds: r.graceSeconds,
        catchUp: r.catchUp,
        origin: `${r.originId}|${r.groupId}`,
      })),
      now
    );
    for (const d of decisions) {
      const row = rows[d.id];
      if (d.action === 'skip') Object.assign(row, { status: 'skipped', reason: `${d.reason}: its time had passed when it was planned` });
      else
        Object.assign(row, {
          dueAt: now,
          graceSeconds: 31_536_000,
          reason: 'sent late: its time had passed when it was planned (catchUp)',
        });
    }
    return rows;
  }

  return {
    lastRun: () => lastRun,

    /**
     * Plan every group for [now - 1 h, now + horizon]. A round reads everything it needs in a
     * few set-based queries (groups, schedules, the window's rows), whatever the number of
     * groups. When nothing that drives planning changed (groups, schedules, playbooks, tags)
     * and the last full round is less than a minute old, the round only renews the heartbeat:
     * the horizon's far end is two days away, a minute late there is nothing.
     */
    async planAll(opts: { now?: Date; force?: boolean } = {}) {
      const now = opts.now ?? clock().now();
      // Missed rows after downtime follow catchUp before anything new is planned.
      const caughtUp = await getService('catch-up', strapi).beat(now);
      const summary = { groups: 0, inserted: 0, cancelled: 0, skipped: caughtUp.skipped, revived: caughtUp.revived };
      const fingerprint = await inputsFingerprint();
      if (!opts.force && fingerprint === lastFingerprint && lastFull !== null && Math.abs(now.getTime() - lastFull) < FULL_ROUND_MS) {
        lastRun = now;
        return summary;
      }
      const from = new Date(now.getTime() - HOUR);
      const to = new Date(now.getTime() + config().horizonHours * HOUR);
      const groupPlan = service<any>(strapi, 'group-plan');
      const groups = (await strapi.db.query(APP_UID.group).findMany({
        select: ['id', 'documentId', 'slug', 'name', 'timezone', 'locale', 'stage', 'platform', 'cohortStart', 'maxPostsPerHour'],
        populate: { quietHours: true, tags: { select: ['documentId'] }, playbook: { select: ['documentId'] } },
      })) as (TargetGroup & { tags?: { documentId: string }[]; playbook?: { documentId: string } | null })[];
      const schedules = await strapi.db.query(SCHEDULE_UID).findMany({
        where: { active: true },
        populate: { groups: { select: ['documentId'] }, tags: { select: ['documentId'] } },
      });
      const s = store();
      // The window's rows of every group, read once: what is known, and what may be stale.
      const existing: { groupId: number; key: string; dueAt: number }[] = (
        await s
          .knex()(s.table())
          .select(`${s.col('groupId')} as groupId`, `${s.col('dueAt')} as dueAt`, `${s.col('key')} as key`)
          .whereIn(s.col('status'), ['planned', 'sending', 'sent', 'failed'])
          .where(s.col('dueAt'), '>=', from)
      ).map((r: any) => ({ groupId: r.groupId, key: r.key, dueAt: new Date(r.dueAt).getTime() }));
      const existingByGroup = groupBy(existing, (r) => r.groupId);
      const plannedByGroup = groupBy(
        (await s
          .knex()(s.table())
          .select('id', `${s.col('groupId')} as groupId`, `${s.col('key')} as key`)
          .where(s.col('status'), 'planned')
          .whereIn(s.col('originKind'), ['schedule', 'playbook'])
          .where(s.col('scheduledFor'), '>=', from)
          .where(s.col('scheduledFor'), '<=', to)) as { id: number; groupId: number; key: string }[],
        (r) => r.groupId
      );

      const newRows: Record<string, unknown>[] = [];
      const stale: { reason: string; id: number }[] = [];
      const run = { occurrences: new Map(), playbooks: new Map() };
      for (const group of groups) {
        const mine = new Map<string, any>();
        let posts: PlannedPost[] = [];
        if (group.stage !== 'closed') {
          const tagIds = new Set((group.tags ?? []).map((t) => t.documentId));
          for (const sch of schedules as any[]) {
            if (
              (sch.groups ?? []).some((g: any) => g.documentId === group.documentId) ||
              (sch.tags ?? []).some((t: any) => tagIds.has(t.documentId))
            )
              mine.set(sch.documentId, sch);
          }
          try {
            posts = await groupPlan.plan(group, from, to, {
              ...run,
              schedules: [...mine.values()],
              playbookDocumentId: group.playbook?.documentId ?? null,
            });
          } catch (err) {
            strapi.log.error(`[scheduler] planning ${group.slug} failed: ${(err as Error).message}`);
            continue;
          }
        }
        newRows.push(...groupRows(group, posts, now, mine, existingByGroup.get(group.id) ?? []));
        // Rows of many groups go in together: one transaction per batch, not per group.
        if (newRows.length >= config().batchSize) summary.inserted += await s.insertBatch(newRows.splice(0), config().batchSize);
        // Future planned rows that no longer follow from the schedules and playbook.
        const keep = new Set(posts.map((p) => p.key));
        const reason =
          group.stage === 'closed'
            ? 'group closed'
            : 're-planned: no longer produced by its schedule or playbook (edited, paused or removed)';
        for (const r of plannedByGroup.get(group.id) ?? []) if (!keep.has(r.key)) stale.push({ reason, id: r.id });
      }
      if (newRows.length) summary.inserted += await s.insertBatch(newRows.splice(0), config().batchSize);
      for (const [reason, rows] of groupBy(stale, (r) => r.reason)) {
        const ids = rows.map((r) => r.id);
        // Chunked so the IN list stays under SQLite's parameter limit.
        for (let i = 0; i < ids.length; i += 500) {
          summary.cancelled += await s
            .knex()(s.table())
            .whereIn('id', ids.slice(i, i + 500))
            .where(s.col('status'), 'planned')
            .update({ [s.col('status')]: 'cancelled', [s.col('reason')]: reason, [s.col('updatedAt')]: now });
        }
      }
      // Inserted in many small batches: the store cannot tell it was a bulk insert.
      if (summary.inserted >= 1000) await s.refreshStatistics();
      lastRun = now;
      lastFull = now.getTime();
      lastFingerprint = fingerprint;
      summary.groups = groups.length;
      if (summary.inserted || summary.cancelled)
        strapi.log.info(`[scheduler] planned ${summary.inserted} new, cancelled ${summary.cancelled}`);
      return summary;
    },
  };
};
