import type { Core } from '@strapi/strapi';
import crypto from 'crypto';
import { DELIVERY_UID } from '../constants';

/**
 * Raw access to the deliveries table (high volume: knex in batches, one transaction per
 * batch), with column names taken from Strapi's own metadata.
 */
/** A documentId in Strapi's shape (24 lower-case alphanumerics, starting with a letter). */
const documentId = () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(24);
  let id = alphabet[bytes[0] % 26];
  for (let i = 1; i < 24; i++) id += alphabet[bytes[i] % 36];
  return id;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const meta = () => strapi.db.metadata.get(DELIVERY_UID);
  // Column names are looked up for every field of every row: resolved once.
  const columns = new Map<string, string>();
  const col = (attribute: string): string => {
    let name = columns.get(attribute);
    if (name === undefined) {
      name = (meta().attributes as any)[attribute]?.columnName ?? attribute;
      columns.set(attribute, name as string);
    }
    return name as string;
  };
  const table = () => meta().tableName;
  const knex = () => strapi.db.connection;

  /** camelCase row → column names. */
  const toColumns = (row: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[col(k)] = v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
    return out;
  };
  /** Column names → camelCase. */
  const fromColumns = (row: Record<string, any>) => {
    const out: Record<string, any> = {};
    for (const [attribute, def] of Object.entries(meta().attributes as Record<string, any>)) {
      const name = def.columnName ?? attribute;
      if (name in row) out[attribute] = row[name];
    }
    for (const a of ['scheduledFor', 'dueAt', 'nextAttemptAt', 'leaseExpiresAt', 'sentAt', 'createdAt', 'updatedAt']) {
      if (out[a] !== null && out[a] !== undefined) out[a] = new Date(out[a]);
    }
    for (const a of ['payload', 'member']) if (typeof out[a] === 'string') out[a] = JSON.parse(out[a]);
    return out;
  };

  return {
    col,
    table,
    knex,
    toColumns,
    fromColumns,

    /** Inserts rows; an existing key is left alone (the unique index decides). Returns how many were new. */
    async insertBatch(rows: Record<string, unknown>[], batchSize = 500): Promise<number> {
      let inserted = 0;
      const now = new Date();
      for (let i = 0; i < rows.length; i += batchSize) {
        const chunk = rows.slice(i, i + batchSize).map((r) =>
          toColumns({ documentId: documentId(), createdAt: now, updatedAt: now, publishedAt: now, attempts: 0, partsSent: 0, ...r })
        );
        await knex().transaction(async (trx) => {
          const created = await trx(table()).insert(chunk).onConflict(col('key')).ignore().returning('id');
          inserted += created.length;
        });
      }
      return inserted;
    },
  };
};
