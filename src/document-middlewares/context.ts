import type { Core, Modules, Struct, UID } from '@strapi/strapi';

/**
 * A document middleware's context as the rules here read it. Strapi types it per content
 * type and action (`Modules.Documents.Middleware.Context`), with `params.data` in each
 * type's input shape; these rules run for many types and check input those shapes cannot
 * vouch for (a date that is not one, an object where an id belongs), so they see the
 * parameters as unknown values to narrow. Strapi's context is assignable to this one
 * (checked below), so a Strapi upgrade that changes it fails to compile here.
 */
export interface DocumentContext {
  uid: UID.ContentType;
  action: string;
  contentType?: Struct.ContentTypeSchema;
  params?: DocumentParams;
}

export interface DocumentParams {
  documentId?: string;
  locale?: unknown;
  data?: unknown;
  filters?: unknown;
  fields?: unknown;
  populate?: unknown;
}

/** Ours resolve to whatever `next()` resolved to: the document service's own result. */
export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

type Assert<T extends true> = T;
type _StrapiContextFits = Assert<Modules.Documents.Middleware.Context extends DocumentContext ? true : false>;

/**
 * Registers one of our middlewares. The single cast: Strapi's `Middleware` type promises
 * the service's result type, which ours pass on from `next()` but TypeScript sees as unknown.
 */
export function useDocumentMiddleware(strapi: Core.Strapi, middleware: DocumentMiddleware): void {
  strapi.documents.use(middleware as Modules.Documents.Middleware.Middleware);
}

/** An object (arrays included) whose properties can be read and written by name. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
