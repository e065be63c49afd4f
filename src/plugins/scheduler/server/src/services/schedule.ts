import { factories, type Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { errors } from '@strapi/utils';
import { SCHEDULE_UID, DEFAULT_OCCURRENCE_WINDOW_DAYS } from '../constants';
import { preview as previewRecurrence, RecurrenceError, type CalendarReport, type RecurrenceInput } from '../recurrence';
import { scheduleOccurrences, scheduleRecurrence, type ScheduleTiming } from '../planning/schedule-recurrence';
import { decideQuiet } from '../planning/quiet-hours';
import { getService } from '../utils/get-service';

const DAY_MS = 86_400_000;

/** Engine errors become 400s naming the field. */
export function asValidationError(err: unknown): never {
  if (err instanceof RecurrenceError) {
    throw new errors.ValidationError(`${err.field}: ${err.message}`, {
      errors: [{ path: [err.field], message: err.message, name: 'ValidationError' }],
    });
  }
  throw err;
}

const window = (w: { start: string; end: string }) => `${w.start.slice(0, 5)}-${w.end.slice(0, 5)}`;

/** An occurrence for a group, with what the group's quiet hours do to it (moved to the window's end, or skipped). */
export function occurrenceView(
  o: { utc: string; local: string; instant: Date },
  group: { timezone: string; quietHours?: { start: string; end: string }[] | null },
  policy: 'defer' | 'skip'
) {
  const decision = decideQuiet(o.instant, group.timezone, group.quietHours, policy);
  const quiet =
    decision.action === 'none'
      ? null
      : decision.action === 'skip'
        ? { action: 'skip' as const, window: window(decision.window) }
        : {
            action: 'defer' as const,
            window: window(decision.window),
            movedTo: { utc: decision.movedTo.toISOString(), local: toLocalIso(decision.movedTo, group.timezone) },
          };
  return { utc: o.utc, local: o.local, quiet };
}

/** A saved schedule as occurrences() reads it. */
interface SavedSchedule extends ScheduleTiming {
  documentId: string;
  name: string;
  rule: string;
  timezone?: string | null;
  active?: boolean;
  quietHours?: 'defer' | 'skip' | null;
  groups?: { documentId: string }[];
  tags?: { documentId: string }[];
}

/** The core schedule service (find, create, ...) plus preview and occurrences. */
export default factories.createCoreService(SCHEDULE_UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  preview(input: RecurrenceInput & { from?: string; count?: number }) {
    try {
      return previewRecurrence(input);
    } catch (err) {
      // A DTSTART line inside the rule is the rule's fault, not the (absent or ignored) dtstart field's.
      if (err instanceof RecurrenceError && err.field === 'dtstart' && /(^|\n)\s*DTSTART/i.test(input.rule ?? '')) err.field = 'rule';
      return asValidationError(err);
    }
  },

  /**
   * The instants a saved schedule fires, per target group, each with what quiet hours
   * do to it (moved to the window's end, or skipped).
   */
  async occurrences(documentId: string, q: { from?: Date; to?: Date; group?: string }) {
    const schedule = (await strapi.documents(SCHEDULE_UID).findOne({
      documentId,
      populate: { groups: { fields: ['documentId'] }, tags: { fields: ['documentId'] } },
    })) as SavedSchedule | null;
    if (!schedule) throw new errors.NotFoundError(`No schedule with documentId ${documentId}`);

    const from = q.from ?? new Date();
    const to = q.to ?? new Date(from.getTime() + DEFAULT_OCCURRENCE_WINDOW_DAYS * DAY_MS);
    const targetService = getService('targets', strapi);
    let groups = await targetService.forSchedule(schedule);
    if (q.group) {
      groups = groups.filter((g) => g.slug === q.group);
      if (groups.length === 0) throw new errors.NotFoundError(`Group ${q.group} is not a target of this schedule`);
    }

    const perTarget = (zone: string) => {
      try {
        return { recurrence: scheduleRecurrence(schedule, zone), list: scheduleOccurrences(schedule, zone, from, to) };
      } catch (err) {
        return asValidationError(err);
      }
    };

    const targets: ({
      group: { documentId: string; slug: string; name: string; timezone: string; stage: string } | null;
      timezone: string;
      description: ReturnType<ReturnType<typeof scheduleRecurrence>['describe']>;
      occurrences: ReturnType<typeof occurrenceView>[];
    } & CalendarReport)[] = groups.map((group) => {
      const zone = schedule.timezone || group.timezone;
      const { recurrence, list } = perTarget(zone);
      return {
        group: { documentId: group.documentId, slug: group.slug, name: group.name, timezone: group.timezone, stage: group.stage },
        timezone: zone,
        description: recurrence.describe(),
        occurrences: list.map((o) => occurrenceView(o, group, schedule.quietHours ?? 'defer')),
        ...recurrence.calendarReport(from, to, 100),
      };
    });

    // A schedule with its own zone but no target yet still shows when it would fire.
    if (targets.length === 0 && schedule.timezone && !q.group) {
      const { recurrence, list } = perTarget(schedule.timezone);
      targets.push({
        group: null,
        timezone: schedule.timezone,
        description: recurrence.describe(),
        occurrences: list.map((o) => ({ utc: o.utc, local: o.local, quiet: null })),
        ...recurrence.calendarReport(from, to, 100),
      });
    }

    return {
      schedule: {
        documentId: schedule.documentId,
        name: schedule.name,
        rule: schedule.rule,
        timezone: schedule.timezone ?? null,
        calendar: schedule.calendar ?? 'none',
        active: schedule.active,
      },
      from: from.toISOString(),
      to: to.toISOString(),
      targets,
    };
  },
}));

function toLocalIso(d: Date, zone: string) {
  return DateTime.fromJSDate(d, { zone }).toISO() as string;
}
