import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { isValidTimeZone } from '../utils/timezone';
import { fieldError } from '../utils/validation-error';
import { deliveryFieldsProblem, getService, isSealed, seal } from '../plugins/scheduler/server/src/public';
import { requireSecret } from '../utils/env-secrets';
import { isObject, type DocumentContext } from './context';

/** A new group's platform when the write names none: the schema's default. */
const defaultPlatform = (strapi: Core.Strapi) =>
  String((strapi.getModel(UID.group).attributes.platform as { default?: unknown }).default ?? '');

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;

/**
 * Group writes: the zone must be a real IANA name, the locale one this app serves,
 * quiet windows well-formed, and the delivery secret is sealed before it is stored. A new
 * endpoint re-enables one the receiver had disabled.
 */
export const groupFields = (strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
  if (context.uid !== UID.group || (context.action !== 'create' && context.action !== 'update')) {
    return next();
  }
  const data = context.params?.data;
  if (isObject(data)) {
    if ('timezone' in data && !isValidTimeZone(data.timezone)) {
      throw fieldError('timezone', `timezone must be an IANA time zone name such as "Asia/Shanghai"; got ${JSON.stringify(data.timezone)}`);
    }
    if ('locale' in data && data.locale != null) {
      const locales: { code: string }[] = await strapi.plugin('i18n').service('locales').find();
      const codes = locales.map((l) => l.code);
      if (typeof data.locale !== 'string' || !codes.includes(data.locale)) {
        throw fieldError('locale', `locale must be one of ${codes.join(', ')}; got ${JSON.stringify(data.locale)}`);
      }
    }
    if (Array.isArray(data.quietHours)) {
      data.quietHours.forEach((item: unknown, i: number) => {
        const w = isObject(item) ? item : undefined; // a primitive item has no fields to read
        // Strapi checks required component fields on create only: a window sent without its
        // end on an update would be kept half-open (an item given by id keeps its stored values).
        for (const key of ['start', 'end']) {
          if (w && typeof w === 'object' && w.id == null && w[key] == null)
            throw fieldError(['quietHours', i, key], `quietHours[${i}].${key} is required`);
        }
        for (const key of ['start', 'end']) {
          if (w && w[key] != null && !TIME.test(String(w[key]))) {
            throw fieldError(['quietHours', i, key], `quietHours[${i}].${key} must be a time of day HH:mm; got ${JSON.stringify(w[key])}`);
          }
        }
        if (w && w.start != null && String(w.start).slice(0, 5) === String(w.end).slice(0, 5)) {
          throw fieldError(['quietHours', i, 'end'], `quietHours[${i}] starts and ends at the same time`);
        }
      });
    }
    // A receiver that answered 410 Gone disabled the endpoint; pointing the group somewhere
    // new (or clearing endpointDisabledAt) turns it back on.
    if (
      context.action === 'update' &&
      ('endpoint' in data || 'platform' in data || (typeof data.secret === 'string' && data.secret !== '' && !isSealed(data.secret)))
    ) {
      const current = await strapi.db
        .query(UID.group)
        .findOne({ where: { documentId: context.params?.documentId }, select: ['endpoint', 'platform', 'endpointDisabledAt'] });
      const moved =
        current &&
        (('endpoint' in data && data.endpoint !== current.endpoint) ||
          ('platform' in data && data.platform !== current.platform) ||
          (typeof data.secret === 'string' && data.secret !== '' && !isSealed(data.secret)));
      if (current?.endpointDisabledAt && moved && !data.endpointDisabledAt) {
        data.endpointDisabledAt = null;
        data.endpointDisabledReason = null;
      }
    }
    // The platform's own rules for endpoint and secret (a URL, a chat id, a token's shape),
    // for the values this write gives; the 400 names the field.
    const endpointGiven = typeof data.endpoint === 'string' && data.endpoint !== '' ? data.endpoint : null;
    const secretGiven = typeof data.secret === 'string' && data.secret !== '' && !isSealed(data.secret) ? data.secret : null;
    if (endpointGiven || secretGiven) {
      let platform = typeof data.platform === 'string' ? data.platform : null;
      if (!platform && context.action === 'update') {
        const current = await strapi.db
          .query(UID.group)
          .findOne({ where: { documentId: context.params?.documentId }, select: ['platform'] });
        platform = (current?.platform as string | undefined) ?? null;
      }
      const fields = { endpoint: endpointGiven, secret: secretGiven };
      const problem =
        deliveryFieldsProblem(platform ?? defaultPlatform(strapi), fields) ?? getService('destinations', strapi).fieldsProblem(fields);
      if (problem) throw fieldError(problem.field, problem.message);
    }
    if ('secret' in data) {
      if (data.secret === '' || data.secret == null) data.secret = null;
      else if (typeof data.secret === 'string') data.secret = seal(data.secret, requireSecret('ENCRYPTION_KEY'));
    }
  }
  return next();
};
