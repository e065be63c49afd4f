/**
 * A fresh database per configuration: SQLite is a temp file (startStrapi makes it);
 * PostgreSQL is a new database `sop_bench_…` on the server of BENCH_PG_URL, dropped after.
 */
import crypto from 'crypto';

export type DbKind = 'sqlite' | 'postgres';

export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://sop:sop@127.0.0.1:5432/sop_test';

const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

async function admin<T>(fn: (client: any) => Promise<T>): Promise<T> {
  const { Client } = require('pg');
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function postgresAvailable(): Promise<string | null> {
  try {
    await admin((c) => c.query('SELECT 1'));
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export interface BenchDatabase {
  /** For startStrapi: TEST_DATABASE_URL (PostgreSQL) or nothing (SQLite temp file). */
  env: Record<string, string>;
  url: string | null;
  drop(): Promise<void>;
}

export async function freshDatabase(kind: DbKind, label: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') return { env: {}, url: null, drop: async () => undefined };
  const name = `sop_bench_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${crypto.randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(PG_URL, name);
  return {
    env: { TEST_DATABASE_URL: url },
    url,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
