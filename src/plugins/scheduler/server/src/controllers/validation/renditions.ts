import { yup, validateYupSchema } from '@strapi/utils';
import { SOURCES } from '../../constants';
import { RENDITION_FORMATS } from '../../rendering';
import { isCalendarDate } from './formats';

const FORMATS = RENDITION_FORMATS;
const date = yup.string().test('date', 'date must be a calendar date YYYY-MM-DD', (v) => v == null || isCalendarDate(v));

export const validateRenditionParams = validateYupSchema(
  yup
    .object({
      source: yup
        .string()
        .oneOf([...SOURCES], `source must be one of ${SOURCES.join(', ')}`)
        .required(),
      date: date.nullable(),
      group: yup.string().trim().required('group is required (a group slug)'),
      format: yup
        .string()
        .oneOf(FORMATS, `format must be one of ${FORMATS.join(', ')}`)
        .nullable(),
      text: yup.string().nullable(),
      time: yup
        .string()
        .matches(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:mm')
        .nullable(),
    })
    .noUnknown()
);

export const validateDayQuery = validateYupSchema(yup.object({ date: date.nullable() }).noUnknown());

export const validateJoin = validateYupSchema(
  yup
    .object({
      channel: yup.string().trim().max(100).nullable(),
      member: yup
        .object({ nickname: yup.string().trim().max(100).nullable() })
        .noUnknown()
        .nullable(),
    })
    .noUnknown()
);

export const validateResolveQuery = validateYupSchema(
  yup
    .object({
      group: yup.string().trim().required('group is required (a group slug)'),
      channel: yup.string().trim().nullable(),
      nickname: yup.string().trim().max(100).nullable(),
    })
    .noUnknown()
);
