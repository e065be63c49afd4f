import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkRequest, cancelDecision, PUBLICATION_STATUS, type PublicationStatus } from '../publishing';
import type { PublicationRow } from '../storage/publications';
import { getService } from '../utils/get-service';

const fieldError = (field: string, message: string) =>
  new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError' }] });

export class PublicationConflict extends Error {}
export class PublicationNotFound extends Error {}

/** A publication as REST and the admin show it. */
export const present = (r: PublicationRow) => ({
  id: r.id,
  uid: r.uid,
  documentId: r.documentId,
  locale: r.locale,
  action: r.action,
  at: r.at.toISOString(),
  status: r.status,
  reason: r.reason,
  doneAt: r.doneAt?.toISOString() ?? null,
  createdBy: r.createdBy,
});

/**
 * Scheduled publishing for REST and the admin (issue 16): create (idempotent), list,
 * cancel. The publisher loop (loops/publisher.ts) runs them. docs/publishing.md.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService('publications-store', strapi);
  const now = () => getService('clock', strapi).now();

  /** The content types that can be scheduled: the app's editorial types with draft & publish. */
  function editorialTypes(): Record<string, { localized: boolean }> {
    const out: Record<string, { localized: boolean }> = {};
    for (const [uid, ct] of Object.entries(strapi.contentTypes)) {
      const c = ct as { options?: { draftAndPublish?: boolean }; pluginOptions?: { i18n?: { localized?: boolean } } };
      if (uid.startsWith('api::') && c.options?.draftAndPublish) out[uid] = { localized: Boolean(c.pluginOptions?.i18n?.localized) };
    }
    return out;
  }

  return {
    editorialTypes,

    /** Schedules one publish or unpublish; the same one again returns the existing row (`created` false). */
    async create(body: Record<string, unknown>, createdBy: string) {
      const i18n = strapi.plugin('i18n').service('locales');
      const locales = ((await i18n.find()) as { code: string }[]).map((l) => l.code);
      const checked = checkRequest(body, { now: now(), types: editorialTypes(), locales, defaultLocale: await i18n.getDefaultLocale() });
      if (!checked.ok) throw fieldError(checked.field, checked.message);
      const r = checked.value;
      const docs = strapi.documents(r.uid as UID.ContentType);
      const found = await docs.findOne({ documentId: r.documentId, ...(r.locale ? { locale: r.locale } : {}), status: 'draft' } as never);
      if (!found) throw fieldError('documentId', `no ${r.uid} ${r.documentId}${r.locale ? ` in ${r.locale}` : ''}`);
      const { row, created } = await store().insert(r, createdBy, now());
      return { data: present(row), created };
    },

    async list(q: { uid?: string; documentId?: string; locale?: string; status?: string }) {
      const statuses = q.status ? q.status.split(',').map((s) => s.trim()) : undefined;
      if (statuses?.some((s) => !(PUBLICATION_STATUS as readonly string[]).includes(s)))
        throw fieldError('status', `must be among ${PUBLICATION_STATUS.join(', ')}`);
      const rows = await store().list({ ...q, statuses: statuses as PublicationStatus[] | undefined });
      return { data: rows.map(present), meta: { total: rows.length } };
    },

    /** Cancels a planned publication; a cancelled one stays so; a running, done or failed one is a conflict. */
    async cancel(id: number) {
      const row = await store().findById(id);
      if (!row) throw new PublicationNotFound(`no publication ${id}`);
      const decision = cancelDecision(row.status);
      if (decision === 'conflict') throw new PublicationConflict(`publication ${id} is ${row.status}`);
      if (decision === 'cancel' && !(await store().cancel(id, now()))) {
        const again = await store().findById(id);
        throw new PublicationConflict(`publication ${id} is ${again?.status ?? 'gone'}`);
      }
      return { data: present((await store().findById(id)) as PublicationRow) };
    },
  };
};
