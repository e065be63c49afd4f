/**
 * The cron-tick side's own table, in the same database as ours: scheduled items with their
 * content, a publish time and a published flag, as a "publish at" plugin keeps them.
 */
import { groupName, groupSlug, renderPost } from '../lib/payload';

export const TABLE = 'bench_cron_items';

export async function createTable(knex: any) {
  await knex.schema.createTable(TABLE, (t: any) => {
    t.increments('id');
    t.string('key').notNullable().unique();
    t.string('group_slug').notNullable();
    t.string('group_name').notNullable();
    t.string('endpoint').notNullable();
    t.string('title');
    t.text('markdown');
    t.text('text');
    t.text('html');
    t.timestamp('publish_at', { useTz: true }).notNullable();
    t.timestamp('published_at', { useTz: true }).nullable();
    t.index(['publish_at']);
  });
}

/** `count` items keyed `${prefix}${i}`, item i to group i % groups, publish at `publishAt(i)`. */
export async function insertItems(
  knex: any,
  prefix: string,
  count: number,
  groups: number,
  receiverUrl: string,
  publishAt: (i: number) => Date
) {
  const contents = Array.from({ length: groups }, (_, g) => renderPost(groupName(g)));
  const rows = Array.from({ length: count }, (_, i) => {
    const g = i % groups;
    return {
      key: `${prefix}${i}`,
      group_slug: groupSlug(g),
      group_name: groupName(g),
      endpoint: `${receiverUrl}/hook/${groupSlug(g)}`,
      title: 'bench',
      ...contents[g],
      publish_at: publishAt(i),
      published_at: null,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await knex.batchInsert(TABLE, rows.slice(i, i + 500), 500);
  return rows.map((r) => r.key);
}
