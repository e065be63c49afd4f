import { yup, validateYupSchema } from '@strapi/utils';
import { READINESS_STATES } from '../../readiness';
import { AUDIENCE_UIDS, MAX_READINESS_DAYS } from '../../services/readiness';
import { isIsoInstant } from './formats';

const instant = (field: string) => yup.string().test('iso', `${field} must be an ISO 8601 date-time`, (v) => v == null || isIsoInstant(v));
const both = (parent: { from?: string }, to?: string) => {
  const [a, b] = [Date.parse(parent.from ?? ''), Date.parse(to ?? '')];
  return Number.isNaN(a) || Number.isNaN(b) ? null : { a, b };
};

/**
 * GET /api/scheduler/readiness and GET /scheduler/readiness. Defaults (from = now, to = from
 * + 48 h) and the checks that need the clock are the service's.
 */
export const validateReadinessQuery = validateYupSchema(
  yup
    .object({
      from: instant('from').test('before', 'from must not be after to', function (from) {
        const ends = both({ from }, this.parent.to);
        return !ends || ends.a <= ends.b;
      }),
      to: instant('to').test('span', `to must be at most ${MAX_READINESS_DAYS} days after from`, function (to) {
        const ends = both(this.parent, to);
        return !ends || ends.b - ends.a <= MAX_READINESS_DAYS * 86_400_000;
      }),
      state: yup
        .string()
        .test(
          'states',
          `state must be one or more of ${READINESS_STATES.join(', ')} (comma-separated)`,
          (v) => v == null || v.split(',').every((x) => (READINESS_STATES as readonly string[]).includes(x.trim()))
        ),
    })
    .noUnknown()
);

/** GET /scheduler/readiness/entry: who gets one entry of a report, topic or lesson. */
export const validateReadinessEntryQuery = validateYupSchema(
  yup
    .object({
      uid: yup
        .string()
        .required('uid is required')
        .oneOf([...AUDIENCE_UIDS], `uid must be one of ${AUDIENCE_UIDS.join(', ')}`),
      documentId: yup
        .string()
        .required('documentId is required')
        .matches(/^[a-z0-9]{1,64}$/i, 'documentId must be a document id'),
      locale: yup
        .string()
        .required('locale is required')
        .matches(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i, 'locale must be a locale code such as en or zh-Hans'),
    })
    .noUnknown()
);
