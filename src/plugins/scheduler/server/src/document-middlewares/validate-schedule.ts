import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SCHEDULE_UID } from '../constants';
import { validateTimezone, RecurrenceError } from '../recurrence';
import { scheduleRecurrence, type ScheduleTiming } from '../planning/schedule-recurrence';

const fail = (field: string, message: string): never => {
  throw new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError' }] });
};

/** Checks a schedule as it will be stored (partial updates merged), before it is kept. */
export function checkSchedule(
  s: ScheduleTiming & { source?: string | null; text?: string | null; whenMissing?: string | null; fallbackText?: string | null }
) {
  if (s.timezone != null && s.timezone !== '' && !validateTimezone(s.timezone)) {
    fail(
      'timezone',
      `unknown time zone ${JSON.stringify(s.timezone)}; use an IANA name such as "Europe/Berlin", or leave empty to use each group's zone`
    );
  }
  if (s.exceptions != null) {
    const ok =
      Array.isArray(s.exceptions) &&
      s.exceptions.every((d: unknown) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)));
    if (!ok) fail('exceptions', 'exceptions must be a list of dates "YYYY-MM-DD"');
  }
  if (s.startsAt && s.endsAt && new Date(s.endsAt) <= new Date(s.startsAt)) {
    fail('endsAt', 'endsAt must be after startsAt');
  }
  if (s.source === 'text' && !(typeof s.text === 'string' && s.text.trim())) {
    fail('text', 'text is required when source is "text"');
  }
  if (s.whenMissing === 'fallback' && !(typeof s.fallbackText === 'string' && s.fallbackText.trim())) {
    fail('fallbackText', 'fallbackText is required when whenMissing is "fallback"');
  }
  try {
    // The zone only matters for parsing a floating DTSTART; UTC stands in for "each group's own".
    scheduleRecurrence(s, s.timezone || 'UTC');
  } catch (err) {
    if (err instanceof RecurrenceError) fail(err.field === 'timezone' || err.field === 'calendar' ? err.field : 'rule', err.message);
    throw err;
  }
}

/**
 * Every write of a schedule (REST, admin, code) is validated; the write and the check
 * share one transaction, so an invalid schedule is never kept.
 */
export const validateSchedule = (strapi: Core.Strapi) => async (context: { uid: string; action: string }, next: () => Promise<unknown>) => {
  if (context.uid !== SCHEDULE_UID || (context.action !== 'create' && context.action !== 'update')) return next();
  return strapi.db.transaction(async () => {
    const result = (await next()) as { id?: number } | null;
    if (result?.id) {
      const stored = (await strapi.db.query(SCHEDULE_UID).findOne({ where: { id: result.id } })) as Parameters<typeof checkSchedule>[0];
      checkSchedule(stored);
    }
    return result;
  });
};
