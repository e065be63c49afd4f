import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { checkRuleCalendar, parseBlock, RecurrenceError } from '../plugins/scheduler/server/src/public';
import { fieldError } from '../utils/validation-error';
import { isObject, type DocumentContext } from './context';

/**
 * A playbook step's `rule` is an RRULE (e.g. FREQ=DAILY;COUNT=21) repeated from the step's
 * day and time; one the engine cannot read would only fail later, when a group on the
 * playbook is planned. Refused on save with a 400 naming `steps[i].rule`. Whether a rule
 * ever matches depends on each group's cohort start, so only its form is checked here.
 */
export const playbookSteps = (_strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
  if (context.uid !== UID.playbook || (context.action !== 'create' && context.action !== 'update')) return next();
  const data = context.params?.data;
  const steps = isObject(data) ? data.steps : undefined;
  if (Array.isArray(steps)) {
    steps.forEach((step: unknown, i: number) => {
      if (isObject(step) && step.whenMissing === 'fallback' && !(typeof step.fallbackText === 'string' && step.fallbackText.trim()))
        throw fieldError(['steps', i, 'fallbackText'], `steps[${i}].fallbackText: fallbackText is required when whenMissing is "fallback"`);
      const rule = isObject(step) ? step.rule : undefined;
      const calendar = isObject(step) ? step.calendar : undefined;
      try {
        checkRuleCalendar(typeof rule === 'string' ? rule : null, calendar);
        if (typeof rule === 'string' && rule.trim() !== '' && parseBlock(rule).dtstart)
          throw new RecurrenceError('rule', "a step's rule must not have its own DTSTART: the step's day and time are its start");
      } catch (err) {
        if (err instanceof RecurrenceError) {
          const field = err.field === 'calendar' ? 'calendar' : 'rule';
          throw fieldError(['steps', i, field], `steps[${i}].${field}: ${err.message}`);
        }
        throw err;
      }
    });
  }
  return next();
};
