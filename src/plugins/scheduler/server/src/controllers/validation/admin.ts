import { yup, validateYupSchema } from '@strapi/utils';
import { CALENDARS, validateTimezone } from '../../recurrence';
import { DELIVERY_STATUS, QUIET_HOURS_POLICY, ROW_SOURCES } from '../../constants';
import { PREVIEW_MODELS } from '../../services/editor-preview';
import { isCalendarDate, isIsoInstant } from './formats';

const instant = (field: string) => yup.string().test('iso', `${field} must be an ISO 8601 date-time`, (v) => v == null || isIsoInstant(v));
const list = (field: string, allowed: readonly string[]) =>
  yup
    .string()
    .test(
      field,
      `${field} must be one or more of ${allowed.join(', ')} (comma-separated)`,
      (v) => v == null || v === '' || v.split(',').every((x) => allowed.includes(x))
    );

/** A calendar window may span at most 62 days (a month view with its leading and trailing weeks). */
export const MAX_CALENDAR_DAYS = 62;

/** An entry spans one due instant per zone of its groups. */
export const MAX_ENTRY_INSTANTS = 100;
const ORIGIN = /^(schedule|playbook|join|run-now|notice):[A-Za-z0-9_-]{0,64}:(\d{1,4})?$/;

export const validateCalendarQuery = validateYupSchema(
  yup
    .object({
      from: instant('from').required('from is required'),
      to: instant('to')
        .required('to is required')
        // Only once both ends are valid instants (a bad `from` is reported on its own).
        .test('after', 'to must be after from', function (to) {
          const [a, b] = [Date.parse(this.parent.from), Date.parse(to ?? '')];
          return Number.isNaN(a) || Number.isNaN(b) || b > a;
        })
        .test('span', `from..to may span at most ${MAX_CALENDAR_DAYS} days`, function (to) {
          const [a, b] = [Date.parse(this.parent.from), Date.parse(to ?? '')];
          return Number.isNaN(a) || Number.isNaN(b) || b - a <= MAX_CALENDAR_DAYS * 86_400_000;
        }),
      groups: yup.string().max(20_000),
      tag: yup.string().max(255),
      source: list('source', ROW_SOURCES),
      status: list('status', [...DELIVERY_STATUS, 'upcoming']),
      // One entry's posts (its expansion): the origin as kind:id:step and its due instants.
      origin: yup
        .string()
        .max(200)
        .test('origin', 'origin must be kind:id:step (e.g. schedule:abc123: or playbook:abc123:4)', (v) => v == null || ORIGIN.test(v)),
      at: yup
        .string()
        .max(MAX_ENTRY_INSTANTS * 30)
        .test(
          'at',
          `at must be up to ${MAX_ENTRY_INSTANTS} ISO 8601 date-times, comma-separated`,
          (v) => v == null || (v.split(',').length <= MAX_ENTRY_INSTANTS && v.split(',').every((x) => isIsoInstant(x.trim())))
        ),
      // The entries' zone: each group's own ("group", the default) or one IANA zone (the viewer's).
      zone: yup
        .string()
        .max(64)
        .test(
          'zone',
          'zone must be "group" or an IANA time zone such as Asia/Shanghai',
          (v) => v == null || v === 'group' || validateTimezone(v)
        ),
    })
    .noUnknown()
);

/** `kind:id:step` → the origin filter (empty id or step: none). */
export function parseOrigin(v: string): { kind: string; id: string | null; step: number | null } {
  const [kind, id, step] = v.split(':');
  return { kind, id: id || null, step: step ? Number(step) : null };
}

/** A group's daily history spans at most a year and a day per request. */
export const MAX_HISTORY_DAYS = 366;
const calendarDate = (field: string) =>
  yup.string().test('date', `${field} must be a date YYYY-MM-DD`, (v) => v == null || isCalendarDate(v));

export const validateHistoryQuery = validateYupSchema(
  yup
    .object({
      from: calendarDate('from'),
      to: calendarDate('to')
        // Checked only with both ends valid (a bad one is reported on its own).
        .test('after', 'to must not be before from', function (to) {
          const { from } = this.parent as { from?: string };
          return !from || !to || !isCalendarDate(from) || !isCalendarDate(to) || to >= from;
        })
        .test('span', `from..to may span at most ${MAX_HISTORY_DAYS} days`, function (to) {
          const { from } = this.parent as { from?: string };
          if (!from || !to || !isCalendarDate(from) || !isCalendarDate(to)) return true;
          return Date.parse(to) - Date.parse(from) < MAX_HISTORY_DAYS * 86_400_000;
        }),
    })
    .noUnknown()
);

export const validateLimit = validateYupSchema(
  yup.object({ limit: yup.string().matches(/^\d{1,2}$/, 'limit must be a whole number from 1 to 99') }).noUnknown()
);

const relationEdit = yup
  .object({
    connect: yup.array(yup.string().required()).max(1000),
    disconnect: yup.array(yup.string().required()).max(1000),
  })
  .noUnknown()
  .nullable();

export const validateSchedulePreview = validateYupSchema(
  yup
    .object({
      documentId: yup.string().nullable(),
      rule: yup.string().trim().required('rule is required').max(4000),
      timezone: yup.string().trim().nullable(),
      startsAt: instant('startsAt').nullable(),
      endsAt: instant('endsAt').nullable(),
      exceptions: yup.mixed().nullable(),
      quietHours: yup
        .string()
        .oneOf([...QUIET_HOURS_POLICY], `quietHours must be one of ${QUIET_HOURS_POLICY.join(', ')}`)
        .nullable(),
      groups: relationEdit,
      tags: relationEdit,
      count: yup.number().integer().min(1).max(50).nullable(),
      calendar: yup
        .string()
        .oneOf([...CALENDARS], `calendar must be one of ${CALENDARS.join(', ')}`)
        .nullable(),
    })
    .noUnknown()
);

const MODELS = Object.keys(PREVIEW_MODELS);

export const validateContentPreview = validateYupSchema(
  yup
    .object({
      model: yup
        .string()
        .oneOf(MODELS, `model must be one of ${MODELS.join(', ')}`)
        .required('model is required'),
      data: yup.object().required('data is required'),
      group: yup.string().trim().nullable(),
      documentId: yup.string().nullable(),
      locale: yup.string().nullable(),
    })
    .noUnknown()
);
