import type { Core } from '@strapi/strapi';
import {
  APP_UID,
  GROUP_CLOSED_REASON,
  PLANNED_THROUGH_MARKER,
  PLANNER_LOOKBACK_MS,
  PLUGIN_ID,
  REPLANNED_REASON,
  SCHEDULE_UID,
  type Source,
} from '../constants';
import type { SchedulerConfig } from '../config';
import { applyHourlyCap } from '../planning/hourly-cap';
import type { PlannedPost } from '../planning/group-plan';
import type { TargetGroup } from '../services/targets';
import type { NewDeliveryRow } from '../delivery/types';
import type { InputSchedule as RuleSchedule } from '../services/planning-inputs';

import { decideCatchUp } from '../planning/catch-up';
import { getService } from '../utils/get-service';
import { groupBy } from '../utils/group-by';

const HOUR = 3_600_000;

/** The whenMissing policy a post's row carries (only the fields its mode uses). */
const rowPolicy = (p: PlannedPost) => ({
  whenMissing: p.missing.whenMissing,
  fallbackText: p.missing.whenMissing === 'fallback' ? p.missing.fallbackText : null,
  holdMinutes: p.missing.whenMissing === 'hold' ? p.missing.holdMinutes : null,
});
/** A full planning round at least this often, even when nothing changed (the horizon moves). */
const FULL_ROUND_MS = 60_000;

/**
 * Turns active schedules and each group's playbook into delivery rows for a rolling
 * horizon. Idempotent: every row's key is (origin, group, occurrence) under a unique
 * index, so planning twice, or on two instances at once, never makes a second row.
 * Re-planning cancels future `planned` rows that no longer follow from the schedules
 * (kept, with the reason); sent rows are never touched. Missed rows follow catchUp.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => getService('delivery-store', strapi);
  const clock = () => getService('clock', strapi);
  let lastRun: Date | null = null;
  let lastFull: number | null = null;
  let lastFingerprint = '';

  /** Changes whenever anything that drives planning is created, edited or deleted. */
  async function inputsFingerprint(): Promise<string> {
    const marks = getService('change-marks', strapi);
    const parts: string[] = [];
    for (const uid of [APP_UID.group, APP_UID.tag, APP_UID.playbook, SCHEDULE_UID]) parts.push(await marks.mark(uid));
    return parts.join('|');
  }

  /** The group's new rows: posts not planned yet, under the group's hourly cap given what it already has. */
  function groupRows(
    group: TargetGroup,
    posts: PlannedPost[],
    now: Date,
    schedules: Map<string, RuleSchedule>,
    existing: { key: string; dueAt: number }[]
  ) {
    const known = new Set(existing.map((r) => r.key));
    const fresh = posts.filter((p) => !known.has(p.key));
    const sending = fresh.filter((p) => p.sendAt);
    const capped = applyHourlyCap(
      sending.map((p) => Date.parse(p.sendAt!.utc)),
      existing.map((r) => r.dueAt),
      group.maxPostsPerHour
    );
    const cappedByKey = new Map(sending.map((p, i) => [p.key, capped[i]]));
    const rows: NewDeliveryRow[] = fresh.map((p): NewDeliveryRow => {
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
        source: p.source as Source,
        title: p.title,
        text: p.text,
        localTime: p.localTime,
        scheduledFor: new Date(p.occurrence.utc),
        catchUp: schedule?.catchUp ?? 'skip',
        graceSeconds: schedule?.graceSeconds ?? 300,
        maxAttempts: config().maxAttempts,
        quietAction: p.quiet?.action ?? null,
        // Rows are the truth at send time: the policy for missing content travels with them.
        ...rowPolicy(p),
      };
      if (!p.sendAt) {
        return {
          ...base,
          status: 'skipped' as const,
          dueAt: new Date(p.occurrence.utc),
          reason: `quiet hours ${p.quiet?.window}: skipped (schedule quietHours=skip)`,
        };
      }
      const pc = cappedByKey.get(p.key)!;
      const reasons: string[] = [];
      if (p.quiet) reasons.push(`quiet hours ${p.quiet.window}: moved from ${p.occurrence.local} to ${p.sendAt.local}`);
      if (pc.movedFrom !== null)
        reasons.push(`maxPostsPerHour ${group.maxPostsPerHour}: moved ${Math.round((pc.at - pc.movedFrom) / 60000)} min later`);
      return { ...base, status: 'planned' as const, dueAt: new Date(pc.at), reason: reasons.join('; ') || null };
    });
    return lateBorn(rows, now);
  }

  /**
   * Rows planned after their time had passed (a schedule, playbook or group created or
   * changed later) follow catchUp like rows missed during downtime.
   */
  function lateBorn(rows: NewDeliveryRow[], now: Date) {
    const due = rows.map((r, id) => ({ r, id })).filter(({ r }) => r.status === 'planned' && r.dueAt <= now);
    const decisions = decideCatchUp(
      due.map(({ r, id }) => ({
        id,
        dueAt: r.dueAt,
        graceSeconds: r.graceSeconds ?? null,
        catchUp: r.catchUp ?? null,
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
      const caughtUp = await getService('heartbeat', strapi).beat(now);
      const summary = { groups: 0, inserted: 0, cancelled: 0, skipped: caughtUp.skipped, revived: caughtUp.revived };
      // Staff tasks that fell due get their text fixed; those past the cut-off are missed.
      await getService('tasks', strapi).round(now);
      // Content still missing a lead time before its first post tells the team (at most once a minute).
      try {
        await getService('content-warnings', strapi).round(now);
      } catch (err) {
        strapi.log.error(`[scheduler] content warnings failed: ${(err as Error).message}`);
      }
      // A schedule on China's calendar that reaches a year without holiday data tells the team once.
      try {
        await getService('holiday-data', strapi).round(now);
      } catch (err) {
        strapi.log.error(`[scheduler] holiday data check failed: ${(err as Error).message}`);
      }
      const fingerprint = await inputsFingerprint();
      if (!opts.force && fingerprint === lastFingerprint && lastFull !== null && Math.abs(now.getTime() - lastFull) < FULL_ROUND_MS) {
        lastRun = now;
        return summary;
      }
      // The retention job never deletes a row this window could still produce (history/retention.ts).
      const from = new Date(now.getTime() - PLANNER_LOOKBACK_MS);
      const to = new Date(now.getTime() + config().horizonHours * HOUR);
      const groupPlan = getService('group-plan', strapi);
      const inputs = await getService('planning-inputs', strapi).load();
      const { groups } = inputs;
      const s = store();
      // The window's rows of every group, read once: what is known, and what may be stale.
      const existingByGroup = groupBy(await s.plannedSince(from), (r) => r.groupId);
      const plannedByGroup = groupBy(await s.plannedFromRules(from, to), (r) => r.groupId);

      const newRows: NewDeliveryRow[] = [];
      const stale: { reason: string; id: number }[] = [];
      const repolicy: { policy: string; id: number }[] = [];
      const run = { occurrences: new Map(), playbooks: new Map(), shared: new Map() };
      for (const group of groups) {
        const mine = new Map<string, RuleSchedule>();
        let posts: PlannedPost[] = [];
        if (group.stage !== 'closed') {
          for (const sch of inputs.schedulesOf(group)) mine.set(sch.documentId, sch);
          try {
            posts = await groupPlan.planShared(group, from, to, {
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
        if (newRows.length >= config().batchSize) summary.inserted += await s.insertNew(newRows.splice(0), config().batchSize);
        // Future planned rows that no longer follow from the schedules and playbook.
        const keep = new Map(posts.map((p) => [p.key, p]));
        const reason = group.stage === 'closed' ? GROUP_CLOSED_REASON : REPLANNED_REASON;
        for (const r of plannedByGroup.get(group.id) ?? []) {
          const post = keep.get(r.key);
          if (!post) stale.push({ reason, id: r.id });
          else {
            // An edited whenMissing reaches the rows already planned (they are what the dispatcher reads).
            const policy = rowPolicy(post);
            if (
              policy.whenMissing !== (r.whenMissing ?? 'skip') ||
              policy.fallbackText !== (r.fallbackText ?? null) ||
              policy.holdMinutes !== (r.holdMinutes ?? null)
            )
              repolicy.push({ policy: JSON.stringify(policy), id: r.id });
          }
        }
      }
      if (newRows.length) summary.inserted += await s.insertNew(newRows.splice(0), config().batchSize);
      for (const [reason, rows] of groupBy(stale, (r) => r.reason)) {
        summary.cancelled += await s.cancelPlanned(
          rows.map((r) => r.id),
          reason,
          now
        );
      }
      for (const [policy, rows] of groupBy(repolicy, (r) => r.policy))
        await s.setMissingPolicy(
          rows.map((r) => r.id),
          JSON.parse(policy),
          now
        );
      // Inserted in many small batches: the store cannot tell it was a bulk insert.
      if (summary.inserted >= 1000) await s.refreshStatistics();
      // Every group's rules are planned through `to` now: day views read rows up to it (services/group-plan.ts).
      await getService('leases', strapi).setMarker(PLANNED_THROUGH_MARKER, getService('dispatcher', strapi).owner, to, now);
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
