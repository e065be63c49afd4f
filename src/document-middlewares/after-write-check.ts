import type { Core } from '@strapi/strapi';

/** A written document: id, documentId and locale, and the type's other fields (unknown until read). */
type Doc = Record<string, unknown> & { id: number; documentId: string; locale?: string };

/**
 * Runs `check` on the written document inside the same transaction as the write, so a
 * failed check (a thrown ValidationError, which Strapi answers with a 400) rolls the
 * write back: nothing is half-written. Checking after the write sees the merged result
 * of partial updates and every relation format the API accepts.
 */
export function afterWriteCheck(strapi: Core.Strapi, uid: string, check: (doc: Doc) => Promise<void>) {
  return async (context: { uid: string; action: string }, next: () => Promise<unknown>) => {
    if (context.uid !== uid || (context.action !== 'create' && context.action !== 'update')) {
      return next();
    }
    return strapi.db.transaction(async () => {
      const result = (await next()) as Doc | null;
      if (result && result.documentId) await check(result);
      return result;
    });
  };
}
