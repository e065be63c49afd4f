import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { fieldError } from '../utils/validation-error';
import { afterWriteCheck } from './after-write-check';

/** A course has one lesson per day (per locale). */
export const uniqueLessonDay = (strapi: Core.Strapi) =>
  afterWriteCheck(strapi, UID.lesson, async (doc) => {
    const row = await strapi.db.query(UID.lesson).findOne({
      where: { id: doc.id },
      populate: { course: { select: ['documentId'] } },
    });
    const courseDocumentId = row?.course?.documentId;
    if (!courseDocumentId) return;
    const clash = await strapi.db.query(UID.lesson).findOne({
      select: ['documentId'],
      where: {
        day: row.day,
        locale: row.locale,
        documentId: { $ne: doc.documentId },
        course: { documentId: courseDocumentId },
      },
    });
    if (clash) {
      throw fieldError('day', `This course already has a lesson for day ${row.day} (document ${clash.documentId})`);
    }
  });
