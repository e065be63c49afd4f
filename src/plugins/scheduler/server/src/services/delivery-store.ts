import type { Core } from '@strapi/strapi';
import { DELIVERY_UID } from '../constants';
import { newDocumentId, rawTable } from '../utils/raw-table';
import { isPostgres } from '../utils/dialect';
import { groupBy } from '../utils/group-by';

/**
 * Raw access to the deliveries table (high volume: knex in batches, one transaction per
 * batch), with column names taken from Strapi's own metadata.
 */
/** Inserting this many rows at once refreshes PostgreSQL's statistics of the table. */
const ANALYZE_AFTER_ROWS = 1000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { meta, col, table, knex } = rawTable(strapi, DELIVERY_UID);

  /** camelCase row → column names. */
  const toColumns = (row: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row))
      out[col(k)] = v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
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

  /** The PostgreSQL type a VALUES list needs for an attribute's column. */
  const pgType = (attribute: string) =>
    ({ integer: 'integer', datetime: 'timestamp', json: 'jsonb', boolean: 'boolean' })[
      (meta().attributes as any)[attribute]?.type as string
    ] ?? 'text';

  return {
    col,
    table,
    knex,
    toColumns,
    fromColumns,

    /**
     * Records outcomes of claimed rows in one transaction; a row changes only while it
     * still carries `leaseToken` (its lease holder's). On PostgreSQL rows with the same
     * fields go in one UPDATE … FROM (VALUES …), one round trip for a whole batch; SQLite,
     * in-process, takes them one by one inside the transaction.
     */
    async finishRows(items: { id: number; leaseToken: string; patch: Record<string, unknown> }[], now: Date) {
      const cleared = { leaseToken: null, leaseExpiresAt: null, probeAt: null, updatedAt: now };
      await knex().transaction(async (trx: any) => {
        if (!isPostgres(strapi)) {
          for (const { id, leaseToken, patch } of items) {
            await trx(table())
              .where('id', id)
              .where(col('leaseToken'), leaseToken)
              .update(toColumns({ ...patch, ...cleared }));
          }
          return;
        }
        for (const [k, group] of groupBy(items, (item) => Object.keys(item.patch).sort().join(','))) {
          const attributes = k ? k.split(',') : [];
          const sets = [...attributes.map(() => '?? = v.??'), ...Object.keys(cleared).map(() => '?? = ?')];
          const row = `(?::integer, ?::text${attributes.map((a) => `, ?::${pgType(a)}`).join('')})`;
          const names = ['id', '__token', ...attributes.map(col)];
          const sql = `update ?? as d set ${sets.join(', ')} from (values ${group.map(() => row).join(', ')}) as v(${names.map(() => '??').join(', ')}) where d.id = v.id and d.?? = v.__token`;
          const bindings = [
            table(),
            ...attributes.flatMap((a) => [col(a), col(a)]),
            ...Object.entries(toColumns(cleared)).flat(),
            ...group.flatMap(({ id, leaseToken, patch }) => {
              const values = toColumns(patch);
              return [id, leaseToken, ...attributes.map((a) => values[col(a)] ?? null)];
            }),
            ...names,
            col('leaseToken'),
          ];
          await trx.raw(sql, bindings);
        }
      });
    },

    /** Inserts rows; an existing key is left alone (the unique index decides). Returns how many were new. */
    async insertBatch(rows: Record<string, unknown>[], batchSize = 500): Promise<number> {
      let inserted = 0;
      const now = new Date();
      for (let i = 0; i < rows.length; i += batchSize) {
        const chunk = rows
          .slice(i, i + batchSize)
          .map((r) =>
            toColumns({ documentId: newDocumentId(), createdAt: now, updatedAt: now, publishedAt: now, attempts: 0, partsSent: 0, ...r })
          );
        await knex().transaction(async (trx) => {
          const created = await trx(table()).insert(chunk).onConflict(col('key')).ignore().returning('id');
          inserted += created.length;
        });
      }
      // After a bulk insert PostgreSQL's statistics still describe the old table until
      // autovacuum comes by, and the claim's plan for "due rows" can then be off by orders of
      // magnitude (seconds instead of milliseconds): refresh them now.
      if (inserted >= ANALYZE_AFTER_ROWS) await this.refreshStatistics();
      return inserted;
    },

    /** PostgreSQL: re-read the table's statistics (after bulk inserts). */
    async refreshStatistics() {
      if (isPostgres(strapi)) await knex().raw('analyze ??', [table()]);
    },
  };
};
