import { yup, validateYupSchema } from '@strapi/utils';
import { TASK_STATUS } from '../../tasks/task-state';
import { isIsoInstant } from './formats';

const instant = (field: string) => yup.string().test('iso', `${field} must be an ISO 8601 date-time`, (v) => v == null || isIsoInstant(v));

const listFields = {
  status: yup
    .string()
    .test(
      'statuses',
      `status must be one or more of ${TASK_STATUS.join(', ')} (comma-separated)`,
      (v) => v == null || v.split(',').every((x) => (TASK_STATUS as readonly string[]).includes(x))
    ),
  group: yup.string().max(255),
  from: instant('from'),
  to: instant('to'),
  limit: yup
    .string()
    .matches(/^\d{1,3}$/, 'limit must be a whole number from 1 to 500')
    .test('max', 'limit must be a whole number from 1 to 500', (v) => v == null || (Number(v) >= 1 && Number(v) <= 500)),
  offset: yup.string().matches(/^\d{1,9}$/, 'offset must be a whole number'),
};

/** GET /api/tasks */
export const validateTaskList = validateYupSchema(yup.object({ ...listFields, assignee: yup.string().max(255) }).noUnknown());

/** GET /scheduler/tasks: `mine` (default true) instead of `assignee`. */
export const validateAdminTaskList = validateYupSchema(
  yup.object({ ...listFields, mine: yup.string().oneOf(['true', 'false'], 'mine must be true or false') }).noUnknown()
);

/** POST /api/tasks/:id/done */
export const validateDone = validateYupSchema(
  yup.object({ by: yup.string().email('by must be an email address (an owner of the group)').max(255).nullable() }).noUnknown()
);

/** POST …/tasks/:id/skip */
export const validateSkip = validateYupSchema(
  yup
    .object({
      reason: yup
        .string()
        .trim()
        .required('reason is required: why the task was skipped')
        .max(500, 'reason must be at most 500 characters'),
      by: yup.string().email('by must be an email address (an owner of the group)').max(255).nullable(),
    })
    .noUnknown()
);

/** POST /scheduler/tasks/done: every task of a slot. */
export const validateDoneMany = validateYupSchema(
  yup
    .object({
      ids: yup
        .array(yup.string().required().max(64))
        .required('ids is required: the tasks to mark done')
        .min(1, 'ids must name at least one task')
        .max(500, 'ids must name at most 500 tasks'),
    })
    .noUnknown()
);
