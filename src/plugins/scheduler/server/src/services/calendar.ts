import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { APP_UID } from '../constants';
import { getService } from '../utils/get-service';

/** The formats a platform receives (what the calendar shows as "will be sent"). */
const PLATFORM_FORMATS: Record<string, string[]> = {
  webhook: ['text', 'html', 'markdown'],
  wecom: ['wecom'],
  telegram: ['telegram'],
  slack: ['slack'],
};

/** A calendar window is bounded: a month view with a week either side. */
export const MAX_CALENDAR_ITEMS = 5000;

export interface CalendarQuery {
  from: Date;
  to: Date;
  groups?: string[];
  tag?: string;
  sources?: string[];
  statuses?: string[];
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
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService('delivery-store', strapi);
  const deliveries = () => getService('deliveries', strapi);

  async function groups(): Promise<GroupSummary[]> {
    const rows = await strapi.db.query(APP_UID.group).findMany({
      select: ['documentId', 'slug', 'name', 'timezone', 'platform', 'stage'],
      populate: { tags: { select: ['slug'] } },
      orderBy: { name: 'asc' },
    });
    return rows.map((g: any) => ({
      documentId: g.documentId,
      slug: g.slug,
      name: g.name,
      timezone: g.timezone,
      platform: g.platform,
      stage: g.stage,
      tags: (g.tags ?? []).map((t: any) => t.slug),
    }));
  }

  async function tags() {
    return (await strapi.db.query(APP_UID.tag).findMany({ select: ['slug', 'name'], orderBy: { name: 'asc' } })).map((t: any) => ({
      slug: t.slug,
      name: t.name,
    }));
  }

  const withGroup = (index: Map<string, GroupSummary>) => (row: any) => {
    const g = index.get(row.groupSlug);
    return {
      ...deliveries().view(row),
      groupName: g?.name ?? row.groupSlug,
      groupTimezone: g?.timezone ?? row.timezone,
      payload: undefined,
    };
  };

  return {
    groups,
    tags,

    /**
     * Posts in [from, to) across groups, filtered, soonest first: the delivery rows, plus
     * (status "upcoming") what schedules and playbooks will plan beyond the planner's
     * horizon, so a calendar shows the whole coming week and more.
     */
    async list(q: CalendarQuery) {
      const all = await groups();
      const index = new Map(all.map((g) => [g.slug, g]));
      let slugs = q.groups?.length ? q.groups : null;
      if (q.tag) {
        const tagged = all.filter((g) => g.tags.includes(q.tag as string)).map((g) => g.slug);
        slugs = slugs ? slugs.filter((s) => tagged.includes(s)) : tagged;
      }
      const statuses = q.statuses?.filter((st) => st !== 'upcoming');
      const wantUpcoming = !q.statuses?.length || q.statuses.includes('upcoming');
      const s = store();
      const inWindow = () => {
        const query = s.knex()(s.table()).where(s.col('dueAt'), '>=', q.from).where(s.col('dueAt'), '<', q.to);
        if (slugs) query.whereIn(s.col('groupSlug'), slugs);
        return query;
      };
      const query = inWindow();
      if (q.sources?.length) query.whereIn(s.col('source'), q.sources);
      if (q.statuses?.length) query.whereIn(s.col('status'), statuses?.length ? statuses : ['-none-']);
      const total = Number((await query.clone().count({ n: '*' }).first())?.n ?? 0);
      const rows = await query.orderBy(s.col('dueAt')).orderBy('id').limit(MAX_CALENDAR_ITEMS);
      const data: any[] = rows.map((r: any) => withGroup(index)(s.fromColumns(r)));

      const now = getService('clock', strapi).now();
      if (wantUpcoming && q.to > now) {
        const known = new Set((await inWindow().select(s.col('key'))).map((r: any) => r[s.col('key')]));
        const from = q.from > now ? q.from : now;
        const groupPlan = getService('group-plan', strapi);
        const targets = (await getService('targets', strapi).open()).filter((g) => !slugs || slugs.includes(g.slug));
        const run = { occurrences: new Map(), playbooks: new Map() };
        for (const target of targets) {
          const g = index.get(target.slug) as GroupSummary;
          for (const p of await groupPlan.plan(target, from, q.to, run)) {
            // [from, to): the plan's window is inclusive at both ends.
            if (known.has(p.key) || !p.sendAt || new Date(p.sendAt.utc) >= q.to || (q.sources?.length && !q.sources.includes(p.source)))
              continue;
            data.push({
              id: null,
              key: p.key,
              status: 'upcoming',
              group: g.slug,
              groupName: g.name,
              groupTimezone: g.timezone,
              platform: g.platform,
              source: p.source,
              title: p.title,
              origin:
                p.origin.kind === 'schedule'
                  ? { kind: 'schedule', id: p.origin.documentId, step: null }
                  : { kind: 'playbook', id: p.origin.documentId, step: p.origin.step },
              scheduledFor: p.occurrence.utc,
              dueAt: p.sendAt.utc,
              timezone: g.timezone,
              quiet: p.quiet,
            });
          }
        }
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
     * One post with its group and its exact rendition: the requests as sent (secrets
     * redacted) once it was attempted, else composed now exactly as the dispatcher would.
     */
    async detail(id: string) {
      const row = await deliveries().byDocumentId(id);
      const group = await getService('targets', strapi).bySlug(row.groupSlug);
      const view = deliveries().view(row);
      const base = {
        ...view,
        payload: undefined,
        groupName: group?.name ?? row.groupSlug,
        groupTimezone: group?.timezone ?? row.timezone,
        groupDocumentId: group?.documentId ?? null,
      };
      if (row.payload?.requests?.length) {
        return { ...base, rendition: { asSent: true, parts: row.payload.requests.map((r: any) => ({ url: r.url, body: r.body })) } };
      }
      if (!group) return { ...base, rendition: { asSent: false, parts: [], reason: 'the group no longer exists' } };
      const formats = PLATFORM_FORMATS[group.platform] ?? ['text'];
      const composed = await getService('compose', strapi).composeRow(row, group, formats as any);
      if (composed.status === 'skipped') return { ...base, rendition: { asSent: false, parts: [], reason: composed.reason } };
      const parts = formats.flatMap((f) => ((composed.renditions as any)[f]?.parts ?? []).map((body: string) => ({ format: f, body })));
      return {
        ...base,
        rendition: { asSent: false, title: composed.title, parts, unknown: composed.renditions[formats[0] as 'text']?.unknown ?? [] },
      };
    },

    /** Send a planned or failed post at the next dispatcher tick (not a new attempt budget). */
    async sendNow(id: string) {
      const row = await deliveries().byDocumentId(id);
      if (!['planned', 'failed'].includes(row.status)) {
        throw new errors.ValidationError(
          `status: only planned or failed deliveries can be sent now; this one is ${row.status}${['dead', 'cancelled', 'skipped'].includes(row.status) ? ' (use retry)' : ''}`,
          {
            errors: [{ path: ['status'], message: `cannot send a ${row.status} delivery now`, name: 'ValidationError' }],
          }
        );
      }
      const s = store();
      const now = getService('clock', strapi).now();
      await s
        .knex()(s.table())
        .where('id', row.id)
        .whereIn(s.col('status'), ['planned', 'failed'])
        .update(
          s.toColumns({
            dueAt: now,
            nextAttemptAt: row.status === 'failed' ? now : null,
            graceSeconds: Math.max(row.graceSeconds ?? 0, 86_400),
            reason: `sent now by an operator at ${now.toISOString()}`,
            updatedAt: now,
          })
        );
      return deliveries().view(await deliveries().byDocumentId(id));
    },

    /** The next `limit` planned posts across all groups. */
    async next(limit = 10) {
      const index = new Map((await groups()).map((g) => [g.slug, g]));
      const s = store();
      const now = getService('clock', strapi).now();
      const rows = await s
        .knex()(s.table())
        .where(s.col('status'), 'planned')
        .where(s.col('dueAt'), '>=', new Date(now.getTime() - 60_000))
        .orderBy(s.col('dueAt'))
        .orderBy('id')
        .limit(limit);
      return rows.map((r: any) => withGroup(index)(s.fromColumns(r)));
    },

    /** Failed and dead posts (newest first) and whether the planner and dispatcher keep up. */
    async attention(limit = 10) {
      const index = new Map((await groups()).map((g) => [g.slug, g]));
      const s = store();
      const failing = await s
        .knex()(s.table())
        .whereIn(s.col('status'), ['failed', 'dead'])
        .orderBy(s.col('updatedAt'), 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      const health = await deliveries().health();
      const now = new Date(health.now).getTime();
      const plannerIntervalMs = Number((strapi.plugin('scheduler').config as any)('plannerIntervalMs') ?? 5000);
      const lastPlanned = health.planner.lastRunAt ? new Date(health.planner.lastRunAt).getTime() : null;
      // Overdue: posts more than a minute late, or a planner that has not run for 3 intervals (or a minute).
      const plannerOverdue = lastPlanned === null || now - lastPlanned > Math.max(3 * plannerIntervalMs, 60_000);
      return {
        failed: health.byStatus.failed ?? 0,
        dead: health.byStatus.dead ?? 0,
        overdue: health.overdue,
        oldestDueLagSeconds: health.oldestDueLagSeconds,
        planner: { lastRunAt: health.planner.lastRunAt, overdue: plannerOverdue },
        disabledEndpoints: health.disabledEndpoints,
        items: failing.map((r: any) => withGroup(index)(s.fromColumns(r))),
      };
    },

    /**
     * A group's posts on its local today and tomorrow: what its schedules and playbook
     * plan (so beyond the planner's horizon too), each with its delivery's state when
     * planned, plus one-off posts (joins, run-now) that exist only as deliveries.
     */
    async timeline(groupDocumentId: string) {
      const group = await getService('targets', strapi).byDocumentId(groupDocumentId);
      if (!group) throw new errors.NotFoundError(`No group with documentId ${groupDocumentId}`);
      const now = getService('clock', strapi).now();
      const today = DateTime.fromJSDate(now, { zone: group.timezone }).startOf('day');
      const from = today.toJSDate();
      const to = today.plus({ days: 2 }).toJSDate();
      const planned = await getService('group-plan', strapi).plan(group, from, to);
      const s = store();
      const rows = (
        await s.knex()(s.table()).where(s.col('groupSlug'), group.slug).where(s.col('dueAt'), '>=', from).where(s.col('dueAt'), '<', to)
      ).map((r: any) => s.fromColumns(r));
      const byKey = new Map(rows.map((r: any) => [r.key, r]));
      const local = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(group.timezone);
      const posts = planned.map((p) => {
        const row: any = byKey.get(p.key);
        byKey.delete(p.key);
        const at = row?.dueAt ? row.dueAt.toISOString() : (p.sendAt?.utc ?? p.occurrence.utc);
        return {
          key: p.key,
          deliveryId: row?.documentId ?? null,
          source: p.source,
          title: p.title,
          origin: p.origin,
          utc: at,
          local: local(at).toISO(),
          // Without a row: skipped by quiet hours, passed before it was ever planned, or beyond the planner's horizon.
          status: row?.status ?? (!p.sendAt ? 'skipped' : new Date(at) < now ? 'missed' : 'upcoming'),
          quiet: p.quiet,
        };
      });
      for (const row of byKey.values() as Iterable<any>) {
        const at = row.dueAt.toISOString();
        posts.push({
          key: row.key,
          deliveryId: row.documentId,
          source: row.source,
          title: row.title,
          origin: { kind: row.originKind, documentId: row.originId } as any,
          utc: at,
          local: local(at).toISO(),
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
