import { yup, validateYupSchema } from '@strapi/utils';
import { DELIVERY_STATUS } from '../../constants';

const instant = (field: string) => yup.string().test('iso', `${field} must be an ISO 8601 date-time`, (v) => v == null || !Number.isNaN(Date.parse(v)));

export const validateDeliveryList = validateYupSchema(
  yup
    .object({
      status: yup
        .string()
        .test('statuses', `status must be one or more of ${DELIVERY_STATUS.join(', ')} (comma-separated)`, (v) => v == null || v.split(',').every((x) => (DELIVERY_STATUS as readonly string[]).includes(x))),
      group: yup.string(),
      from: instant('from'),
      to: instant('to'),
      limit: yup.string().matches(/^\d{1,4}$/, 'limit must be a whole number up to 9999'),
      offset: yup.string().matches(/^\d{1,9}$/, 'offset must be a whole number'),
    })
    .noUnknown()
);
