import { yup, validateYupSchema } from '@strapi/utils';
import { DELIVERY_STATUS } from '../../constants';
import { isIsoInstant } from './formats';
import { readCursor } from '../../utils/cursor';

const instant = (field: string) => yup.string().test('iso', `${field} must be an ISO 8601 date-time`, (v) => v == null || isIsoInstant(v));

export const validateDeliveryList = validateYupSchema(
  yup
    .object({
      status: yup
        .string()
        .test(
          'statuses',
          `status must be one or more of ${DELIVERY_STATUS.join(', ')} (comma-separated)`,
          (v) => v == null || v.split(',').every((x) => (DELIVERY_STATUS as readonly string[]).includes(x))
        ),
      group: yup.string(),
      from: instant('from'),
      to: instant('to'),
      limit: yup.string().matches(/^\d{1,4}$/, 'limit must be a whole number up to 9999'),
      offset: yup.string().matches(/^\d{1,9}$/, 'offset must be a whole number'),
      // Keyset paging: the meta.next of the page before.
      after: yup
        .string()
        .max(200)
        .test('after', 'after must be the meta.next cursor of a previous page', (v) => v == null || readCursor(v) !== null),
    })
    .noUnknown()
);

export const validateLease = validateYupSchema(
  yup
    .object({
      groups: yup.array(yup.string().required()).max(500),
      max: yup.number().integer().min(1).max(100).default(10),
      visibilitySeconds: yup.number().integer().min(5).max(3600).default(60),
    })
    .noUnknown()
);

/** Only the lease's holder may finish it: the token the lease returned is required. */
const leaseToken = yup.string().required('leaseToken is required: the token the lease returned');

export const validateAck = validateYupSchema(yup.object({ leaseToken }).noUnknown());

export const validateNack = validateYupSchema(
  yup
    .object({
      leaseToken,
      retryInSeconds: yup.number().integer().min(0).max(604800).nullable(),
      reason: yup.string().required('reason is required').max(2000),
    })
    .noUnknown()
);
