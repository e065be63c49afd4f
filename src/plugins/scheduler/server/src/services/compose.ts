import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { APP_UID, type RowSource } from '../constants';
import { fillTemplate, prepareTemplate, type Rendition, type RenditionFormat, type Template } from '../rendering';
import { everyFormat } from '../platforms/registry';
import type { RenditionSpec } from '../platforms/types';
import type { DeliveryPatch, DeliveryRow } from '../delivery/types';
import { decideMissing } from '../delivery/when-missing';
import { cohortDay, formatDate, localDate, minutesUntil, pickReminder } from '../composing/cohort';
import { lessonMarkdown, reportMarkdown, topicMarkdown, welcomeMarkdown } from '../composing/markdown';
import type { TargetGroup } from './targets';
import { documentsOf, type Doc } from '../utils/documents';
import { getService } from '../utils/get-service';

export type Composed =
  | {
      status: 'ok';
      source: RowSource;
      markdown: string;
      title: string | null;
      values: Record<string, string>;
      /** The renditions asked for (every format at its default limit unless the input says which). */
      renditions: Partial<Record<RenditionFormat, Rendition>>;
    }
  | { status: 'skipped'; source: RowSource; reason: string };

export interface ComposeInput {
  source: RowSource;
  group: TargetGroup & { course?: { documentId: string } | null };
  at: Date;
  /** Local time of day of the post (HH:mm), for lesson reminders. */
  localTime?: string;
  text?: string | null;
  title?: string | null;
  member?: { nickname?: string | null };
  channel?: { name?: string | null };
  /** Only these renditions, split to these limits (the dispatcher renders what the platform needs). */
  renditions?: RenditionSpec[];
}

export const LABELS: Record<string, { homework: string; live: string }> = {
  en: { homework: 'Homework', live: 'Live class' },
  'zh-Hans': { homework: '作业', live: '直播间' },
};
export const FALLBACKS: Record<string, Record<string, string>> = {
  en: { 'member.nickname': 'friend' },
  'zh-Hans': { 'member.nickname': '新朋友' },
};

/** Most render templates kept: one post goes to many groups and recurs, so the same input comes back. */
const RENDER_CACHE_SIZE = 500;

/** Content lookups kept (a document found by type, filters and locale): least recently used go first. */
const LOOKUP_CACHE_SIZE = 1000;
/** What the lookups read: a create, edit, publish or delete in any of these tables empties the lookup cache. */
const LOOKUP_UIDS = [
  APP_UID.dailyReport,
  APP_UID.dailyTopic,
  APP_UID.lesson,
  APP_UID.course,
  APP_UID.welcomeScript,
  // Welcome scripts are chosen by their channel and group relations; deleting either unlinks them.
  APP_UID.channel,
  APP_UID.group,
];

/**
 * Composes a post from a source for a group at an instant: finds the published content
 * (group locale, falling back to the default locale), builds its markdown, fills the
 * placeholders and renders every format. Missing content is a skip with a reason.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * Renditions are a pure function of (markdown, placeholder values, fallbacks, renditions asked for).
   * The markdown is lexed and rendered once per (markdown, fallbacks, renditions) as a template
   * (rendering/template.ts); each group only fills its values in, so a report sent to 500 groups
   * is rendered once, not 500 times. Least recently used templates go first.
   */
  const renderCache = new Map<string, Template>();
  function renderCached(markdown: string, values: Record<string, string>, fallbacks: Record<string, string>, specs: RenditionSpec[]) {
    const key = JSON.stringify([markdown, fallbacks, specs]);
    let hit = renderCache.get(key);
    if (hit) {
      renderCache.delete(key);
    } else {
      const formats = specs.map((r) => r.format);
      const limits = Object.fromEntries(specs.filter((r) => r.limit).map((r) => [r.format, r.limit]));
      hit = prepareTemplate(markdown, { fallbacks, formats, limits });
      if (renderCache.size >= RENDER_CACHE_SIZE) renderCache.delete(renderCache.keys().next().value as string);
    }
    renderCache.set(key, hit);
    return fillTemplate(hit, values);
  }

  const defaultLocale = async (): Promise<string> => strapi.plugin('i18n').service('locales').getDefaultLocale();

  /**
   * Content lookups, cached: one post goes to many groups and a day view composes the same
   * report, lesson or course again and again. Every compose (or one composeMany) first reads
   * the change marks of LOOKUP_UIDS in one statement (storage/change-marks.ts: row count and
   * last updatedAt, which move on every create, edit, publish, unpublish or delete, on any
   * instance) and the default locale; a moved mark empties the cache, and an entry loaded
   * under an older generation is never served. Results are shared: callers never mutate them.
   */
  const lookupCache = new Map<string, { generation: number; value: Promise<unknown> }>();
  let lookupMarks: string | null = null;
  let lookupGeneration = 0;
  /** A compose's (or composeMany's) check: made on its first lookup, at most once (text posts make none). */
  const lookupScope = new AsyncLocalStorage<() => Promise<{ defaultLocale: string }>>();
  const onceFresh = () => {
    let checked: Promise<{ defaultLocale: string }> | null = null;
    return () => (checked ??= freshLookups());
  };

  async function freshLookups(): Promise<{ defaultLocale: string }> {
    const [marks, locale] = await Promise.all([getService('change-marks', strapi).marks(LOOKUP_UIDS), defaultLocale()]);
    if (marks !== lookupMarks) {
      lookupCache.clear();
      lookupMarks = marks;
      lookupGeneration++;
    }
    return { defaultLocale: locale };
  }

  /** The check of the compose or composeMany under way (a fresh one outside of them). */
  const lookups = () => (lookupScope.getStore() ?? freshLookups)();

  function cachedLookup<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = lookupCache.get(key);
    if (hit && hit.generation === lookupGeneration) {
      lookupCache.delete(key);
      lookupCache.set(key, hit);
      return hit.value as Promise<T>;
    }
    const generation = lookupGeneration;
    const value = load();
    value.catch(() => {
      if (lookupCache.get(key)?.value === value) lookupCache.delete(key);
    });
    if (lookupCache.size >= LOOKUP_CACHE_SIZE) lookupCache.delete(lookupCache.keys().next().value as string);
    lookupCache.set(key, { generation, value });
    return value;
  }

  /** The first published document matching `filters` in the group's locale, else the default locale. */
  async function findLocalized(
    uid: string,
    filters: Record<string, unknown>,
    locale: string,
    populate?: Record<string, unknown>
  ): Promise<Doc | null> {
    const fallback = (await lookups()).defaultLocale;
    return cachedLookup(JSON.stringify(['doc', uid, filters, locale, fallback, populate ?? null]), async () => {
      const locales = [...new Set([locale, fallback])];
      for (const l of locales) {
        const doc = await documentsOf(strapi, uid).findFirst({ filters, locale: l, status: 'published', populate });
        if (doc) return doc;
      }
      return null;
    });
  }

  async function groupCourse(group: ComposeInput['group']) {
    let courseId = group.course?.documentId;
    if (!courseId) {
      await lookups();
      const row = await cachedLookup(JSON.stringify(['group-course', group.id]), () =>
        strapi.db.query(APP_UID.group).findOne({ where: { id: group.id }, populate: { course: { select: ['documentId'] } } })
      );
      courseId = row?.course?.documentId;
    }
    if (!courseId) return null;
    return findLocalized(APP_UID.course, { documentId: courseId }, group.locale, { reminders: true });
  }

  async function lessonOfDay(group: ComposeInput['group'], at: Date) {
    if (!group.cohortStart) return { reason: `group ${group.slug} has no cohortStart` };
    const course = await groupCourse(group);
    if (!course) return { reason: `group ${group.slug} has no published course` };
    const day = cohortDay(at, group.timezone, group.cohortStart);
    const lesson = await findLocalized(APP_UID.lesson, { day, course: { documentId: course.documentId } }, group.locale);
    if (!lesson) return { reason: `no published lesson for day ${day} of ${course.slug}`, course, day };
    return { course, lesson, day };
  }

  return {
    async compose(input: ComposeInput): Promise<Composed> {
      // One check of the content lookups' change marks per post (per batch in composeMany).
      if (!lookupScope.getStore()) return lookupScope.run(onceFresh(), () => this.compose(input));
      const { source, group, at } = input;
      const values: Record<string, string> = { 'group.name': group.name };
      if (input.member?.nickname) values['member.nickname'] = input.member.nickname;
      if (input.channel?.name) values['channel.name'] = input.channel.name;
      const skip = (reason: string): Composed => ({ status: 'skipped', source, reason });

      let markdown = '';
      let title: string | null = input.title ?? null;

      switch (source) {
        case 'morning-report':
        case 'evening-report': {
          const date = localDate(at, group.timezone);
          const edition = source === 'morning-report' ? 'morning' : 'evening';
          const report = await findLocalized(APP_UID.dailyReport, { date, edition }, group.locale, { items: true });
          if (!report) return skip(`no published ${edition} report for ${date}`);
          markdown = reportMarkdown(report);
          title = report.title ?? title;
          break;
        }
        case 'daily-topic': {
          const date = localDate(at, group.timezone);
          const topic = await findLocalized(APP_UID.dailyTopic, { date }, group.locale);
          if (!topic) return skip(`no published daily topic for ${date}`);
          markdown = topicMarkdown(topic);
          title = topic.title ?? title;
          break;
        }
        case 'lesson':
        case 'lesson-reminder': {
          const found = await lessonOfDay(group, at);
          if (!('lesson' in found) || !found.lesson) return skip(found.reason);
          const { course, lesson, day } = found;
          const classTime = String(lesson.classTime ?? course.classTime ?? '20:00').slice(0, 5);
          Object.assign(values, {
            'course.title': course.title ?? '',
            'lesson.day': String(day),
            'lesson.title': lesson.title ?? '',
            'class.time': classTime,
          });
          if (source === 'lesson') {
            markdown = lessonMarkdown(lesson, LABELS[group.locale] ?? LABELS.en);
            title = lesson.title ?? title;
          } else {
            const minutes = minutesUntil(input.localTime ?? '00:00', classTime);
            if (minutes < 0) return skip(`reminder at ${input.localTime} is after class time ${classTime}`);
            const reminder = pickReminder(course.reminders ?? [], minutes);
            if (!reminder) return skip(`course ${course.slug} has no reminders`);
            values.minutes = String(minutes);
            markdown = (reminder as { text?: string }).text ?? '';
          }
          break;
        }
        case 'welcome-rules': {
          const script = await findLocalized(
            APP_UID.welcomeScript,
            { channel: { id: { $null: true } }, group: { id: { $null: true } } },
            group.locale
          );
          if (!script?.rules) return skip('no published default welcome script with rules');
          markdown = script.rules;
          break;
        }
        // A notice's text is written in the team group's locale when it is raised (notices/texts.ts).
        case 'notice':
        case 'text': {
          markdown = input.text ?? '';
          break;
        }
      }

      if (!markdown.trim()) return skip(`the ${source} content is empty`);
      // The formatted date costs a locale-aware format per post: only when the text asks for it.
      if (/\{\{\s*date\s*\}\}/.test(markdown)) values.date = formatDate(at, group.timezone, group.locale);
      const fallbacks = FALLBACKS[group.locale] ?? FALLBACKS.en;
      return {
        status: 'ok',
        source,
        markdown,
        title,
        values,
        renditions: renderCached(markdown, values, fallbacks, input.renditions ?? everyFormat()),
      };
    },

    /** Several posts, in order, under one check of the lookups' change marks (a day view). */
    async composeMany(inputs: ComposeInput[]): Promise<Composed[]> {
      if (!inputs.length) return [];
      return lookupScope.run(onceFresh(), () => Promise.all(inputs.map((input) => this.compose(input))));
    },

    /** The post of a delivery row (as planned, queued or leased) for its group. */
    composeRow(row: DeliveryRow, group: ComposeInput['group'], renditions?: RenditionSpec[]): Promise<Composed> {
      return this.compose({
        source: row.source,
        group,
        at: row.scheduledFor,
        localTime: row.localTime ?? undefined,
        text: row.text,
        title: row.title,
        member: row.member ?? undefined,
        channel: row.member?.channelName ? { name: row.member.channelName } : undefined,
        renditions,
      });
    },

    /**
     * The post of a row about to be sent (dispatcher, bot lease), with the schedule's or
     * step's `whenMissing` applied when its content is missing (delivery/when-missing.ts):
     * either what to send (and what the row records: `missing` on every outcome,
     * `sentReason` once sent), or the patch that finishes the row now (skipped, or held:
     * planned again with a later dueAt, not an attempt).
     */
    async composeForSend(
      row: DeliveryRow,
      group: ComposeInput['group'],
      renditions: RenditionSpec[] | undefined,
      now: Date
    ): Promise<
      | { kind: 'send'; composed: Extract<Composed, { status: 'ok' }>; missing: DeliveryPatch; sentReason: string | null }
      | { kind: 'finish'; patch: DeliveryPatch }
    > {
      const composed = await this.composeRow(row, group, renditions);
      if (composed.status === 'ok') {
        const held = row.missingAction === 'held';
        return {
          kind: 'send',
          composed,
          missing: held ? { missingAction: 'held' } : {},
          sentReason: held ? 'sent after holding for its content' : null,
        };
      }
      const decision = decideMissing(row, composed.reason, now, row.scheduledFor);
      if (decision.action === 'skip')
        return { kind: 'finish', patch: { status: 'skipped', reason: decision.reason, missingAction: 'skipped' } };
      if (decision.action === 'hold') {
        // Not an attempt, and not the group's head for long: its dueAt moves on, the group's later posts go meanwhile.
        const until = DateTime.fromJSDate(decision.until, { zone: group.timezone || 'UTC' }).toFormat('HH:mm');
        return {
          kind: 'finish',
          patch: { status: 'planned', dueAt: decision.recheckAt, missingAction: 'held', reason: `held until ${until}: ${composed.reason}` },
        };
      }
      // The fallback text is composed as the row's own text post: placeholders filled and escaped alike.
      const fallback = await this.composeRow({ ...row, source: 'text', text: decision.text }, group, renditions);
      if (fallback.status === 'skipped')
        return { kind: 'finish', patch: { status: 'skipped', reason: decision.reason, missingAction: 'skipped' } };
      return {
        kind: 'send',
        composed: fallback,
        missing: { missingAction: 'fallback' },
        sentReason: `fallback text sent: ${decision.reason}`,
      };
    },

    welcomeMarkdown,
  };
};
