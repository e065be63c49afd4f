import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { fieldError } from '../utils/validation-error';
import { afterWriteCheck } from './after-write-check';

/** At most one report per date + edition + locale. */
export const uniqueReport = (strapi: Core.Strapi) =>
  afterWriteCheck(strapi, UID.dailyReport, async (doc) => {
    const clash = await strapi.db.query(UID.dailyReport).findOne({
      select: ['documentId'],
      where: { date: doc.date, edition: doc.edition, locale: doc.locale, documentId: { $ne: doc.documentId } },
    });
    if (clash) {
      throw fieldError(
        'date',
        `A ${doc.edition} report for ${doc.date} already exists in locale ${doc.locale} (document ${clash.documentId}); edit that one instead`
      );
    }
  });

/** At most one topic per date + locale. */
export const uniqueTopic = (strapi: Core.Strapi) =>
  afterWriteCheck(strapi, UID.dailyTopic, async (doc) => {
    const clash = await strapi.db.query(UID.dailyTopic).findOne({
      select: ['documentId'],
      where: { date: doc.date, locale: doc.locale, documentId: { $ne: doc.documentId } },
    });
    if (clash) {
      throw fieldError(
        'date',
        `A daily topic for ${doc.date} already exists in locale ${doc.locale} (document ${clash.documentId}); edit that one instead`
      );
    }
  });
