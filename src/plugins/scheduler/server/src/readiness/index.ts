/**
 * Content readiness of upcoming posts: which content item each post needs, whether that
 * item is ready, scheduled, a draft or missing, and one line per item however many groups
 * need it. Pure: no Strapi import; services/readiness.ts does the lookups.
 */
import { cohortDay, localDate, minutesUntil } from '../composing/cohort';

export const READINESS_STATES = ['ready', 'scheduled', 'draft', 'missing'] as const;
export type ReadinessState = (typeof READINESS_STATES)[number];

export interface ReadinessGroup {
  slug: string;
  timezone: string;
  locale: string;
  cohortStart: string | null;
  /** The documentId of the group's course, if any. */
  course: string | null;
}

/** A post planned or upcoming: its source, its group, its occurrence and when it is due. */
export interface ReadinessPost {
  source: string;
  group: ReadinessGroup;
  /** The occurrence (its local date decides the report, topic and cohort day, as in compose). */
  scheduledFor: Date;
  /** When it goes out (after quiet hours and the hourly cap). */
  dueAt: Date;
  /** Local time of day (HH:mm) of the post, for lesson reminders. */
  localTime: string | null;
}

/** What content a post needs (the lookup the service makes for it). */
export type Need =
  | { kind: 'none' }
  | { kind: 'report'; edition: 'morning' | 'evening'; date: string }
  | { kind: 'topic'; date: string }
  | { kind: 'lesson'; course: string; day: number }
  | { kind: 'lesson-reminder'; course: string; day: number; time: string }
  | { kind: 'welcome-rules' }
  /** Nothing can be looked up (no cohortStart, no course): missing for this reason. */
  | { kind: 'impossible'; reason: string };

export interface Item {
  /** Posts with the same key need the same content: one line. */
  key: string;
  source: string;
  /** The local date of the post in its group's zone. */
  date: string;
  /** The locale the content is needed in (the group's). */
  locale: string;
  need: Need;
}

/** Sources whose content is the post itself (schedule text, notices) and any source not known here. */
const needOf = (post: ReadinessPost, date: string): Need => {
  const { group } = post;
  switch (post.source) {
    case 'morning-report':
    case 'evening-report':
      return { kind: 'report', edition: post.source === 'morning-report' ? 'morning' : 'evening', date };
    case 'daily-topic':
      return { kind: 'topic', date };
    case 'lesson':
    case 'lesson-reminder': {
      if (!group.cohortStart) return { kind: 'impossible', reason: `group ${group.slug} has no cohortStart` };
      if (!group.course) return { kind: 'impossible', reason: `group ${group.slug} has no course` };
      const day = cohortDay(post.scheduledFor, group.timezone, group.cohortStart);
      if (post.source === 'lesson') return { kind: 'lesson', course: group.course, day };
      return { kind: 'lesson-reminder', course: group.course, day, time: (post.localTime ?? '00:00').slice(0, 5) };
    }
    case 'welcome-rules':
      return { kind: 'welcome-rules' };
    default:
      // text, notice, and sources added later: the post carries its content.
      return { kind: 'none' };
  }
};

/** The item a post needs: source + local date + locale (+ course and cohort day for lessons, + time for reminders). */
export function itemOf(post: ReadinessPost): Item {
  const date = localDate(post.scheduledFor, post.group.timezone);
  const need = needOf(post, date);
  const parts = [post.source, date, post.group.locale];
  if (need.kind === 'lesson' || need.kind === 'lesson-reminder') parts.push(need.course, String(need.day));
  if (need.kind === 'lesson-reminder') parts.push(need.time);
  // A reason that belongs to one group (no course) is that group's own line.
  if (need.kind === 'impossible') parts.push(`group:${post.group.slug}`);
  return { key: parts.join('|'), source: post.source, date, locale: post.group.locale, need };
}

export interface EntryRef {
  uid: string;
  documentId: string;
}

/** A document as found (published or draft) in one locale, with the fields a decision reads. */
export type FoundDoc = EntryRef & Record<string, unknown>;

/** What exists of one content item: its published and draft versions by locale. */
export interface Versions {
  published: Record<string, FoundDoc | undefined>;
  draft: Record<string, FoundDoc | undefined>;
}

export const NO_VERSIONS: Versions = { published: {}, draft: {} };

/** The earliest planned publish of the item's entry in one of its locales (storage/publications.ts). */
export interface ScheduledPublication {
  locale: string;
  at: Date;
  entry: EntryRef;
}

export interface Decision {
  state: ReadinessState;
  /** Where the content was found, or where it is needed when missing. */
  locale: string;
  /** The group's locale when the content was found only in the default locale. */
  fallbackFrom: string | null;
  entry: EntryRef | null;
  /** Why it is not ready (null when ready). */
  reason: string | null;
  /** Not ready in time: its entry is scheduled to be published only after the first post (the instant). */
  publishesAfterDue?: string;
}

const ref = (doc: FoundDoc): EntryRef => ({ uid: doc.uid, documentId: doc.documentId });

/**
 * The state of one item in `locale`, falling back to `defaultLocale` the way compose does:
 * published in the locale, else in the default locale (ready, `fallbackFrom`); else a
 * publication scheduled no later than the first post (scheduled); else a draft in one of
 * them (draft: Strapi keeps a draft row for every document, so a draft counts only when no
 * published version exists); else missing. `what` names the item in reasons.
 */
export function decide(
  versions: Versions,
  locale: string,
  defaultLocale: string,
  what: string,
  firstDue: Date,
  scheduled: ScheduledPublication | null = null
): Decision {
  const locales = [...new Set([locale, defaultLocale])];
  for (const l of locales) {
    const doc = versions.published[l];
    if (doc) return { state: 'ready', locale: l, fallbackFrom: l === locale ? null : locale, entry: ref(doc), reason: null };
  }
  if (scheduled && locales.includes(scheduled.locale) && scheduled.at <= firstDue) {
    return {
      state: 'scheduled',
      locale: scheduled.locale,
      fallbackFrom: scheduled.locale === locale ? null : locale,
      entry: scheduled.entry,
      reason: `${what} is scheduled to be published at ${scheduled.at.toISOString()} in ${scheduled.locale}`,
    };
  }
  // Scheduled, but too late for the first post: the state it has now, flagged.
  const late = scheduled && locales.includes(scheduled.locale) ? { publishesAfterDue: scheduled.at.toISOString() } : {};
  for (const l of locales) {
    const doc = versions.draft[l];
    if (doc)
      return {
        state: 'draft',
        locale: l,
        fallbackFrom: l === locale ? null : locale,
        entry: ref(doc),
        reason: `${what} is only a draft in ${l}`,
        ...late,
      };
  }
  return { state: 'missing', locale, fallbackFrom: null, entry: null, reason: `no ${what} in ${locales.join(' or ')}`, ...late };
}

/** A decision for an item whose content can never be found as things are (no course, no cohortStart). */
export const impossible = (locale: string, reason: string): Decision => ({
  state: 'missing',
  locale,
  fallbackFrom: null,
  entry: null,
  reason,
});

export const alwaysReady = (locale: string): Decision => ({ state: 'ready', locale, fallbackFrom: null, entry: null, reason: null });

/**
 * A lesson needs its course published (compose reads the course first): when the course is
 * not ready, the lesson takes the course's state and reason.
 */
export function decideLesson(course: Decision, lesson: () => Decision): Decision {
  if (course.state !== 'ready') return { ...course, reason: `${course.reason} (the lesson needs it)` };
  return lesson();
}

/**
 * A lesson reminder needs the lesson, and a course reminder for the minutes before class
 * (compose's pickReminder takes the closest one, so any reminder fits a time before class).
 */
export function decideReminder(
  lesson: Decision,
  found: { classTime: string; reminders: number; courseLabel: string } | null,
  time: string
): Decision {
  if (lesson.state !== 'ready' || !found) return { ...lesson, reason: `${lesson.reason} (the reminder needs it)` };
  const missing = (reason: string): Decision => ({ ...lesson, state: 'missing', reason });
  if (minutesUntil(time, found.classTime) < 0) return missing(`reminder at ${time} is after class time ${found.classTime}`);
  if (found.reminders === 0) return missing(`course ${found.courseLabel} has no reminders`);
  return lesson;
}

/** Posts that need one item: the groups, how many posts, and the first due instant. */
export interface ItemPosts {
  item: Item;
  groups: string[];
  posts: number;
  firstDue: Date;
  /** Each group's first due instant (ISO): who gets an entry when. */
  groupDue: Record<string, string>;
}

export function groupByItem(posts: ReadinessPost[]): ItemPosts[] {
  const byKey = new Map<string, { item: Item; groups: Set<string>; posts: number; firstDue: Date; groupDue: Record<string, string> }>();
  for (const post of posts) {
    const item = itemOf(post);
    const slug = post.group.slug;
    const due = post.dueAt.toISOString();
    const entry = byKey.get(item.key);
    if (!entry) {
      byKey.set(item.key, { item, groups: new Set([slug]), posts: 1, firstDue: post.dueAt, groupDue: { [slug]: due } });
      continue;
    }
    entry.groups.add(slug);
    entry.posts += 1;
    if (post.dueAt < entry.firstDue) entry.firstDue = post.dueAt;
    if (!entry.groupDue[slug] || due < entry.groupDue[slug]) entry.groupDue[slug] = due;
  }
  return [...byKey.values()].map((e) => ({ ...e, groups: [...e.groups].sort() }));
}

export interface ReadinessLine {
  source: string;
  date: string;
  locale: string;
  state: ReadinessState;
  firstDue: string;
  groups: string[];
  posts: number;
  fallbackFrom: string | null;
  entry: EntryRef | null;
  reason: string | null;
  /** Its entry is scheduled to be published only after the first post is due (then state is draft or missing). */
  publishesAfterDue?: string;
  /** Lessons and reminders: the course (documentId) and cohort day; reminders: the local time. */
  course?: string;
  day?: number;
  time?: string;
}

export function toLine(g: ItemPosts, d: Decision): ReadinessLine {
  const { need } = g.item;
  return {
    source: g.item.source,
    date: g.item.date,
    locale: d.locale,
    state: d.state,
    firstDue: g.firstDue.toISOString(),
    groups: g.groups,
    posts: g.posts,
    fallbackFrom: d.fallbackFrom,
    entry: d.entry,
    reason: d.reason,
    ...(d.publishesAfterDue ? { publishesAfterDue: d.publishesAfterDue } : {}),
    ...(need.kind === 'lesson' || need.kind === 'lesson-reminder' ? { course: need.course, day: need.day } : {}),
    ...(need.kind === 'lesson-reminder' ? { time: need.time } : {}),
  };
}

/** By first due instant, then source and locale (a stable order for lines due together). */
export const sortLines = (lines: ReadinessLine[]) =>
  [...lines].sort(
    (a, b) =>
      a.firstDue.localeCompare(b.firstDue) ||
      a.source.localeCompare(b.source) ||
      a.locale.localeCompare(b.locale) ||
      (a.fallbackFrom ?? '').localeCompare(b.fallbackFrom ?? '') ||
      a.date.localeCompare(b.date)
  );

/** How an item is named in reasons ("morning report for 2026-12-02"). */
export function itemLabel(need: Need, courseLabel?: string): string {
  switch (need.kind) {
    case 'report':
      return `${need.edition} report for ${need.date}`;
    case 'topic':
      return `daily topic for ${need.date}`;
    case 'lesson':
    case 'lesson-reminder':
      return `lesson for day ${need.day} of ${courseLabel ?? need.course}`;
    case 'welcome-rules':
      return 'default welcome script';
    default:
      return 'content';
  }
}

/** An entry an editor has open, as readiness reads it: which item it is the content of. */
export type EntryItem =
  | { kind: 'report'; edition: string; date: string; locale: string }
  | { kind: 'topic'; date: string; locale: string }
  | { kind: 'lesson'; course: string | null; day: number; locale: string };

/**
 * The lines whose posts get this entry (or will, once published): the entry itself, or the
 * item it is (a report's date and edition, a topic's date, a lesson's course and day) for
 * groups in its locale, or groups that fall back to its locale. Lesson reminders are not the
 * lesson's audience: they post a course reminder.
 */
export function linesForEntry(lines: ReadinessLine[], entry: EntryItem): ReadinessLine[] {
  const sameItem = (l: ReadinessLine) => {
    switch (entry.kind) {
      case 'report':
        return l.source === `${entry.edition}-report` && l.date === entry.date;
      case 'topic':
        return l.source === 'daily-topic' && l.date === entry.date;
      case 'lesson':
        return l.source === 'lesson' && entry.course !== null && l.course === entry.course && l.day === entry.day;
    }
  };
  // By item, not by `entry`: a draft whose group's line is ready by fallback is still theirs once published.
  return lines.filter((l) => sameItem(l) && (l.locale === entry.locale || (l.fallbackFrom ?? l.locale) === entry.locale));
}
