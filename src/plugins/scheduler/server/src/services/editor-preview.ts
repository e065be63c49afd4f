import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { APP_UID, SCHEDULE_UID } from '../constants';
import { scheduleOccurrences, scheduleRecurrence } from '../planning/schedule-recurrence';
import { KNOWN_PLACEHOLDERS, render } from '../rendering';
import { previews } from '../platforms/registry';
import { lessonMarkdown, reportMarkdown, topicMarkdown, welcomeMarkdown } from '../composing/markdown';
import { FALLBACKS, LABELS } from './compose';
import { asValidationError, occurrenceView } from './schedule';
import { getService } from '../utils/get-service';
import type { Doc } from '../utils/documents';
import type { TargetGroup } from './targets';

/** Relations as the admin's form holds them: the saved list is changed by connect / disconnect. */
export interface RelationEdit {
  connect?: string[];
  disconnect?: string[];
}

export interface ScheduleDraft {
  documentId?: string | null;
  rule: string;
  timezone?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  exceptions?: unknown;
  quietHours?: 'defer' | 'skip' | null;
  calendar?: string | null;
  groups?: RelationEdit | null;
  tags?: RelationEdit | null;
  count?: number | null;
}

/** The content types whose edit view shows the renditions panel, and how each becomes markdown. */
export const PREVIEW_MODELS = {
  [APP_UID.dailyReport]: (d: Doc) => reportMarkdown(d),
  [APP_UID.dailyTopic]: (d: Doc) => topicMarkdown(d),
  [APP_UID.lesson]: (d: Doc, locale: string) => lessonMarkdown(d, LABELS[locale] ?? LABELS.en),
  [APP_UID.welcomeScript]: (d: Doc) => welcomeMarkdown(d),
} as const;
export type PreviewModel = keyof typeof PREVIEW_MODELS;

const applyEdit = (saved: string[], edit?: RelationEdit | null) => {
  const out = new Set(saved);
  for (const id of edit?.disconnect ?? []) out.delete(id);
  for (const id of edit?.connect ?? []) out.add(id);
  return [...out];
};

/**
 * Live previews for the admin's edit views, computed from the unsaved form: a
 * schedule's next occurrences per target group, and an entry's renditions per platform.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async schedule(draft: ScheduleDraft) {
    let recurrence;
    try {
      recurrence = scheduleRecurrence(draft, draft.timezone || 'UTC');
    } catch (err) {
      return asValidationError(err);
    }

    let savedGroups: string[] = [];
    let savedTags: string[] = [];
    if (draft.documentId) {
      const saved = (await strapi.db.query(SCHEDULE_UID).findOne({
        where: { documentId: draft.documentId },
        populate: { groups: { select: ['documentId'] }, tags: { select: ['documentId'] } },
      })) as { groups?: { documentId: string }[]; tags?: { documentId: string }[] } | null;
      savedGroups = (saved?.groups ?? []).map((g) => g.documentId);
      savedTags = (saved?.tags ?? []).map((t) => t.documentId);
    }
    const groups = applyEdit(savedGroups, draft.groups).map((documentId) => ({ documentId }));
    const tags = applyEdit(savedTags, draft.tags).map((documentId) => ({ documentId }));
    const targets: TargetGroup[] = await getService('targets', strapi).forSchedule({ groups, tags });

    const now = getService('clock', strapi).now();
    const count = draft.count ?? 10;
    // The next posts may be years apart (a lunar festival): look ten years ahead for them;
    // China's calendar is summed up for the coming year.
    const horizon = new Date(now.getTime() + 3660 * 86_400_000);
    const year = new Date(now.getTime() + 366 * 86_400_000);
    const next = (zone: string) => {
      try {
        return scheduleOccurrences(draft, zone, now, horizon, count);
      } catch (err) {
        return asValidationError(err);
      }
    };
    // What China's calendar changes over the coming year, per zone (local days differ).
    const reports = new Map<string, ReturnType<typeof recurrence.calendarReport>>();
    const calendarOf = (zone: string) => {
      let report = reports.get(zone);
      if (!report) reports.set(zone, (report = scheduleRecurrence(draft, zone).calendarReport(now, year, 30)));
      return report;
    };

    const perGroup = targets.map((group) => {
      const zone = draft.timezone || group.timezone;
      return {
        group: { documentId: group.documentId, slug: group.slug, name: group.name, timezone: group.timezone },
        timezone: zone,
        occurrences: next(zone).map((o) => occurrenceView(o, group, draft.quietHours ?? 'defer')),
        ...calendarOf(zone),
      };
    });
    // No target yet: show the schedule's own zone (or UTC) so the rule can still be checked.
    const fallbackZone = draft.timezone || 'UTC';
    return {
      description: recurrence.describe(),
      timezone: draft.timezone || null,
      calendar: recurrence.calendar,
      targets: perGroup,
      withoutTargets: perGroup.length
        ? null
        : {
            timezone: fallbackZone,
            occurrences: next(fallbackZone).map((o) => ({ utc: o.utc, local: o.local, quiet: null })),
            ...calendarOf(fallbackZone),
          },
    };
  },

  async content(input: { model: PreviewModel; data: Doc; group?: string | null; documentId?: string | null; locale?: string | null }) {
    const toMarkdown = PREVIEW_MODELS[input.model];
    const targetsService = getService('targets', strapi);
    const groups = (await strapi.db
      .query(APP_UID.group)
      .findMany({ select: ['slug', 'name', 'timezone', 'locale', 'platform'], orderBy: { name: 'asc' } })) as {
      slug: string;
      name: string;
      locale: string;
      platform: string;
    }[];
    if (groups.length === 0) throw new errors.NotFoundError('There is no group yet: create one to preview renditions for it');
    const slug = input.group ?? (groups.find((g) => g.locale === input.locale) ?? groups[0]).slug;
    const group = await targetsService.bySlug(slug);
    if (!group) throw new errors.NotFoundError(`No group with slug ${slug}`);

    const locale = input.locale || group.locale;
    const data = input.data ?? {};
    const dateIso =
      typeof data.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(data.date)
        ? data.date.slice(0, 10)
        : DateTime.now().setZone(group.timezone).toISODate();
    const at = DateTime.fromISO(`${dateIso}T12:00`, { zone: group.timezone });
    const values: Record<string, string> = {
      'group.name': group.name,
      date: at.setLocale(group.locale === 'zh-Hans' ? 'zh-CN' : 'en').toLocaleString(DateTime.DATE_FULL),
    };
    if (input.model === APP_UID.lesson) {
      const course: { title?: string; classTime?: string } | null = input.documentId
        ? (
            await strapi.db
              .query(APP_UID.lesson)
              .findOne({ where: { documentId: input.documentId }, populate: { course: { select: ['title', 'classTime'] } } })
          )?.course
        : null;
      Object.assign(values, {
        'course.title': course?.title ?? '',
        'lesson.day': data.day != null ? String(data.day) : '',
        'lesson.title': data.title ?? '',
        'class.time': String(data.classTime ?? course?.classTime ?? '20:00').slice(0, 5),
      });
    }

    const markdown = toMarkdown(data, locale);
    const fallbacks = FALLBACKS[group.locale] ?? FALLBACKS.en;
    // One row per platform preview (registry order), each rendered at that platform's limit.
    const rows = previews().map((preview) => ({
      preview,
      r: render(markdown, preview.format, { values, fallbacks, limit: preview.limit }),
    }));
    const renditions = rows.map(({ preview, r }) => {
      const size = preview.limit.unit === 'bytes' ? r.size.bytes : r.size.chars;
      return {
        platform: preview.id,
        labels: preview.labels,
        format: preview.format,
        body: r.body,
        parts: r.parts.length,
        size,
        limit: { unit: preview.limit.unit, max: preview.limit.max },
        overLimit: size > preview.limit.max,
      };
    });
    const unknown = rows[0]?.r.unknown ?? render(markdown, 'text', { values, fallbacks }).unknown;
    return {
      group: { slug: group.slug, name: group.name, locale: group.locale, platform: group.platform, timezone: group.timezone },
      groups: groups.map((g) => ({ slug: g.slug, name: g.name, platform: g.platform })),
      empty: markdown.trim() === '',
      unknownPlaceholders: unknown,
      knownPlaceholders: [...KNOWN_PLACEHOLDERS],
      renditions,
    };
  },
});
