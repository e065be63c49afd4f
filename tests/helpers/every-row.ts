/**
 * Every row of every table as text (SQLite or PostgreSQL), for tests that prove a
 * credential is stored nowhere in clear. Values as stored, not JSON-escaped again, so an
 * escaped echo is seen as it is.
 */
import type { Core } from '@strapi/strapi';

export async function everyRowText(strapi: Core.Strapi): Promise<string> {
  const knex = strapi.db.connection;
  const tables: string[] =
    strapi.db.dialect.client === 'sqlite'
      ? (await knex.raw("select name from sqlite_master where type = 'table'")).map((r: { name: string }) => r.name)
      : (await knex.raw('select tablename from pg_tables where schemaname = current_schema()')).rows.map(
          (r: { tablename: string }) => r.tablename
        );
  const parts: string[] = [];
  for (const t of tables) for (const row of await knex(t).select('*')) parts.push(Object.values(row).map(String).join(' '));
  return parts.join('\n');
}
