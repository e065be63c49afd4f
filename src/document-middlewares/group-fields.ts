import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { isValidTimeZone } from '../utils/timezone';
import { fieldError } from '../utils/validation-error';
import {
  deliveryFieldsProblem,
  getService,
  groupAad,
  isSealed,
  keyringFromEnv,
  open,
  seal,
  type Keyring,
} from '../plugins/scheduler/server/src/public';
import { requireSecret } from '../utils/env-secrets';
import { isObject, type DocumentContext } from './context';

/** A new group's platform when the write names none: the schema's default. */
const defaultPlatform = (strapi: Core.Strapi) =>
  String((strapi.getModel(UID.group).attributes.platform as { default?: unknown }).default ?? '');

/**
 * The documentId a new group will have. The document service leaves it to the database
 * layer's attribute default (Strapi's generator) unless the data carries one, which it
 * accepts (i18n does so for a new locale). Generating it here with that same default lets
 * the secret be sealed bound to it in the one insert, with no second write that could fail
 * in between and leave a value bound to nothing.
 */
function newDocumentId(strapi: Core.Strapi): string {
  // A scalar attribute's `default`; the type is the union of every attribute kind's.
  const attribute = strapi.db.metadata.get(UID.group).attributes.documentId as { default?: unknown } | undefined;
  const generate = attribute?.default;
  if (typeof generate !== 'function') throw new Error('the group model has no documentId generator');
  return String(generate());
}

/** The documentId this write's sealed values are bound to (a create's is chosen here: newDocumentId). */
function boundDocumentId(strapi: Core.Strapi, context: DocumentContext, data: Record<string, unknown>): string {
  if (context.action !== 'create') return String(context.params?.documentId);
  if (typeof data.documentId !== 'string' || data.documentId === '') data.documentId = newDocumentId(strapi);
  return data.documentId as string;
}

/** The plain value of a stored secret, or null when there is none or no known key opens it. */
function openedOrNull(stored: unknown, keys: Keyring, aad: string): string | null {
  if (typeof stored !== 'string' || stored === '') return null;
  try {
    return open(stored, keys, aad);
  } catch {
    return null;
  }
}

/**
 * Seals a newly given `secret`, bound to the group's documentId. When it replaces another
 * secret, the old one is kept (sealed, bound as previousSecret) with the time of the change,
 * so signatures under it go on for the grace period (SCHEDULER_SECRET_GRACE_HOURS) and
 * receivers can switch over without dropping posts; a second change within the grace keeps
 * only the one just replaced. previousSecret and secretRotatedAt are written here only (the
 * schema makes them non-writable for REST and the admin); a write may clear them (null)
 * to end the grace early.
 */
async function sealSecret(strapi: Core.Strapi, context: DocumentContext, data: Record<string, unknown>) {
  if (data.previousSecret !== null) delete data.previousSecret;
  delete data.secretRotatedAt;
  if (data.previousSecret === null) data.secretRotatedAt = null;
  if (!('secret' in data)) return;
  if (data.secret === '' || data.secret == null) {
    Object.assign(data, { secret: null, previousSecret: null, secretRotatedAt: null });
    return;
  }
  // Only the server seals: a sealed value sent in is an admin form sent back unchanged (maybe
  // one read before a reseal, which would undo it) or one copied from another row (which
  // would not open here). Either way the stored value stays as it is.
  if (isSealed(data.secret)) {
    delete data.secret;
    return;
  }
  if (typeof data.secret !== 'string') return;
  requireSecret('ENCRYPTION_KEY'); // names the variable when it is missing
  const keys = keyringFromEnv();
  const documentId = boundDocumentId(strapi, context, data);
  if (context.action !== 'create') {
    const current = await strapi.db.query(UID.group).findOne({ where: { documentId }, select: ['secret'] });
    const old = openedOrNull(current?.secret, keys, groupAad(documentId, 'secret'));
    if (old === null) {
      // Nothing that opens to sign with beside the new one (nor, then, an earlier previous).
      Object.assign(data, { previousSecret: null, secretRotatedAt: null });
    } else if (old !== data.secret) {
      data.previousSecret = seal(old, keys, groupAad(documentId, 'previousSecret'));
      data.secretRotatedAt = new Date();
    }
  }
  data.secret = seal(data.secret, keys, groupAad(documentId, 'secret'));
}

/**
 * Seals a newly given `signingSecret` (the key a platform's requests are signed with, such as
 * a DingTalk robot's 加签 secret or a Feishu bot's 签名校验 secret; platform-neutral), bound to the group's documentId like
 * `secret`, under ENCRYPTION_KEY; empty or null clears it (no signature). A sealed value sent
 * back (the admin form) leaves the stored one as it is. There is no grace period and no
 * previous value: a robot's signing secret changes on the platform at once (the old one stops
 * verifying the moment a new one is generated), so signing with the old one too would help
 * nobody. A write that omits the field leaves it unchanged.
 */
function sealSigningSecret(strapi: Core.Strapi, context: DocumentContext, data: Record<string, unknown>) {
  if (!('signingSecret' in data)) return;
  if (data.signingSecret === '' || data.signingSecret == null) {
    data.signingSecret = null;
    return;
  }
  if (isSealed(data.signingSecret)) {
    delete data.signingSecret;
    return;
  }
  if (typeof data.signingSecret !== 'string') return;
  requireSecret('ENCRYPTION_KEY'); // names the variable when it is missing
  data.signingSecret = seal(data.signingSecret, keyringFromEnv(), groupAad(boundDocumentId(strapi, context, data), 'signingSecret'));
}

/** Fields sealed bound to the group that a clone gets sealed again for itself. */
const CLONED_SEALED = ['secret', 'signingSecret'] as const;

/**
 * A cloned group (the admin's "duplicate") gets a new documentId inside the document
 * service, after this middleware has run, and a copy of the source's sealed secret, bound to
 * the source: once the clone exists its secret is opened as the source's and sealed again
 * for the clone (a plain secret given for the clone is sealed too). No rotation is copied.
 */
async function cloneSecrets(strapi: Core.Strapi, context: DocumentContext, next: () => Promise<unknown>) {
  const data = context.params?.data;
  if (isObject(data)) {
    delete data.previousSecret;
    delete data.secretRotatedAt;
  }
  const keys = keyringFromEnv();
  const result = await next();
  const entries = isObject(result) && Array.isArray(result.entries) ? (result.entries as unknown[]) : [];
  const source = String(context.params?.documentId);
  for (const entry of entries) {
    if (!isObject(entry) || entry.id == null) continue;
    const row = await strapi.db.query(UID.group).findOne({ where: { id: entry.id }, select: ['id', 'documentId', ...CLONED_SEALED] });
    if (!row) continue;
    const patch: Record<string, unknown> = { previousSecret: null, secretRotatedAt: null };
    for (const field of CLONED_SEALED) {
      const stored: unknown = row[field];
      const plain = isSealed(stored) ? openedOrNull(stored, keys, groupAad(source, field)) : (stored as string | null);
      // A source value that does not open stays as it was: the clone's posts then say so.
      patch[field] = plain ? seal(plain, keys, groupAad(String(row.documentId), field)) : (stored ?? null);
    }
    await strapi.db.query(UID.group).update({ where: { id: row.id }, data: patch });
  }
  return result;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;

/**
 * Group writes: the zone must be a real IANA name, the locale one this app serves,
 * quiet windows well-formed, and the delivery secret is sealed before it is stored. A new
 * endpoint re-enables one the receiver had disabled.
 */
export const groupFields = (strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
  if (context.uid === UID.group && context.action === 'clone') return cloneSecrets(strapi, context, next);
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
    const signingSecretGiven =
      typeof data.signingSecret === 'string' && data.signingSecret !== '' && !isSealed(data.signingSecret) ? data.signingSecret : null;
    if (endpointGiven || secretGiven || signingSecretGiven) {
      let platform = typeof data.platform === 'string' ? data.platform : null;
      if (!platform && context.action === 'update') {
        const current = await strapi.db
          .query(UID.group)
          .findOne({ where: { documentId: context.params?.documentId }, select: ['platform'] });
        platform = (current?.platform as string | undefined) ?? null;
      }
      const fields = { endpoint: endpointGiven, secret: secretGiven };
      const problem =
        deliveryFieldsProblem(platform ?? defaultPlatform(strapi), { ...fields, signingSecret: signingSecretGiven }) ??
        getService('destinations', strapi).fieldsProblem(fields);
      if (problem) throw fieldError(problem.field, problem.message);
    }
    await sealSecret(strapi, context, data);
    sealSigningSecret(strapi, context, data);
  }
  return next();
};
