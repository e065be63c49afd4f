import type { Core } from '@strapi/strapi';
import { DELIVERY_UID } from '../constants';
import { newDocumentId, rawTable } from '../utils/raw-table';

/**
 * Raw access to the deliveries table (high volume: knex in batches, one transaction per
 * batch), with column names taken from Strapi's own metadata.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { meta, col, table, knex } = rawTable(strapi, DELIVERY_UID);

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
    for (const a of ['scheduledFor', 'dueAt', 'nextAttemptAt', 'probeAt', 'leaseExpiresAt', 'sentAt', 'createdAt', 'updatedAt']) {
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
          toColumns({ documentId: newDocumentId(), createdAt: now, updatedAt: now, publishedAt: now, attempts: 0, partsSent: 0, ...r })
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
