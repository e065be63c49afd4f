import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { APP_UID } from '../constants';
import type { DeliveryRow } from '../delivery/types';
import { getPlatform, renditionsFor } from '../platforms/registry';
import type { SchedulerConfig } from '../config';
import type { PlannedPost } from '../planning/group-plan';
import { getService } from '../utils/get-service';
import type { DeliveryView } from './deliveries';
import type { DeliveryFilter } from '../storage/delivery-store';
import { groupEntries, type PostCount, type ZoneMode } from '../planning/calendar-entries';
import { keyFor } from './group-plan';

/** A calendar window is bounded: a month view with a week either side. */
export const MAX_CALENDAR_ITEMS = 5000;

export interface CalendarQuery {
  from: Date;
  to: Date;
  groups?: string[];
  tag?: string;
  sources?: string[];
  statuses?: string[];
  /** One entry's posts: its origin and due instants. */
  origin?: { kind: string; id: string | null; step: number | null };
  dueAts?: Date[];
}

export interface GroupSummary {
  documentId: string;
  slug: string;
  name: string;
  timezone: string;
  platform: string;
  stage: string;
  tags: string[];
}

/**
 * What the admin's calendar, homepage widgets and group view read: delivery rows across
 * groups with each group's name and zone, one post's exact rendition, and the
 * operator's "send now".
 */
/** A delivery row in the calendar, with its group's name and zone (never its payload). */
export type CalendarDelivery = Omit<DeliveryView, 'payload'> & { groupName: string; groupTimezone: string | null; payload: undefined };

/** A post its schedule or playbook will plan (beyond the planner's horizon, or not yet planned). */
export interface UpcomingPost {
  id: null;
  key: string;
  status: 'upcoming';
  group: string;
  groupName: string;
  groupTimezone: string;
  platform: string;
  source: string;
  title: string | null;
  origin: { kind: 'schedule' | 'playbook'; id: string; step: number | null };
  scheduledFor: string;
  dueAt: string;
  timezone: string;
  quiet: PlannedPost['quiet'];
}

/** What an upcoming post holds whatever its group's name (shared by groups with the same plan). */
type UpcomingSeed = Pick<UpcomingPost, 'key' | 'origin' | 'source' | 'title' | 'scheduledFor' | 'dueAt' | 'quiet'>;

/** A post on a group's timeline: its plan, with its delivery's state when planned. */
interface TimelinePost {
  key: string;
  deliveryId: string | null;
  source: string;
  title: string | null;
  origin: PlannedPost['origin'] | { kind: string; documentId: string | null };
  utc: string;
  local: string;
  status: string;
  quiet: PlannedPost['quiet'];
}

/**
 * What the admin's calendar, homepage widgets and group view read: delivery rows across
 * groups with each group's name and zone, and one post's exact rendition.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService('delivery-store', strapi);
  const deliveries = () => getService('deliveries', strapi);
  const config = () => strapi.config.get('plugin::scheduler') as SchedulerConfig;

  async function groups(): Promise<GroupSummary[]> {
    const rows = (await strapi.db.query(APP_UID.group).findMany({
      select: ['documentId', 'slug', 'name', 'timezone', 'platform', 'stage'],
      populate: { tags: { select: ['slug'] } },
      orderBy: { name: 'asc' },
    })) as (Omit<GroupSummary, 'tags'> & { tags?: { slug: string }[] })[];
    return rows.map((g) => ({
      documentId: g.documentId,
      slug: g.slug,
      name: g.name,
      timezone: g.timezone,
      platform: g.platform,
      stage: g.stage,
      tags: (g.tags ?? []).map((t) => t.slug),
    }));
  }

  async function tags(): Promise<{ slug: string; name: string }[]> {
    const rows = (await strapi.db.query(APP_UID.tag).findMany({ select: ['slug', 'name'], orderBy: { name: 'asc' } })) as {
      slug: string;
      name: string;
    }[];
    return rows.map((t) => ({ slug: t.slug, name: t.name }));
  }

  const withGroup =
    (index: Map<string, GroupSummary>) =>
    (row: DeliveryRow): CalendarDelivery => {
      const g = index.get(row.groupSlug);
      return {
        ...deliveries().view(row),
        groupName: g?.name ?? row.groupSlug,
        groupTimezone: g?.timezone ?? row.timezone,
        payload: undefined,
      };
    };

  /** The rows a calendar query asks for, and whether it wants upcoming posts too. */
  function rowFilter(q: CalendarQuery, all: GroupSummary[]): { filter: DeliveryFilter; wantUpcoming: boolean } {
    let slugs = q.groups?.length ? q.groups : null;
    if (q.tag) {
      const tagged = new Set(all.filter((g) => g.tags.includes(q.tag as string)).map((g) => g.slug));
      slugs = (slugs ?? all.map((g) => g.slug)).filter((s) => tagged.has(s));
    }
    const statuses = q.statuses?.filter((st) => st !== 'upcoming');
    const now = getService('clock', strapi).now();
    return {
      filter: {
        from: q.from,
        to: q.to,
        toExclusive: true,
        groups: slugs ?? undefined,
        sources: q.sources,
        statuses: q.statuses?.length ? (statuses ?? []) : undefined,
        origin: q.origin,
        dueAts: q.dueAts,
      },
      wantUpcoming: (!q.statuses?.length || q.statuses.includes('upcoming')) && q.to > now,
    };
  }

  /**
   * What schedules and playbooks will plan in [max(from, now), to) that has no row yet
   * (beyond the planner's horizon, or not planned yet), in a fixed number of queries:
   * the planning inputs of every group at once, the keys already planned, the playbooks
   * once each. Groups with the same inputs share one plan (group-plan.sharedPlan), so the
   * rest is a key lookup per post: the cost follows the distinct plans, not the number of
   * groups. `visit` gets each post with its group.
   */
  async function upcoming(
    q: CalendarQuery,
    slugs: string[] | null,
    index: Map<string, GroupSummary>,
    visit: (p: UpcomingSeed, g: GroupSummary) => void
  ): Promise<void> {
    const now = getService('clock', strapi).now();
    const from = q.from > now ? q.from : now;
    const known = await store().keys({
      from: q.from,
      to: q.to,
      toExclusive: true,
      groups: slugs ?? undefined,
      origin: q.origin,
      dueAts: q.dueAts,
    });
    const inputs = await getService('planning-inputs', strapi).load();
    const wanted = slugs ? new Set(slugs) : null;
    const dueAts = q.dueAts ? new Set(q.dueAts.map((d) => d.getTime())) : null;
    const groupPlan = getService('group-plan', strapi);
    const run = { occurrences: new Map(), playbooks: new Map(), shared: new Map() };
    // The window's and filters' posts of each shared plan, worked out once per plan.
    const seeds = new Map<PlannedPost[], UpcomingSeed[]>();
    for (const target of inputs.groups) {
      if (target.stage === 'closed' || (wanted && !wanted.has(target.slug))) continue;
      const g = index.get(target.slug);
      if (!g) continue;
      const plan = await groupPlan.sharedPlan(target, from, q.to, {
        ...run,
        schedules: inputs.schedulesOf(target),
        playbookDocumentId: target.playbook?.documentId ?? null,
      });
      let posts = seeds.get(plan.posts);
      if (!posts) seeds.set(plan.posts, (posts = plan.posts.flatMap((p) => seedOf(p, q, dueAts))));
      for (const p of posts) {
        const key = keyFor(p.key, plan.plannedFor, target.documentId);
        if (!known.has(key)) visit(key === p.key ? p : { ...p, key }, g);
      }
    }
  }

  /** A planned post as an upcoming seed, or none when it is outside [from, to) or the query's filters. */
  function seedOf(p: PlannedPost, q: CalendarQuery, dueAts: Set<number> | null): UpcomingSeed[] {
    // [from, to): the plan's window is inclusive at both ends.
    if (!p.sendAt || new Date(p.sendAt.utc) >= q.to || (q.sources?.length && !q.sources.includes(p.source))) return [];
    const origin =
      p.origin.kind === 'schedule'
        ? { kind: 'schedule' as const, id: p.origin.documentId, step: null }
        : { kind: 'playbook' as const, id: p.origin.documentId, step: p.origin.step };
    if (q.origin && (q.origin.kind !== origin.kind || q.origin.id !== origin.id || q.origin.step !== origin.step)) return [];
    if (dueAts && !dueAts.has(new Date(p.sendAt.utc).getTime())) return [];
    return [{ key: p.key, origin, source: p.source, title: p.title, scheduledFor: p.occurrence.utc, dueAt: p.sendAt.utc, quiet: p.quiet }];
  }

  /** An upcoming post as a calendar row. */
  const upcomingPost = (p: UpcomingSeed, g: GroupSummary): UpcomingPost => ({
    id: null,
    status: 'upcoming',
    group: g.slug,
    groupName: g.name,
    groupTimezone: g.timezone,
    platform: g.platform,
    timezone: g.timezone,
    ...p,
  });

  return {
    groups,
    tags,

    /**
     * Posts in [from, to) across groups, filtered, soonest first: the delivery rows, plus
     * (status "upcoming") what schedules and playbooks will plan beyond the planner's
     * horizon, so a calendar shows the whole coming week and more. With `origin` and
     * `dueAts`, the posts of one calendar entry.
     */
    async list(q: CalendarQuery) {
      const all = await groups();
      const index = new Map(all.map((g) => [g.slug, g]));
      const { filter, wantUpcoming } = rowFilter(q, all);
      const { rows, total } = await store().page(filter, MAX_CALENDAR_ITEMS);
      const data: (CalendarDelivery | UpcomingPost)[] = rows.map(withGroup(index));
      if (wantUpcoming) {
        await upcoming(q, filter.groups ?? null, index, (p, g) => data.push(upcomingPost(p, g)));
        data.sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));
      }
      return {
        data: data.slice(0, MAX_CALENDAR_ITEMS),
        meta: {
          total: total + data.length - rows.length,
          truncated: total > rows.length || data.length > MAX_CALENDAR_ITEMS,
          from: q.from.toISOString(),
          to: q.to.toISOString(),
        },
      };
    },

    /**
     * The calendar's entries in [from, to): posts of one origin at one local time across
     * groups counted as one (see planning/calendar-entries.ts), in a fixed number of
     * queries whatever the number of groups: one count over the rows, and the inputs of
     * the posts beyond the horizon.
     */
    async entries(q: CalendarQuery, zone: ZoneMode) {
      const all = await groups();
      const index = new Map(all.map((g) => [g.slug, g]));
      const { filter, wantUpcoming } = rowFilter(q, all);
      const counts: PostCount[] = (await store().countsByEntry(filter)).map((c) => ({
        originKind: c.originKind,
        originId: c.originId,
        originStep: c.originStep,
        source: c.source,
        title: c.title,
        timezone: c.timezone ?? index.get(c.sampleGroup)?.timezone ?? 'UTC',
        dueAt: c.dueAt.toISOString(),
        status: c.status,
        n: c.n,
        sample: { id: c.sampleId, group: c.sampleGroup },
      }));
      if (wantUpcoming) {
        // Counted as they come: one count per origin, source, zone and instant, not a row per post.
        const upcomingCounts = new Map<string, PostCount>();
        await upcoming(q, filter.groups ?? null, index, (p, g) => {
          const at = `${p.origin.kind}|${p.origin.id}|${p.origin.step}|${p.source}|${p.title}|${g.timezone}|${p.dueAt}`;
          const c = upcomingCounts.get(at);
          if (c) c.n++;
          else
            upcomingCounts.set(at, {
              originKind: p.origin.kind,
              originId: p.origin.id,
              originStep: p.origin.step,
              source: p.source,
              title: p.title,
              timezone: g.timezone,
              dueAt: p.dueAt,
              status: 'upcoming',
              n: 1,
              sample: { id: null, group: g.slug },
            });
        });
        counts.push(...upcomingCounts.values());
      }
      const entries = groupEntries(counts, zone).map((e) => ({
        ...e,
        post: e.post ? { ...e.post, groupName: index.get(e.post.group)?.name ?? e.post.group } : null,
      }));
      return {
        data: entries,
        meta: { posts: counts.reduce((n, c) => n + c.n, 0), from: q.from.toISOString(), to: q.to.toISOString(), zone },
      };
    },

    /**
     * One post with its group and its exact rendition: the requests as sent (secrets
     * redacted) once it was attempted, else composed now exactly as the dispatcher would.
     */
    async detail(id: string) {
      const row = await deliveries().byDocumentId(id);
      const group = await getService('targets', strapi).bySlug(row.groupSlug);
      const base = {
        ...deliveries().view(row),
        payload: undefined,
        groupName: group?.name ?? row.groupSlug,
        groupTimezone: group?.timezone ?? row.timezone,
        groupDocumentId: group?.documentId ?? null,
      };
      if (row.payload?.requests?.length) {
        return { ...base, rendition: { asSent: true, parts: row.payload.requests.map((r) => ({ url: r.url, body: r.body })) } };
      }
      if (!group) return { ...base, rendition: { asSent: false, parts: [], reason: 'the group no longer exists' } };
      const platform = getPlatform(group.platform);
      const specs = platform ? renditionsFor(platform, config().platforms[platform.id]?.settings ?? {}) : [{ format: 'text' as const }];
      const composed = await getService('compose', strapi).composeRow(row, group, specs);
      if (composed.status === 'skipped') return { ...base, rendition: { asSent: false, parts: [], reason: composed.reason } };
      const parts = specs.flatMap(({ format }) => (composed.renditions[format]?.parts ?? []).map((body) => ({ format, body })));
      return {
        ...base,
        rendition: { asSent: false, title: composed.title, parts, unknown: composed.renditions[specs[0].format]?.unknown ?? [] },
      };
    },

    /** The next `limit` planned posts across all groups. */
    async next(limit = 10) {
      const index = new Map((await groups()).map((g) => [g.slug, g]));
      const now = getService('clock', strapi).now();
      return (await store().nextPlanned(new Date(now.getTime() - 60_000), limit)).map(withGroup(index));
    },

    /** Failed and dead posts (newest first) and whether the planner and dispatcher keep up. */
    async attention(limit = 10) {
      const index = new Map((await groups()).map((g) => [g.slug, g]));
      const failing = await store().latestFailing(limit);
      const health = await deliveries().health();
      const now = new Date(health.now).getTime();
      const plannerIntervalMs = config().plannerIntervalMs ?? 5000;
      const lastPlanned = health.planner.lastRunAt ? new Date(health.planner.lastRunAt).getTime() : null;
      // Overdue: posts more than a minute late, or a planner that has not run for 3 intervals (or a minute).
      const plannerOverdue = lastPlanned === null || now - lastPlanned > Math.max(3 * plannerIntervalMs, 60_000);
      return {
        failed: health.byStatus.failed ?? 0,
        // Dead posts due in the last 24 h (health counts finished rows in that window only).
        dead: health.byStatus.dead ?? 0,
        overdue: health.overdue,
        oldestDueLagSeconds: health.oldestDueLagSeconds,
        planner: { lastRunAt: health.planner.lastRunAt, overdue: plannerOverdue },
        disabledEndpoints: health.disabledEndpoints,
        // Staff tasks: waiting past the on-time tolerance, and missed in the last 24 h.
        tasks: { late: health.tasks.late, missed: health.byStatus.missed ?? 0 },
        items: failing.map(withGroup(index)),
      };
    },

    /**
     * A group's posts on its local today and tomorrow: what its schedules and playbook
     * plan (so beyond the planner's horizon too), each with its delivery's state when
     * planned, plus one-off posts (joins, run-now) that exist only as deliveries.
     */
    /**
     * A group's daily history from the summaries the retention job keeps (days whose rows
     * were pruned; newer days are still in the deliveries list). Defaults to the year up to
     * the group's local today.
     */
    async history(groupDocumentId: string, from?: string, to?: string) {
      const group = await getService('targets', strapi).byDocumentId(groupDocumentId);
      if (!group) throw new errors.NotFoundError(`No group with documentId ${groupDocumentId}`);
      const today = DateTime.fromJSDate(getService('clock', strapi).now(), { zone: group.timezone });
      const toDay = to ?? (today.toISODate() as string);
      const fromDay = from ?? (DateTime.fromISO(toDay).minus({ days: 365 }).toISODate() as string);
      const days = await getService('delivery-days', strapi).ofGroup(group.id, fromDay, toDay);
      return {
        group: group.slug,
        from: fromDay,
        to: toDay,
        days: days.map((d) => ({
          day: d.day,
          timezone: d.timezone,
          ...d.counts,
          lateSeconds: { p50: d.lateP50, p95: d.lateP95, max: d.lateMax },
        })),
      };
    },

    async timeline(groupDocumentId: string) {
      const group = await getService('targets', strapi).byDocumentId(groupDocumentId);
      if (!group) throw new errors.NotFoundError(`No group with documentId ${groupDocumentId}`);
      const now = getService('clock', strapi).now();
      const today = DateTime.fromJSDate(now, { zone: group.timezone }).startOf('day');
      const from = today.toJSDate();
      const to = today.plus({ days: 2 }).toJSDate();
      const planned = await getService('group-plan', strapi).plan(group, from, to);
      const { rows } = await store().page({ groups: [group.slug], from, to, toExclusive: true }, 10_000);
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const local = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(group.timezone).toISO() as string;
      const posts: TimelinePost[] = planned.map((p) => {
        const row = byKey.get(p.key);
        byKey.delete(p.key);
        const at = row?.dueAt ? row.dueAt.toISOString() : (p.sendAt?.utc ?? p.occurrence.utc);
        return {
          key: p.key,
          deliveryId: row?.documentId ?? null,
          source: p.source,
          title: p.title,
          origin: p.origin,
          utc: at,
          local: local(at),
          // Without a row: skipped by quiet hours, passed before it was ever planned, or beyond the planner's horizon.
          status: row?.status ?? (!p.sendAt ? 'skipped' : new Date(at) < now ? 'missed' : 'upcoming'),
          quiet: p.quiet,
        };
      });
      for (const row of byKey.values()) {
        const at = row.dueAt.toISOString();
        posts.push({
          key: row.key,
          deliveryId: row.documentId,
          source: row.source,
          title: row.title,
          origin: { kind: row.originKind, documentId: row.originId },
          utc: at,
          local: local(at),
          status: row.status,
          quiet: null,
        });
      }
      posts.sort((a, b) => a.utc.localeCompare(b.utc));
      const day = (d: DateTime) => ({ date: d.toISODate(), posts: posts.filter((p) => p.local.slice(0, 10) === d.toISODate()) });
      return {
        group: {
          documentId: group.documentId,
          slug: group.slug,
          name: group.name,
          timezone: group.timezone,
          platform: group.platform,
          stage: group.stage,
          quietHours: (group.quietHours ?? []).map((w) => ({ start: String(w.start).slice(0, 5), end: String(w.end).slice(0, 5) })),
        },
        now: now.toISOString(),
        days: [day(today), day(today.plus({ days: 1 }))],
      };
    },
  };
};
