import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import crypto from 'crypto';

/** A documentId in Strapi's shape (24 lower-case alphanumerics, starting with a letter). */
export function newDocumentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(24);
  let id = alphabet[bytes[0] % 26];
  for (let i = 1; i < 24; i++) id += alphabet[bytes[i] % 36];
  return id;
}

/** A row as the driver returns it: column name → value. */
export type DbRow = Record<string, unknown>;

export interface RawTable {
  /** Column name of an attribute (Strapi's metadata, resolved once). */
  col(attribute: string): string;
  table(): string;
  knex(): Knex;
  /** Attribute → its type in the schema (integer, datetime, json, …). */
  attributeTypes(): Record<string, string>;
}

/**
 * Knex access to one of the plugin's internal tables (deliveries, leases, rate-limit slots)
 * or to the app's groups table, with column names taken from Strapi's own metadata.
 */
export function rawTable(strapi: Core.Strapi, uid: string): RawTable {
  const meta = () => strapi.db.metadata.get(uid);
  const columns = new Map<string, string>();
  const col = (attribute: string): string => {
    let name = columns.get(attribute);
    if (name === undefined) {
      const attr = meta().attributes[attribute] as { columnName?: string } | undefined;
      name = attr?.columnName ?? attribute;
      columns.set(attribute, name);
    }
    return name;
  };
  // The schema does not change while the app runs: read it once (rows are converted by the thousand).
  let types: Record<string, string> | undefined;
  const attributeTypes = () => (types ??= Object.fromEntries(Object.entries(meta().attributes).map(([name, a]) => [name, a.type])));
  return { col, table: () => meta().tableName, knex: () => strapi.db.connection, attributeTypes };
}
