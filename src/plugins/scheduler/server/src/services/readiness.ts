import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { APP_UID, SCHEDULE_UID } from '../constants';
import type { PlanSchedule } from '../planning/group-plan';
import {
  NO_VERSIONS,
  alwaysReady,
  decide,
  decideLesson,
  decideReminder,
  groupByItem,
  impossible,
  itemLabel,
  linesForEntry,
  type EntryItem,
  sortLines,
  toLine,
  type Decision,
  type FoundDoc,
  type ItemPosts,
  type ReadinessPost,
  type ReadinessState,
  type ScheduledPublication,
  type Versions,
} from '../readiness';
import { documentsOf } from '../utils/documents';
import { getService } from '../utils/get-service';
import type { TargetGroup } from './targets';

const HOUR = 3_600_000;
export const DEFAULT_READINESS_HOURS = 48;
export const MAX_READINESS_DAYS = 14;
/** Planned rows read per request (14 days of a few hundred groups' posts). */
const MAX_ROWS = 100_000;

/** The content types whose entries have an audience (GET /scheduler/readiness/entry). */
export const AUDIENCE_UIDS = [APP_UID.dailyReport, APP_UID.dailyTopic, APP_UID.lesson] as const;

export interface ReadinessQuery {
  from?: Date;
  to?: Date;
  states?: ReadinessState[];
}

const fieldError = (field: string, message: string) =>
  new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError' }] });

type OpenGroup = TargetGroup & {
  tags?: { documentId: string }[];
  playbook?: { documentId: string } | null;
  course?: { documentId: string } | null;
};
type RuleSchedule = PlanSchedule & { groups?: { documentId: string }[]; tags?: { documentId: string }[] };

/** The item a saved entry is the content of (null: not one whose audience is known, e.g. a lesson without a course). */
function entryItem(uid: string, doc: Record<string, unknown>, locale: string): EntryItem | null {
  if (uid === APP_UID.dailyReport && doc.date && doc.edition)
    return { kind: 'report', edition: String(doc.edition), date: String(doc.date), locale };
  if (uid === APP_UID.dailyTopic && doc.date) return { kind: 'topic', date: String(doc.date), locale };
  if (uid === APP_UID.lesson && typeof doc.day === 'number') {
    const course = (doc.course as { documentId?: string } | null)?.documentId ?? null;
    return course ? { kind: 'lesson', course, day: doc.day, locale } : null;
  }
  return null;
}

/**
 * Readiness of the content of every post planned or upcoming in a window (issue 16, first
 * step): which item each post needs (the pure readiness/ module), each distinct item looked
 * up once per request with compose's filters (published in the group's locale, else the
 * default locale; drafts), and one line per item with its groups.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService('delivery-store', strapi);

  /** Open groups (not closed: the planner gives them nothing) with what planning and lessons need, in one query. */
  async function openGroups(): Promise<OpenGroup[]> {
    return (await strapi.db.query(APP_UID.group).findMany({
      select: ['id', 'documentId', 'slug', 'name', 'timezone', 'locale', 'stage', 'platform', 'cohortStart', 'maxPostsPerHour'],
      where: { stage: { $ne: 'closed' } },
      populate: {
        quietHours: true,
        tags: { select: ['documentId'] },
        playbook: { select: ['documentId'] },
        course: { select: ['documentId'] },
      },
      orderBy: { slug: 'asc' },
    })) as OpenGroup[];
  }

  /** Planned rows due in [from, to] and what schedules and playbooks will plan there that has no row yet. */
  async function upcomingPosts(from: Date, to: Date): Promise<ReadinessPost[]> {
    const groups = await openGroups();
    const target = (g: OpenGroup) => ({
      slug: g.slug,
      timezone: g.timezone,
      locale: g.locale,
      cohortStart: g.cohortStart ?? null,
      course: g.course?.documentId ?? null,
    });
    const byId = new Map(groups.map((g) => [g.id, g]));
    const posts: ReadinessPost[] = [];
    const { rows } = await store().page({ statuses: ['planned'], from, to }, MAX_ROWS);
    for (const row of rows) {
      const group = byId.get(row.groupId);
      if (!group) continue; // a closed group: its rows are being cancelled
      posts.push({ source: row.source, group: target(group), scheduledFor: row.scheduledFor, dueAt: row.dueAt, localTime: row.localTime });
    }

    // Rows already made (any state: a sent or skipped post is not upcoming) are not planned again.
    // Quiet hours and the hourly cap move a row by hours, so a day either side covers them.
    const known = await store().keys({ from: new Date(from.getTime() - 24 * HOUR), to: new Date(to.getTime() + 24 * HOUR) });
    const schedules = (await strapi.db.query(SCHEDULE_UID).findMany({
      where: { active: true },
      populate: { groups: { select: ['documentId'] }, tags: { select: ['documentId'] } },
    })) as RuleSchedule[];
    const groupPlan = getService('group-plan', strapi);
    const run = { occurrences: new Map(), playbooks: new Map() };
    for (const group of groups) {
      const tagIds = new Set((group.tags ?? []).map((t) => t.documentId));
      const mine = schedules.filter(
        (s) => (s.groups ?? []).some((g) => g.documentId === group.documentId) || (s.tags ?? []).some((t) => tagIds.has(t.documentId))
      );
      let planned;
      try {
        planned = await groupPlan.plan(group, from, to, {
          ...run,
          schedules: mine,
          playbookDocumentId: group.playbook?.documentId ?? null,
        });
      } catch (err) {
        // As the planner does: one group's broken plan does not hide every other group's.
        strapi.log.error(`[scheduler] readiness: planning ${group.slug} failed: ${(err as Error).message}`);
        continue;
      }
      for (const p of planned) {
        if (known.has(p.key) || !p.sendAt) continue;
        const dueAt = new Date(p.sendAt.utc);
        if (dueAt < from || dueAt > to) continue;
        posts.push({ source: p.source, group: target(group), scheduledFor: new Date(p.occurrence.utc), dueAt, localTime: p.localTime });
      }
    }
    return posts;
  }

  /**
   * The published and draft versions of the documents matching `filters` in each locale,
   * by `keyOf` (null: the document does not count). Two queries per locale, whatever the
   * number of posts or groups that need them.
   */
  async function versionsOf(
    uid: string,
    filters: Record<string, unknown>,
    locales: string[],
    keyOf: (doc: FoundDoc) => string | null,
    select: { fields?: string[]; populate?: Record<string, unknown> } = {}
  ): Promise<Map<string, Versions>> {
    const found = new Map<string, Versions>();
    for (const status of ['published', 'draft'] as const) {
      for (const locale of locales) {
        const docs = await documentsOf(strapi, uid).findMany({ filters, locale, status, ...select });
        for (const raw of docs) {
          const doc = { ...raw, uid, documentId: String(raw.documentId) } as FoundDoc;
          const key = keyOf(doc);
          if (key === null) continue;
          const versions = found.get(key) ?? { published: {}, draft: {} };
          versions[status][locale] ??= doc;
          found.set(key, versions);
        }
      }
    }
    return found;
  }

  /**
   * Planned publishes of the entries these versions hold as drafts (one query), by
   * `uid|documentId|locale`, the earliest first: an item's publication is its draft's.
   */
  async function scheduledPublications(all: Map<string, Versions>[]): Promise<Map<string, ScheduledPublication>> {
    const entries = all.flatMap((m) => [...m.values()].flatMap((v) => Object.values(v.draft).filter((d): d is FoundDoc => Boolean(d))));
    const out = new Map<string, ScheduledPublication>();
    for (const p of await getService('publications-store', strapi).plannedPublishes(entries)) {
      const key = `${p.uid}|${p.documentId}|${p.locale ?? ''}`;
      if (!out.has(key)) out.set(key, { locale: p.locale ?? '', at: p.at, entry: { uid: p.uid, documentId: p.documentId } });
    }
    return out;
  }

  /** The item's scheduled publication: its draft's in its locale, else in the default locale. */
  function scheduledOf(scheduled: Map<string, ScheduledPublication>, versions: Versions | undefined, locales: string[]) {
    for (const l of locales) {
      const doc = versions?.draft[l];
      const found = doc && scheduled.get(`${doc.uid}|${doc.documentId}|${l}`);
      if (found) return found;
    }
    return null;
  }

  /** Every distinct item looked up once: a few queries per content type, then each item decided. */
  async function decideAll(items: ItemPosts[]): Promise<Decision[]> {
    const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
    const locales = [...new Set([...items.map((i) => i.item.locale), defaultLocale])];
    const needs = items.map((i) => i.item.need);
    const reportKeys = new Set<string>();
    const topicDates = new Set<string>();
    const courses = new Set<string>();
    const days = new Set<number>();
    let welcome = false;
    for (const need of needs) {
      if (need.kind === 'report') reportKeys.add(`${need.edition}|${need.date}`);
      if (need.kind === 'topic') topicDates.add(need.date);
      if (need.kind === 'lesson' || need.kind === 'lesson-reminder') {
        courses.add(need.course);
        days.add(need.day);
      }
      if (need.kind === 'welcome-rules') welcome = true;
    }
    const none = new Map<string, Versions>();
    const reports = reportKeys.size
      ? await versionsOf(
          APP_UID.dailyReport,
          {
            date: { $in: [...new Set([...reportKeys].map((k) => k.split('|')[1]))] },
            edition: { $in: [...new Set([...reportKeys].map((k) => k.split('|')[0]))] },
          },
          locales,
          (d) => `${d.edition}|${d.date}`,
          { fields: ['date', 'edition'] }
        )
      : none;
    const topics = topicDates.size
      ? await versionsOf(APP_UID.dailyTopic, { date: { $in: [...topicDates] } }, locales, (d) => String(d.date), { fields: ['date'] })
      : none;
    const courseVersions = courses.size
      ? await versionsOf(APP_UID.course, { documentId: { $in: [...courses] } }, locales, (d) => d.documentId, {
          fields: ['slug', 'classTime'],
          populate: { reminders: true },
        })
      : none;
    const lessons = courses.size
      ? await versionsOf(
          APP_UID.lesson,
          { course: { documentId: { $in: [...courses] } }, day: { $in: [...days] } },
          locales,
          (d) => {
            const course = (d.course as { documentId?: string } | null)?.documentId;
            return course ? `${course}|${d.day}` : null;
          },
          { fields: ['day', 'classTime'], populate: { course: { fields: ['documentId'] } } }
        )
      : none;
    const scripts = welcome
      ? await versionsOf(
          APP_UID.welcomeScript,
          { channel: { id: { $null: true } }, group: { id: { $null: true } } },
          locales,
          () => 'default',
          { fields: ['rules'] }
        )
      : none;
    const scheduled = await scheduledPublications([reports, topics, courseVersions, lessons, scripts]);

    return items.map(({ item, firstDue }) => {
      const { need, locale } = item;
      const at = (versions: Versions | undefined, what: string) =>
        decide(versions ?? NO_VERSIONS, locale, defaultLocale, what, firstDue, scheduledOf(scheduled, versions, [locale, defaultLocale]));
      switch (need.kind) {
        case 'none':
          return alwaysReady(locale);
        case 'impossible':
          return impossible(locale, need.reason);
        case 'report':
          return at(reports.get(`${need.edition}|${need.date}`), itemLabel(need));
        case 'topic':
          return at(topics.get(need.date), itemLabel(need));
        case 'welcome-rules': {
          // Compose posts the rules of the script it finds first: without rules it skips (no further fallback).
          const found = at(scripts.get('default'), itemLabel(need));
          const script = scripts.get('default')?.published[found.locale];
          if (found.state === 'ready' && !String(script?.rules ?? '').trim())
            return { ...found, state: 'missing' as const, reason: `the default welcome script in ${found.locale} has no rules` };
          return found;
        }
        case 'lesson':
        case 'lesson-reminder': {
          const courseV = courseVersions.get(need.course) ?? NO_VERSIONS;
          const anyCourse = [...Object.values(courseV.published), ...Object.values(courseV.draft)].find(Boolean);
          const label = String(anyCourse?.slug ?? need.course);
          const course = decide(
            courseV,
            locale,
            defaultLocale,
            `course ${label}`,
            firstDue,
            scheduledOf(scheduled, courseV, [locale, defaultLocale])
          );
          const lessonV = lessons.get(`${need.course}|${need.day}`);
          let lesson = decideLesson(course, () => at(lessonV, itemLabel(need, label)));
          // A published lesson relates to its course's published version in the same locale only.
          if (lesson.state === 'draft' && lesson.locale === locale && course.fallbackFrom)
            lesson = { ...lesson, reason: `${lesson.reason} (a published lesson needs course ${label} published in ${locale} too)` };
          if (need.kind === 'lesson') return lesson;
          const courseDoc = courseV.published[course.locale];
          const lessonDoc = lessonV?.published[lesson.locale];
          const found =
            lesson.state === 'ready' && courseDoc && lessonDoc
              ? {
                  classTime: String(lessonDoc.classTime ?? courseDoc.classTime ?? '20:00').slice(0, 5),
                  reminders: ((courseDoc.reminders as unknown[] | null) ?? []).length,
                  courseLabel: label,
                }
              : null;
          return decideReminder(lesson, found, need.time);
        }
      }
    });
  }

  /** Every line of [max(from, now), to] with its groups' first due instants, unsorted. */
  async function compute(from: Date, to: Date, now: Date) {
    const start = from > now ? from : now;
    const items = to < start ? [] : groupByItem(await upcomingPosts(start, to));
    const decisions = await decideAll(items);
    return { start, rows: items.map((item, i) => ({ line: toLine(item, decisions[i]), groupDue: item.groupDue })) };
  }

  const api = {
    /**
     * One line per content item needed by posts due in [from, to] (default now … now + 48 h,
     * at most 14 days; what is already due is not upcoming), sorted by first due instant.
     */
    async list(q: ReadinessQuery = {}) {
      const now = getService('clock', strapi).now();
      const from = q.from ?? now;
      const to = q.to ?? new Date(from.getTime() + DEFAULT_READINESS_HOURS * HOUR);
      if (from > to) throw fieldError(q.from ? 'from' : 'to', q.from ? 'must not be after to' : 'must not be before now');
      if (to.getTime() - from.getTime() > MAX_READINESS_DAYS * 24 * HOUR)
        throw fieldError('to', `must be at most ${MAX_READINESS_DAYS} days after from`);
      const { start, rows } = await compute(from, to, now);
      const lines = sortLines(rows.map((r) => r.line)).filter((l) => !q.states?.length || q.states.includes(l.state));
      return { data: lines, meta: { from: start.toISOString(), to: to.toISOString(), total: lines.length } };
    },

    /**
     * Who gets one entry in the next 14 days: the lines of the item it is (its draft counts:
     * the audience is known before it is published), and their groups with name, zone and
     * first due instant. An entry not saved in `locale` yet has none.
     */
    async forEntry(q: { uid: string; documentId: string; locale: string }) {
      const doc = await documentsOf(strapi, q.uid).findOne({
        documentId: q.documentId,
        locale: q.locale,
        status: 'draft',
        ...(q.uid === APP_UID.lesson ? { fields: ['day'], populate: { course: { fields: ['documentId'] } } } : {}),
      });
      const item = doc ? entryItem(q.uid, doc, q.locale) : null;
      if (!item) return { data: { lines: [], groups: [] } };
      const now = getService('clock', strapi).now();
      const { rows } = await compute(now, new Date(now.getTime() + MAX_READINESS_DAYS * 24 * HOUR), now);
      const all = rows.map((r) => r.line);
      const matched = new Set(linesForEntry(all, item));
      const mine = rows.filter((r) => matched.has(r.line));
      const lines = sortLines(mine.map((r) => r.line));
      // Each group's own first post (a line's firstDue is its earliest group's).
      const firstDue = new Map<string, string>();
      for (const { groupDue } of mine)
        for (const [slug, due] of Object.entries(groupDue)) if (!firstDue.has(slug) || due < firstDue.get(slug)!) firstDue.set(slug, due);
      const found = firstDue.size
        ? ((await strapi.db.query(APP_UID.group).findMany({
            select: ['slug', 'name', 'timezone'],
            where: { slug: { $in: [...firstDue.keys()] } },
          })) as { slug: string; name: string; timezone: string }[])
        : [];
      const groups = found
        .map((g) => ({ slug: g.slug, name: g.name, timezone: g.timezone, firstDue: firstDue.get(g.slug)! }))
        .sort((a, b) => a.firstDue.localeCompare(b.firstDue) || a.slug.localeCompare(b.slug));
      return { data: { lines, groups } };
    },
  };
  return api;
};
