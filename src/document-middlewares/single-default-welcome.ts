import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { fieldError } from '../utils/validation-error';
import { afterWriteCheck } from './after-write-check';

/** The fields read of each welcome script (relations populated with their id only). */
interface WelcomeRow {
  documentId: string;
  channel?: { id: number } | null;
  group?: { id: number } | null;
}

/**
 * One default welcome script (no channel, no group) per locale; it covers members
 * from unknown channels. Scripts are few, so all of a locale's are read and compared.
 */
export const singleDefaultWelcome = (strapi: Core.Strapi) =>
  afterWriteCheck(strapi, UID.welcomeScript, async (doc) => {
    const rows: WelcomeRow[] = await strapi.db.query(UID.welcomeScript).findMany({
      select: ['documentId'],
      where: { locale: doc.locale },
      populate: { channel: { select: ['id'] }, group: { select: ['id'] } },
    });
    const isDefault = (r: WelcomeRow) => !r.channel && !r.group;
    const mine = rows.filter((r) => r.documentId === doc.documentId);
    if (!mine.some(isDefault)) return;
    const other = rows.find((r) => r.documentId !== doc.documentId && isDefault(r));
    if (other) {
      throw fieldError(
        'channel',
        `A default welcome script (no channel, no group) already exists in locale ${doc.locale} (document ${other.documentId}); choose a channel or a group`
      );
    }
  });
