import type { Core } from '@strapi/strapi';
import { APP_UID, PLUGIN_ID, SCHEDULE_UID } from '../constants';
import type { SchedulerConfig } from '../config';
import { CN_DATA_YEARS, isCnYearCovered } from '../recurrence/cn-calendar';
import { resolveStep, type CalendarName } from '../recurrence';
import { scheduleRecurrence, type ScheduleTiming } from '../planning/schedule-recurrence';
import { getService } from '../utils/get-service';

const DAY = 86_400_000;
/** Health and the edit view look a year ahead. */
export const HOLIDAY_DATA_HORIZON_DAYS = 366;
/** The team hears about a missing year this long before its first post there (or the planner's horizon, if longer). */
export const HOLIDAY_DATA_NOTICE_DAYS = 14;
const ROUND_MS = 60_000;

export interface HolidayDataGap {
  origin: { kind: 'schedule'; documentId: string; name: string } | { kind: 'playbook'; documentId: string; name: string; step: number };
  calendar: CalendarName;
  year: number;
  /** The first post in that year (any of its zones), and one group that gets it. */
  firstAt: string;
  group: { id: number; slug: string; timezone: string };
  en: string;
  zh: string;
}

type ScheduleRow = ScheduleTiming & {
  documentId: string;
  name: string;
  groups?: { documentId: string }[];
  tags?: { documentId: string }[];
};
type StepRow = { day: number; time: string; rule?: string | null; calendar?: string | null };
type PlaybookRow = { id: number; documentId: string; name?: string | null; slug: string; lengthDays?: number | null; steps?: StepRow[] };
type GroupRow = { id: number; slug: string; timezone: string; cohortStart: string | null; playbook?: { id: number } | null };

/** Years from `from` to `to` (a day of margin either side: local dates in any zone). */
function yearsBetween(from: Date, to: Date): number[] {
  const first = new Date(from.getTime() - DAY).getUTCFullYear();
  const last = new Date(to.getTime() + DAY).getUTCFullYear();
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * China's holiday data coverage (recurrence/cn-calendar.ts): the schedules and playbook steps
 * with a China calendar whose posts reach a year the installed data does not cover. Health
 * lists them; the planner lease raises one `holiday-data-missing` notice per origin, year
 * and team group, a fortnight ahead.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  let memo: { key: string; gaps: HolidayDataGap[] } | null = null;
  let lastRound: number | null = null;

  async function gaps(from: Date, to: Date): Promise<HolidayDataGap[]> {
    // Most of the year every day ahead is covered: nothing to compute.
    if (yearsBetween(from, to).every(isCnYearCovered)) return [];
    const out = new Map<string, HolidayDataGap>();
    const push = (
      origin: HolidayDataGap['origin'],
      calendar: CalendarName,
      group: { id: number; slug: string; timezone: string },
      recurrence: ReturnType<typeof scheduleRecurrence>
    ) => {
      for (const w of recurrence.calendarReport(from, to, 0).warnings) {
        // Its first post in that year (local dates: the year may start a day either side in UTC).
        const yearStart = new Date(Math.max(from.getTime(), Date.UTC(w.year, 0, 1) - DAY));
        const first = recurrence.between(yearStart, to, { limit: 5 }).find((o) => o.localDate.startsWith(`${w.year}-`));
        if (!first) continue;
        const key = `${origin.kind}:${origin.documentId}:${origin.kind === 'playbook' ? origin.step : ''}:${w.year}`;
        const known = out.get(key);
        if (known && known.firstAt <= first.utc) continue;
        out.set(key, { origin, calendar, year: w.year, firstAt: first.utc, group, en: w.en, zh: w.zh });
      }
    };

    const schedules = (await strapi.db.query(SCHEDULE_UID).findMany({
      where: { active: true, calendar: { $in: ['cn-workdays', 'cn-no-holidays'] } },
      populate: { groups: { select: ['documentId'] }, tags: { select: ['documentId'] } },
    })) as ScheduleRow[];
    const targets = getService('targets', strapi);
    for (const s of schedules) {
      const byZone = new Map<string, { id: number; slug: string; timezone: string }>();
      for (const g of await targets.forSchedule(s)) {
        const zone = s.timezone || g.timezone;
        if (!byZone.has(zone)) byZone.set(zone, { id: g.id, slug: g.slug, timezone: g.timezone });
      }
      for (const [zone, group] of byZone) {
        try {
          push(
            { kind: 'schedule', documentId: s.documentId, name: s.name },
            s.calendar as CalendarName,
            group,
            scheduleRecurrence(s, zone)
          );
        } catch {
          // A rule that cannot be read is the planner's to report.
        }
      }
    }

    const playbooks = (await strapi.db.query(APP_UID.playbook).findMany({ populate: { steps: true } })) as PlaybookRow[];
    const withCalendar = playbooks.filter((p) => (p.steps ?? []).some((s) => s.calendar && s.calendar !== 'none'));
    if (withCalendar.length) {
      const groups = (await strapi.db.query(APP_UID.group).findMany({
        select: ['id', 'slug', 'timezone', 'cohortStart'],
        where: { playbook: { id: { $in: withCalendar.map((p) => p.id) } }, stage: { $ne: 'closed' }, cohortStart: { $notNull: true } },
        populate: { playbook: { select: ['id'] } },
      })) as GroupRow[];
      for (const p of withCalendar) {
        // Groups with the same cohort start and zone have the same posts.
        const cohorts = new Map<string, GroupRow>();
        for (const g of groups) {
          const key = `${g.cohortStart}|${g.timezone}`;
          if (g.playbook?.id === p.id && g.cohortStart && !cohorts.has(key)) cohorts.set(key, g);
        }
        (p.steps ?? []).forEach((step, index) => {
          if (!step.calendar || step.calendar === 'none') return;
          for (const g of cohorts.values()) {
            try {
              const recurrence = resolveStep({
                cohortStart: String(g.cohortStart).slice(0, 10),
                day: step.day,
                time: step.time,
                timezone: g.timezone,
                rule: step.rule || null,
                windowDays: p.lengthDays ?? undefined,
                calendar: step.calendar as CalendarName,
              });
              const origin = { kind: 'playbook' as const, documentId: p.documentId, name: p.name || p.slug, step: index };
              push(origin, step.calendar as CalendarName, { id: g.id, slug: g.slug, timezone: g.timezone }, recurrence);
            } catch {
              // As above: the planner reports steps it cannot read.
            }
          }
        });
      }
    }
    return [...out.values()].sort((a, b) => (a.firstAt < b.firstAt ? -1 : a.firstAt > b.firstAt ? 1 : 0));
  }

  const editLink = (origin: HolidayDataGap['origin']) => {
    const uid = origin.kind === 'schedule' ? SCHEDULE_UID : APP_UID.playbook;
    return `${getService('notices', strapi).adminBase().replace(/\/+$/, '')}/admin/content-manager/collection-types/${uid}/${origin.documentId}`;
  };

  return {
    /** What health shows: the years the data covers, and the origins that reach beyond them within a year. */
    async health(now: Date) {
      const marks = getService('change-marks', strapi);
      const key = [
        Math.floor(now.getTime() / ROUND_MS),
        ...(await Promise.all([SCHEDULE_UID, APP_UID.playbook, APP_UID.group].map((uid) => marks.mark(uid)))),
      ].join('|');
      if (memo?.key !== key) memo = { key, gaps: await gaps(now, new Date(now.getTime() + HOLIDAY_DATA_HORIZON_DAYS * DAY)) };
      return {
        years: { first: CN_DATA_YEARS[0] ?? null, last: CN_DATA_YEARS[CN_DATA_YEARS.length - 1] ?? null },
        gaps: memo.gaps.map((g) => ({ ...g, group: { slug: g.group.slug, timezone: g.group.timezone } })),
      };
    },

    gaps,

    /** Raises the notices that are due; returns how many (null: the last round is less than a minute old). */
    async round(now: Date, opts: { force?: boolean } = {}): Promise<number | null> {
      if (!opts.force && lastRound !== null && Math.abs(now.getTime() - lastRound) < ROUND_MS) return null;
      lastRound = now.getTime();
      const ahead = Math.max(HOLIDAY_DATA_NOTICE_DAYS * DAY, config().horizonHours * 3_600_000);
      let raised = 0;
      for (const gap of await gaps(now, new Date(now.getTime() + ahead))) {
        const o = gap.origin;
        const result = await getService('notices', strapi).raiseSafely({
          kind: 'holiday-data-missing',
          subjectGroupId: gap.group.id,
          subjectKey: `${o.kind}:${o.documentId}${o.kind === 'playbook' ? `:${o.step}` : ''}:${gap.year}`,
          title: o.name,
          at: new Date(gap.firstAt),
          year: gap.year,
          calendar: gap.calendar,
          link: editLink(o),
        });
        if (result === 'raised') raised += 1;
      }
      return raised;
    },
  };
};
