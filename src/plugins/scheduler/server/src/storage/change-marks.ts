import type { Core } from '@strapi/strapi';
import { rawTable } from './raw-table';

/**
 * How many rows a table has and when one last changed: a cheap mark that moves whenever a
 * row is created, edited or deleted (the planner skips rounds while the marks of what
 * drives planning stay the same).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async mark(uid: string): Promise<string> {
    const { col, table, knex } = rawTable(strapi, uid);
    const row = (await knex()(table())
      .count({ n: '*' })
      .max({ at: col('updatedAt') })
      .first()) as { n?: number | string; at?: string | Date | null } | undefined;
    return `${row?.n ?? 0}@${row?.at ? new Date(row.at).getTime() : 0}`;
  },

  /** The marks of several tables in one statement (UNION ALL of the same count and max), in the order given. */
  async marks(uids: readonly string[]): Promise<string> {
    if (!uids.length) return '';
    const parts = uids.map((uid, i) => {
      const { col, table, knex } = rawTable(strapi, uid);
      return knex()(table())
        .select(knex().raw(`${i} as i`))
        .count({ n: '*' })
        .max({ at: col('updatedAt') });
    });
    const [first, ...rest] = parts;
    const found = (await (rest.length ? first.unionAll(rest) : first)) as {
      i: number | string;
      n?: number | string;
      at?: string | Date | null;
    }[];
    const byIndex = new Map(found.map((r) => [Number(r.i), r]));
    return uids
      .map((_, i) => {
        const row = byIndex.get(i);
        return `${row?.n ?? 0}@${row?.at ? new Date(row.at).getTime() : 0}`;
      })
      .join('|');
  },
});
