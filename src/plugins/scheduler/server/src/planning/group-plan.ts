/**
 * What one group gets in a time window: occurrences of the schedules that target it and
 * of its playbook's steps, each with its idempotency key and quiet-hour decision.
 * Pure: takes plain data, no Strapi import; the planner and the REST views share it.
 */
import crypto from 'crypto';
import { DateTime } from 'luxon';
import { resolveStep, type CalendarName } from '../recurrence';
import { scheduleOccurrences, type ScheduleTiming } from './schedule-recurrence';
import { decideQuiet, type QuietWindow } from './quiet-hours';
import type { MissingPolicy } from '../delivery/when-missing';

export interface PlanGroup {
  documentId: string;
  slug: string;
  timezone: string;
  cohortStart: string | null;
  quietHours: QuietWindow[];
}

export interface PlanSchedule extends ScheduleTiming, MissingPolicy {
  documentId: string;
  name: string;
  source: string;
  text?: string | null;
  quietHours?: 'defer' | 'skip' | null;
}

export interface PlanStep extends MissingPolicy {
  day: number;
  time: string;
  rule?: string | null;
  calendar?: string | null;
  source: string;
  text?: string | null;
  title?: string | null;
}

export interface PlanPlaybook {
  documentId: string;
  slug: string;
  lengthDays?: number | null;
  steps: PlanStep[];
}

export interface PlannedPost {
  key: string;
  origin: { kind: 'schedule'; documentId: string; name: string } | { kind: 'playbook'; documentId: string; slug: string; step: number };
  source: string;
  text: string | null;
  title: string | null;
  /** The occurrence as the rule placed it. */
  occurrence: { utc: string; local: string };
  /** When it should go out after quiet hours, or null when skipped. */
  sendAt: { utc: string; local: string } | null;
  quiet: null | { action: 'defer' | 'skip'; window: string };
  localTime: string;
  /** What to do when its content is missing at send time (the schedule's or step's policy). */
  missing: { whenMissing: string; fallbackText: string | null; holdMinutes: number | null };
}

const missingOf = (p: MissingPolicy): PlannedPost['missing'] => ({
  whenMissing: p.whenMissing ?? 'skip',
  fallbackText: p.fallbackText ?? null,
  holdMinutes: p.holdMinutes ?? null,
});

export const windowLabel = (w: QuietWindow) => `${w.start.slice(0, 5)}-${w.end.slice(0, 5)}`;
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISO() as string;

/** Stable across edits of a step's text: only what decides *when* is hashed. */
export function stepFingerprint(step: PlanStep): string {
  return crypto
    .createHash('sha256')
    .update([step.day, step.time.slice(0, 5), step.rule ?? '', step.source].join('|'))
    .digest('hex')
    .slice(0, 12);
}

export const scheduleKey = (scheduleId: string, groupId: string, at: string) => `sch:${scheduleId}:${groupId}:${at}`;
export const stepKey = (playbookId: string, step: PlanStep, groupId: string, at: string) =>
  `pb:${playbookId}:${stepFingerprint(step)}:${groupId}:${at}`;

function withQuiet(group: PlanGroup, instant: Date, policy: 'defer' | 'skip', localIso?: string) {
  const decision = decideQuiet(instant, group.timezone, group.quietHours, policy);
  if (decision.action === 'none')
    return { sendAt: { utc: instant.toISOString(), local: localIso ?? local(instant, group.timezone) }, quiet: null };
  if (decision.action === 'skip') return { sendAt: null, quiet: { action: 'skip' as const, window: windowLabel(decision.window) } };
  return {
    sendAt: { utc: decision.movedTo.toISOString(), local: local(decision.movedTo, group.timezone) },
    quiet: { action: 'defer' as const, window: windowLabel(decision.window) },
  };
}

/**
 * Occurrences of one schedule in one zone over one window, shared by every group that
 * schedule targets in that zone during a planning run (the key includes the schedule's
 * rule and timing, so an edit is never served stale).
 */
export type OccurrenceCache = Map<string, ReturnType<typeof scheduleOccurrences>>;

function occurrencesOf(s: PlanSchedule, zone: string, from: Date, to: Date, cache?: OccurrenceCache) {
  if (!cache) return scheduleOccurrences(s, zone, from, to);
  const key = JSON.stringify([
    s.documentId,
    s.rule,
    s.timezone ?? null,
    String(s.startsAt ?? ''),
    String(s.endsAt ?? ''),
    String(s.createdAt ?? ''),
    s.exceptions ?? null,
    s.calendar ?? 'none',
    zone,
    from.getTime(),
    to.getTime(),
  ]);
  let list = cache.get(key);
  if (!list) cache.set(key, (list = scheduleOccurrences(s, zone, from, to)));
  return list;
}

export function planGroup(
  group: PlanGroup,
  schedules: PlanSchedule[],
  playbook: PlanPlaybook | null,
  from: Date,
  to: Date,
  cache?: OccurrenceCache
): PlannedPost[] {
  const posts: PlannedPost[] = [];

  for (const s of schedules) {
    const zone = s.timezone || group.timezone;
    for (const o of occurrencesOf(s, zone, from, to, cache)) {
      posts.push({
        key: scheduleKey(s.documentId, group.documentId, o.utc),
        origin: { kind: 'schedule', documentId: s.documentId, name: s.name },
        source: s.source,
        text: s.text ?? null,
        title: s.name,
        missing: missingOf(s),
        occurrence: { utc: o.utc, local: o.local },
        // The engine already gives the wall clock in the zone it expanded in.
        localTime: zone === group.timezone ? o.localTime : DateTime.fromJSDate(o.instant, { zone: group.timezone }).toFormat('HH:mm'),
        ...withQuiet(group, o.instant, s.quietHours ?? 'defer', zone === group.timezone ? o.local : undefined),
      });
    }
  }

  if (playbook && group.cohortStart) {
    playbook.steps.forEach((step, index) => {
      const recurrence = resolveStep({
        cohortStart: group.cohortStart as string,
        day: step.day,
        time: step.time,
        timezone: group.timezone,
        rule: step.rule || null,
        windowDays: playbook.lengthDays ?? undefined,
        calendar: (step.calendar || 'none') as CalendarName,
      });
      for (const o of recurrence.between(from, to, { inclusive: true, limit: 1000 })) {
        posts.push({
          key: stepKey(playbook.documentId, step, group.documentId, o.utc),
          origin: { kind: 'playbook', documentId: playbook.documentId, slug: playbook.slug, step: index },
          source: step.source,
          text: step.text ?? null,
          title: step.title ?? null,
          missing: missingOf(step),
          occurrence: { utc: o.utc, local: o.local },
          localTime: o.localTime,
          ...withQuiet(group, o.instant, 'defer', o.local),
        });
      }
    });
  }

  return posts.sort((a, b) =>
    a.occurrence.utc < b.occurrence.utc ? -1 : a.occurrence.utc > b.occurrence.utc ? 1 : a.key.localeCompare(b.key)
  );
}
