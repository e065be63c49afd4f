/**
 * Content readiness in the admin (issue 16): which entry a line opens (or which new entry,
 * with what filled in), how a line is dated, which calendar post a line marks, who gets an
 * entry. Pure (luxon only).
 */
import { DateTime } from 'luxon';

export type ReadinessState = 'ready' | 'scheduled' | 'draft' | 'missing';

/** A line of GET /scheduler/readiness (server/src/readiness: ReadinessLine). */
export interface ReadinessLine {
  source: string;
  date: string;
  locale: string;
  state: ReadinessState;
  firstDue: string;
  groups: string[];
  posts: number;
  fallbackFrom: string | null;
  entry: { uid: string; documentId: string } | null;
  reason: string | null;
  course?: string;
  day?: number;
  time?: string;
}

export const UIDS = {
  report: 'api::daily-report.daily-report',
  topic: 'api::daily-topic.daily-topic',
  lesson: 'api::lesson.lesson',
  course: 'api::course.course',
  welcome: 'api::welcome-script.welcome-script',
} as const;

/** The models whose edit view says who gets the entry. */
export const AUDIENCE_MODELS: readonly string[] = [UIDS.report, UIDS.topic, UIDS.lesson];

/** Fields a create view may be opened with (`?prefill=`): only these, never a relation. */
const PREFILL_FIELDS = ['date', 'edition', 'day'] as const;
export type Prefill = Partial<{ date: string; edition: string; day: number }>;

const editUrl = (uid: string, documentId: string, locale: string) =>
  `/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=${encodeURIComponent(locale)}`;

const createUrl = (uid: string, locale: string, prefill: Prefill = {}) => {
  const base = `/content-manager/collection-types/${uid}/create?plugins[i18n][locale]=${encodeURIComponent(locale)}`;
  return Object.keys(prefill).length ? `${base}&prefill=${encodeURIComponent(JSON.stringify(prefill))}` : base;
};

/**
 * Where a line's button goes (an admin path, without /admin), or null when there is nothing
 * to write (a text post, a group without a course). The entry when there is one; else a new
 * one in the line's locale with what the item is (a report's date and edition, a topic's
 * date, a lesson's day: its course is chosen by hand, a relation cannot be prefilled safely).
 * A reminder is written in its course.
 */
export function lineTarget(line: ReadinessLine): string | null {
  if (line.source === 'lesson-reminder' && line.course) return editUrl(UIDS.course, line.course, line.locale);
  if (line.entry) return editUrl(line.entry.uid, line.entry.documentId, line.locale);
  switch (line.source) {
    case 'morning-report':
    case 'evening-report':
      return createUrl(UIDS.report, line.locale, { date: line.date, edition: line.source.replace('-report', '') });
    case 'daily-topic':
      return createUrl(UIDS.topic, line.locale, { date: line.date });
    case 'lesson':
      if (!line.course || line.day === undefined) return null;
      return createUrl(UIDS.lesson, line.locale, { day: line.day });
    case 'welcome-rules':
      return createUrl(UIDS.welcome, line.locale);
    default:
      return null;
  }
}

/** The fields to fill in from a create view's `?prefill=` (anything else in it is ignored). */
export function readPrefill(search: string): Prefill | null {
  const raw = new URLSearchParams(search).get('prefill');
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const out: Record<string, string | number> = {};
  for (const field of PREFILL_FIELDS) {
    const v = (parsed as Record<string, unknown>)[field];
    if (field === 'day' ? Number.isInteger(v) : typeof v === 'string' && v.length <= 32) out[field] = v as string | number;
  }
  if (out.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(out.date))) delete out.date;
  return Object.keys(out).length ? (out as Prefill) : null;
}

/** "today", "tomorrow", or the date, for an instant in a zone seen from `now`. */
export function dayWord(iso: string, zone: string, now: Date): { word: 'today' | 'tomorrow' | 'yesterday' | 'date'; date: string } {
  const day = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).startOf('day');
  const today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
  const diff = Math.round(day.diff(today, 'days').days);
  const date = day.toISODate() as string;
  return { word: diff === 0 ? 'today' : diff === 1 ? 'tomorrow' : diff === -1 ? 'yesterday' : 'date', date };
}

/** The readiness window for a calendar view: its part from now on, at most 14 days (null: all past). */
export function readinessWindow(from: string, to: string, now: Date, maxDays = 14): { from: string; to: string } | null {
  const start = Math.max(Date.parse(from), now.getTime());
  const end = Math.min(Date.parse(to), start + maxDays * 86_400_000);
  if (!(end > start)) return null;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

const key = (source: string, group: string, date: string) => `${source}|${group}|${date}`;

/** Lines by source + group + local date, for marking calendar posts. */
export function indexLines(lines: ReadinessLine[]): Map<string, ReadinessLine> {
  const index = new Map<string, ReadinessLine>();
  for (const line of lines) for (const g of line.groups) index.set(key(line.source, g, line.date), line);
  return index;
}

/**
 * The line of a calendar post: same source, its group among the line's, and the post's
 * local date in the group's zone (a lesson's cohort day follows from the date). A post moved
 * past midnight by quiet hours keeps its occurrence's date on the server, so it is not matched.
 */
export function lineOfPost(
  post: { source: string; group: string; groupTimezone: string; dueAt: string },
  index: Map<string, ReadinessLine>
): ReadinessLine | null {
  const date = DateTime.fromISO(post.dueAt, { zone: 'utc' }).setZone(post.groupTimezone).toISODate();
  return (date && index.get(key(post.source, post.group, date))) || null;
}

/** The first `max` names and how many more. */
export function firstOf<T>(items: T[], max = 10): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}
