import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { APP_UID, GROUP_CLOSED_REASON, PLANNED_THROUGH_MARKER, REPLANNED_REASON, SCHEDULE_UID, type Source } from '../constants';
import {
  planGroup,
  windowLabel,
  type OccurrenceCache,
  type PlannedPost,
  type PlanPlaybook,
  type PlanSchedule,
} from '../planning/group-plan';
import { decideQuiet } from '../planning/quiet-hours';
import { luxonIso } from '../recurrence/format';
import type { DeliveryRow } from '../delivery/types';
import type { Composed } from './compose';
import { getService } from '../utils/get-service';
import { documentsOf } from '../utils/documents';
import type { TargetGroup } from './targets';

/** One post of a group's day (GET /api/groups/:slug/today). */
export interface DayPost {
  key: string;
  origin: PlannedPost['origin'];
  source: string;
  title: string | null;
  scheduledFor: PlannedPost['occurrence'];
  sendAt: PlannedPost['sendAt'];
  quiet: PlannedPost['quiet'];
  /** planned or skipped (from the plan); from a row also its state: sending, sent, failed, dead, missed, cancelled. */
  status: string;
  reason: string | null;
  renditions: Extract<Composed, { status: 'ok' }>['renditions'] | null;
}

/** Schedule names and zones, playbook slugs, by documentId: cached until a schedule or playbook changes. */
const ORIGIN_CACHE_SIZE = 1000;
const ORIGIN_UIDS = [SCHEDULE_UID, APP_UID.playbook];
/** Rows that nothing goes out for: no send time. */
const NOT_SENT: DeliveryRow['status'][] = ['skipped', 'cancelled', 'missed', 'dead'];

const byOccurrence = (a: DayPost, b: DayPost) =>
  a.scheduledFor.utc < b.scheduledFor.utc ? -1 : a.scheduledFor.utc > b.scheduledFor.utc ? 1 : a.key.localeCompare(b.key);

type OriginInfo = { name?: string; timezone?: string | null; slug?: string };

/**
 * What a group's plan depends on besides the group itself: groups with the same value get
 * the same posts but for the group in each key (planning/group-plan.ts reads the zone,
 * cohort start and quiet hours of a group; the playbook is read in its locale).
 */
export function samePlanKey(
  group: Pick<TargetGroup, 'stage' | 'timezone' | 'locale' | 'cohortStart' | 'quietHours'>,
  scheduleIds: string[],
  playbookDocumentId: string | null
): string {
  return JSON.stringify([
    group.stage === 'closed',
    group.timezone,
    group.locale,
    group.cohortStart ?? null,
    (group.quietHours ?? []).map((w) => [w.start, w.end]),
    scheduleIds,
    playbookDocumentId,
  ]);
}

/** A post's key for another group of the same plan: keys are (origin, group, occurrence). */
export const keyFor = (key: string, plannedFor: string, group: string) =>
  plannedFor === group ? key : key.replace(`:${plannedFor}:`, `:${group}:`);

/** Plans of one run, by samePlanKey: the group planned first and its posts. */
export type SharedPlans = Map<string, { plannedFor: string; posts: PlannedPost[] }>;

/** What a run of many groups passes for each: the group's schedules and playbook, and the run's caches. */
export interface SharedRun {
  schedules: PlanSchedule[];
  occurrences: OccurrenceCache;
  playbooks: Map<string, Promise<PlanPlaybook | null>>;
  playbookDocumentId: string | null;
  shared: SharedPlans;
}

/**
 * Loads what drives a group's posts (its schedules, by name or tag, and its playbook)
 * and plans a window with the pure planner; a group's day from the planner's rows.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const originCache = new Map<string, OriginInfo | null>();
  let originMarks: string | null = null;

  async function schedulesFor(group: TargetGroup): Promise<PlanSchedule[]> {
    const row = await strapi.db.query(APP_UID.group).findOne({ where: { id: group.id }, populate: { tags: { select: ['documentId'] } } });
    const tagIds = ((row?.tags ?? []) as { documentId: string }[]).map((t) => t.documentId);
    const or: Record<string, unknown>[] = [{ groups: { documentId: group.documentId } }];
    if (tagIds.length) or.push({ tags: { documentId: { $in: tagIds } } });
    return (await strapi.db.query(SCHEDULE_UID).findMany({ where: { active: true, $or: or } })) as PlanSchedule[];
  }

  /** `knownDocumentId`: the group's playbook when the caller already read it (null: none). */
  async function playbookFor(
    group: TargetGroup,
    cache?: Map<string, Promise<PlanPlaybook | null>>,
    knownDocumentId?: string | null
  ): Promise<PlanPlaybook | null> {
    const documentId =
      knownDocumentId !== undefined
        ? knownDocumentId
        : (await strapi.db.query(APP_UID.group).findOne({ where: { id: group.id }, populate: { playbook: { select: ['documentId'] } } }))
            ?.playbook?.documentId;
    if (!documentId) return null;
    if (cache) {
      const key = `${documentId}|${group.locale}`;
      if (!cache.has(key)) cache.set(key, loadPlaybook(documentId, group.locale));
      return cache.get(key) as Promise<PlanPlaybook | null>;
    }
    return loadPlaybook(documentId, group.locale);
  }

  async function loadPlaybook(documentId: string, groupLocale: string): Promise<PlanPlaybook | null> {
    const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
    for (const locale of [...new Set([groupLocale, defaultLocale])]) {
      const pb = await documentsOf(strapi, APP_UID.playbook).findOne({
        documentId,
        locale,
        status: 'published',
        populate: { steps: true },
      });
      if (pb) return pb as PlanPlaybook;
    }
    return null;
  }

  const service = {
    schedulesFor,
    playbookFor,

    /**
     * A planning run passes what it already loaded (the group's schedules) and a cache
     * shared across groups (schedule occurrences per zone, playbooks by id), so planning
     * hundreds of groups does not repeat the same queries and expansions.
     */
    async plan(
      group: TargetGroup,
      from: Date,
      to: Date,
      run?: {
        schedules?: PlanSchedule[];
        occurrences?: OccurrenceCache;
        playbooks?: Map<string, Promise<PlanPlaybook | null>>;
        playbookDocumentId?: string | null;
      }
    ) {
      if (group.stage === 'closed') return [];
      const schedules = run?.schedules ?? (await schedulesFor(group));
      return planGroup(group, schedules, await playbookFor(group, run?.playbooks, run?.playbookDocumentId), from, to, run?.occurrences);
    },

    /**
     * The plan a group shares in a run with every group of the same inputs (samePlanKey):
     * planned for the first of them, whose documentId its keys carry (keyFor swaps it), so
     * a round's cost follows the distinct plans more than the number of groups.
     */
    async sharedPlan(group: TargetGroup, from: Date, to: Date, run: SharedRun): Promise<{ plannedFor: string; posts: PlannedPost[] }> {
      const same = samePlanKey(
        group,
        run.schedules.map((s) => s.documentId),
        run.playbookDocumentId
      );
      let plan = run.shared.get(same);
      if (!plan) run.shared.set(same, (plan = { plannedFor: group.documentId, posts: await this.plan(group, from, to, run) }));
      return plan;
    },

    /** `plan` for many groups in one run: the shared plan with this group's own keys. */
    async planShared(group: TargetGroup, from: Date, to: Date, run: SharedRun): Promise<PlannedPost[]> {
      const { plannedFor, posts } = await this.sharedPlan(group, from, to, run);
      return plannedFor === group.documentId ? posts : posts.map((p) => ({ ...p, key: keyFor(p.key, plannedFor, group.documentId) }));
    },

    /**
     * Everything a group gets on one local date, composed and rendered: the delivery rows
     * the planner wrote (what will be, or was, sent) for occurrences up to how far it has
     * planned (PLANNED_THROUGH_MARKER), and the plan computed now only for what lies beyond.
     * See docs/delivery.md ("A group's day").
     */
    async day(slug: string, date: string) {
      const group = await getService('targets', strapi).bySlug(slug);
      if (!group) throw new errors.NotFoundError(`No group with slug ${slug}`);
      const { from, to } = dayWindow(group, date);
      const through = await getService('leases', strapi).markerValue(PLANNED_THROUGH_MARKER);
      const rowsTo = through && through >= from ? (through < to ? through : to) : null;
      const posts: DayPost[] = rowsTo
        ? await rowPosts(group, await getService('delivery-store', strapi).groupRuleRows(group.id, from, rowsTo))
        : [];
      const beyond = rowsTo ? new Date(rowsTo.getTime() + 1) : from;
      if (beyond <= to) posts.push(...(await planPosts(group, await this.plan(group, beyond, to))));
      return dayAnswer(group, date, posts.sort(byOccurrence));
    },

    /**
     * The same day computed from the schedules and playbook alone, ignoring the rows: what
     * day() serves beyond the planner's horizon, over the whole day (the tests' oracle).
     */
    async recomputedDay(slug: string, date: string) {
      const group = await getService('targets', strapi).bySlug(slug);
      if (!group) throw new errors.NotFoundError(`No group with slug ${slug}`);
      const { from, to } = dayWindow(group, date);
      return dayAnswer(group, date, await planPosts(group, await this.plan(group, from, to)));
    },
  };

  /** The local day [00:00, 24:00) of `date` in the group's zone, as an inclusive window. */
  function dayWindow(group: TargetGroup, date: string) {
    const start = DateTime.fromISO(date, { zone: group.timezone }).startOf('day');
    return { from: start.toJSDate(), to: start.plus({ days: 1 }).minus({ milliseconds: 1 }).toJSDate() };
  }

  function dayAnswer(group: TargetGroup, date: string, posts: DayPost[]) {
    return {
      group: {
        slug: group.slug,
        name: group.name,
        timezone: group.timezone,
        locale: group.locale,
        platform: group.platform,
        stage: group.stage,
      },
      date,
      posts,
    };
  }

  /** Planned posts (the plan computed now), composed: planned, or skipped for quiet hours or missing content. */
  async function planPosts(group: TargetGroup, planned: PlannedPost[]): Promise<DayPost[]> {
    const composedAll = await getService('compose', strapi).composeMany(
      planned.map((p) => ({
        source: p.source as Source,
        group,
        at: new Date(p.occurrence.utc),
        localTime: p.localTime,
        text: p.text,
        title: p.title,
      }))
    );
    return planned.map((p, i) => {
      const composed = composedAll[i];
      return {
        key: p.key,
        origin: p.origin,
        source: p.source,
        title: composed.status === 'ok' ? composed.title : p.title,
        scheduledFor: p.occurrence,
        sendAt: p.sendAt,
        quiet: p.quiet,
        status: composed.status === 'ok' ? (p.sendAt ? 'planned' : 'skipped') : 'skipped',
        reason: composed.status === 'skipped' ? composed.reason : p.sendAt ? null : `quiet hours ${p.quiet?.window}`,
        renditions: composed.status === 'ok' ? composed.renditions : null,
      };
    });
  }

  /**
   * The group's rows as day posts. Rows the planner cancelled (re-planned: the rows that
   * replace them are here; group closed) are left out. Planned rows and rows it skipped for
   * quiet hours read as the plan would (planned / skipped, with the content's reason when it
   * is missing now); every other row shows its own state and reason. Every row but a
   * cancelled one is composed now (the renditions as they would be sent now).
   */
  async function rowPosts(group: TargetGroup, rows: DeliveryRow[]): Promise<DayPost[]> {
    const shown = rows.filter((r) => !(r.status === 'cancelled' && (r.reason === REPLANNED_REASON || r.reason === GROUP_CLOSED_REASON)));
    const origin = await originsOf(shown);
    const composing = shown.filter((r) => r.status !== 'cancelled');
    const composedAll = await getService('compose', strapi).composeMany(
      composing.map((r) => ({
        source: r.source as Source,
        group,
        at: r.scheduledFor,
        localTime: r.localTime ?? undefined,
        text: r.text,
        title: r.title,
      }))
    );
    const composedOf = new Map(composing.map((r, i) => [r.id, composedAll[i]]));
    return shown.map((r) => {
      const composed = composedOf.get(r.id) ?? null;
      const info = r.originId ? origin.get(r.originId) : undefined;
      const zone = (r.originKind === 'schedule' && info?.timezone) || group.timezone;
      const scheduledMs = r.scheduledFor.getTime();
      const occurrence = { utc: r.scheduledFor.toISOString(), local: luxonIso(scheduledMs, zone).iso };
      const quiet: DayPost['quiet'] =
        r.quietAction === 'defer' || r.quietAction === 'skip' ? { action: r.quietAction, window: quietWindow(group, r) } : null;
      const sendAt = NOT_SENT.includes(r.status)
        ? null
        : {
            utc: r.dueAt.toISOString(),
            local:
              r.dueAt.getTime() === scheduledMs && zone === group.timezone
                ? occurrence.local
                : (DateTime.fromJSDate(r.dueAt, { zone: group.timezone }).toISO() as string),
          };
      const ok = composed?.status === 'ok' ? composed : null;
      const missing = composed?.status === 'skipped' ? composed.reason : null;
      let status: string = r.status;
      let reason: string | null = r.reason ?? r.lastError ?? null;
      if (r.status === 'planned') {
        status = missing ? 'skipped' : 'planned';
        // The quiet-hours part of a planned row's reason is in `quiet`; what else moved it stays.
        reason = missing ?? (withoutQuiet(r.reason) || null);
      } else if (r.status === 'skipped' && r.quietAction === 'skip') {
        reason = missing ?? `quiet hours ${quiet?.window}`;
      }
      return {
        key: r.key,
        origin:
          r.originKind === 'playbook'
            ? { kind: 'playbook' as const, documentId: r.originId ?? '', slug: info?.slug ?? '', step: r.originStep ?? 0 }
            : { kind: 'schedule' as const, documentId: r.originId ?? '', name: info?.name ?? r.title ?? '' },
        source: r.source,
        title: ok ? ok.title : r.title,
        scheduledFor: occurrence,
        sendAt,
        quiet,
        status,
        reason,
        renditions: ok ? ok.renditions : null,
      };
    });
  }

  /** The planner writes "quiet hours HH:MM-HH:MM: …" into the row's reason; else the group's windows now. */
  function quietWindow(group: TargetGroup, row: DeliveryRow): string {
    const written = /quiet hours (\d\d:\d\d-\d\d:\d\d)/.exec(row.reason ?? '');
    if (written) return written[1];
    const decision = decideQuiet(row.scheduledFor, group.timezone, group.quietHours, row.quietAction === 'skip' ? 'skip' : 'defer');
    return decision.action === 'none' ? '' : windowLabel(decision.window);
  }

  function withoutQuiet(reason: string | null): string {
    return (reason ?? '')
      .split('; ')
      .filter((part) => part && !part.startsWith('quiet hours '))
      .join('; ');
  }

  async function originsOf(rows: DeliveryRow[]) {
    if (!rows.some((r) => r.originId)) return new Map<string, OriginInfo>();
    const marks = await getService('change-marks', strapi).marks(ORIGIN_UIDS);
    if (marks !== originMarks || originCache.size > ORIGIN_CACHE_SIZE) {
      originCache.clear();
      originMarks = marks;
    }
    const missing = (kind: string) => [
      ...new Set(rows.filter((r) => r.originKind === kind && r.originId && !originCache.has(r.originId)).map((r) => r.originId as string)),
    ];
    const schedules = missing('schedule');
    const playbooks = missing('playbook');
    if (schedules.length) {
      const found = (await strapi.db
        .query(SCHEDULE_UID)
        .findMany({ where: { documentId: { $in: schedules } }, select: ['documentId', 'name', 'timezone'] })) as {
        documentId: string;
        name: string;
        timezone: string | null;
      }[];
      for (const id of schedules) originCache.set(id, null);
      for (const f of found) originCache.set(f.documentId, { name: f.name, timezone: f.timezone ?? null });
    }
    if (playbooks.length) {
      const found = (await strapi.db
        .query(APP_UID.playbook)
        .findMany({ where: { documentId: { $in: playbooks } }, select: ['documentId', 'slug'] })) as { documentId: string; slug: string }[];
      for (const id of playbooks) originCache.set(id, null);
      for (const f of found) originCache.set(f.documentId, { slug: f.slug });
    }
    const out = new Map<string, OriginInfo>();
    for (const r of rows) if (r.originId && originCache.get(r.originId)) out.set(r.originId, originCache.get(r.originId) as OriginInfo);
    return out;
  }
  return service;
};
