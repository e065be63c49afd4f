import { yup, validateYupSchema } from '@strapi/utils';
import { MAX_PREVIEW_COUNT, MAX_OCCURRENCE_WINDOW_DAYS } from '../../constants';
import { isIsoInstant } from './formats';
import { CALENDARS } from '../../recurrence';

const isoInstant = (field: string) =>
  yup
    .string()
    .test('iso-instant', `${field} must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z`, (v) => v == null || isIsoInstant(v));

const previewSchema = yup
  .object({
    rule: yup.string().trim().required('rule is required').max(4000),
    timezone: yup.string().trim().nullable(),
    dtstart: yup.string().trim().nullable(),
    from: isoInstant('from').nullable(),
    count: yup.number().integer().min(1).max(MAX_PREVIEW_COUNT).nullable(),
    calendar: yup
      .string()
      .oneOf([...CALENDARS], `calendar must be one of ${CALENDARS.join(', ')}`)
      .nullable(),
  })
  .noUnknown();

const occurrencesSchema = yup
  .object({
    from: isoInstant('from').nullable(),
    to: isoInstant('to')
      .nullable()
      .test('after-from', 'to must be after from', function (to) {
        const { from } = this.parent;
        return !to || !from || Date.parse(to) > Date.parse(from);
      })
      .test('window', `from..to may span at most ${MAX_OCCURRENCE_WINDOW_DAYS} days`, function (to) {
        const from = this.parent.from ? Date.parse(this.parent.from) : Date.now();
        return !to || Date.parse(to) - from <= MAX_OCCURRENCE_WINDOW_DAYS * 86_400_000;
      }),
    group: yup.string().trim().nullable(),
  })
  .noUnknown();

export const validatePreview = validateYupSchema(previewSchema);
export const validateOccurrencesQuery = validateYupSchema(occurrencesSchema);
