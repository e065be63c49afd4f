import path from 'path';
import type { Core } from '@strapi/strapi';

/** The better-sqlite3 connection knex hands to the pool's afterCreate (what is used of it). */
interface SqliteConnection {
  pragma(source: string): unknown;
}

/**
 * SQLite (embedded, file under .tmp/) unless DATABASE_CLIENT=postgres.
 * Everything comes from the environment; nothing is hard-coded for production.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    const url = env('DATABASE_URL', '');
    const connection = url
      ? {
          connectionString: url,
          ssl: env.bool('DATABASE_SSL', false) && {
            rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
          },
          schema: env('DATABASE_SCHEMA', 'public'),
        }
      : {
          host: env('DATABASE_HOST', 'localhost'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'strapi'),
          user: env('DATABASE_USERNAME', 'strapi'),
          password: env('DATABASE_PASSWORD', ''),
          ssl: env.bool('DATABASE_SSL', false) && {
            rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
          },
          schema: env('DATABASE_SCHEMA', 'public'),
        };
    return {
      connection: {
        client: 'postgres',
        connection,
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}"`);
  }
  const journalMode = env('DATABASE_SQLITE_JOURNAL_MODE', 'wal').toLowerCase();
  if (!['wal', 'delete', 'truncate', 'persist'].includes(journalMode)) {
    throw new Error(`DATABASE_SQLITE_JOURNAL_MODE must be wal, delete, truncate or persist, got "${journalMode}"`);
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      pool: {
        // WAL: readers never wait for the writer, and a commit is one append and one fsync of
        // the log instead of a rollback journal's several (synchronous stays FULL: a
        // committed outcome survives a power cut). A file on a network filesystem needs
        // DATABASE_SQLITE_JOURNAL_MODE=delete.
        afterCreate: (conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) => {
          try {
            conn.pragma(`journal_mode = ${journalMode}`);
            done(null, conn);
          } catch (err) {
            done(err as Error, conn);
          }
        },
      },
    },
  };
};
