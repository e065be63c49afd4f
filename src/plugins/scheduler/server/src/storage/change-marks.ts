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
});
