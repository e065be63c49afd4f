import type { Core } from '@strapi/strapi';
import crypto from 'crypto';

/** A documentId in Strapi's shape (24 lower-case alphanumerics, starting with a letter). */
export function newDocumentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(24);
  let id = alphabet[bytes[0] % 26];
  for (let i = 1; i < 24; i++) id += alphabet[bytes[i] % 36];
  return id;
}

/**
 * Knex access to one of the plugin's internal tables (deliveries, leases, pacing slots),
 * with column names taken from Strapi's own metadata and resolved once per attribute.
 */
export function rawTable(strapi: Core.Strapi, uid: string) {
  const meta = () => strapi.db.metadata.get(uid as any);
  const columns = new Map<string, string>();
  const col = (attribute: string): string => {
    let name = columns.get(attribute);
    if (name === undefined) {
      name = ((meta().attributes as any)[attribute]?.columnName ?? attribute) as string;
      columns.set(attribute, name);
    }
    return name;
  };
  return { meta, col, table: () => meta().tableName, knex: () => strapi.db.connection };
}
