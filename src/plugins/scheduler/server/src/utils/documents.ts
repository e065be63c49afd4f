import type { Core, UID } from '@strapi/strapi';

/** A document as read: its fields are the content type's (checked where they are used). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents of several content types, read by field name
export type Doc = Record<string, any>;

/** The few Document Service calls the plugin makes with filters built at run time. */
export interface LooseDocuments {
  findFirst(params: Record<string, unknown>): Promise<Doc | null>;
  findOne(params: Record<string, unknown>): Promise<Doc | null>;
  findMany(params: Record<string, unknown>): Promise<Doc[]>;
}

/**
 * strapi.documents for a uid chosen at run time: Strapi types each uid's parameters exactly
 * (filters, populate), which a lookup shared by several content types cannot satisfy.
 */
export const documentsOf = (strapi: Core.Strapi, uid: string): LooseDocuments =>
  strapi.documents(uid as UID.ContentType) as unknown as LooseDocuments;
