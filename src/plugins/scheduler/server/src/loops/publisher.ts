import type { Core, UID } from '@strapi/strapi';
import type { Doc } from '../utils/documents';
import { PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { afterRun } from '../publishing';
import type { PublicationRow } from '../storage/publications';
import { getService } from '../utils/get-service';

/** An entry's type as notices name it: `api::daily-report.daily-report` → `daily-report`. */
export const typeName = (uid: string) => uid.split('.').pop() ?? uid;

/** Where an entry is edited in the admin (its locale selected). */
export function entryLink(base: string, uid: string, documentId: string, locale: string | null) {
  const root = base.replace(/\/+$/, '');
  return `${root}/admin/content-manager/collection-types/${uid}/${documentId}${locale ? `?plugins[i18n][locale]=${encodeURIComponent(locale)}` : ''}`;
}

/**
 * Runs scheduled publications when due (issue 16): claims due rows with a lease
 * (storage/publications.ts; one instance per row, a crashed instance's row is claimed again
 * once its lease ran out), then publishes or unpublishes through the document service, so
 * every document middleware runs. A failure is kept with its reason and noticed to the
 * default team group.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => getService('publications-store', strapi);
  const clock = () => getService('clock', strapi);

  async function run(row: PublicationRow): Promise<void> {
    // A uid chosen at run time (types with draft & publish only, checked at creation).
    const docs = strapi.documents(row.uid as UID.ContentType) as unknown as {
      findOne(p: Record<string, unknown>): Promise<Doc | null>;
      publish(p: Record<string, unknown>): Promise<unknown>;
      unpublish(p: Record<string, unknown>): Promise<unknown>;
    };
    const params = { documentId: row.documentId, ...(row.locale ? { locale: row.locale } : {}) };
    let outcome: { ok: true } | { error: unknown };
    try {
      // Publishing needs the document (any status) in that locale: a deleted entry is a failure, not a silent no-op.
      const exists = await docs.findOne({ ...params, status: 'draft', fields: ['documentId'] });
      if (!exists) throw new Error(`the entry ${row.documentId}${row.locale ? ` (${row.locale})` : ''} no longer exists`);
      if (row.action === 'publish') await docs.publish(params);
      else await docs.unpublish(params);
      outcome = { ok: true };
    } catch (err) {
      outcome = { error: err };
    }
    const patch = afterRun(outcome, clock().now());
    if (!(await store().finish(row.id, row.leaseToken as string, patch))) {
      strapi.log.warn(`[scheduler] publication ${row.id}: lease lost before its outcome was recorded`);
      return;
    }
    if (patch.status === 'failed') {
      strapi.log.warn(`[scheduler] publication ${row.id} (${row.action} ${row.uid} ${row.documentId}) failed: ${patch.reason}`);
      const notices = getService('notices', strapi);
      await notices.raiseSafely({
        kind: 'publication-failed',
        subjectKey: `publication:${row.id}`,
        title: `${row.action} of ${typeName(row.uid)} ${row.documentId}${row.locale ? ` (${row.locale})` : ''}`,
        reason: patch.reason,
        at: row.at,
        link: entryLink(notices.adminBase(), row.uid, row.documentId, row.locale),
      });
    }
  }

  return {
    /** One round: claims what is due and runs it, one after another; returns how many ran. */
    async tick(owner: string = getService('dispatcher', strapi).owner): Promise<number> {
      const rows = await store().claimDue(owner, clock().now(), config().leaseSeconds * 1000);
      for (const row of rows) await run(row);
      return rows.length;
    },
  };
};
