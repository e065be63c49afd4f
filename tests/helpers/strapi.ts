/**
 * Boots a real Strapi on a fresh temporary SQLite database for one test file.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';

const TEST_SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];

export interface TestApp {
  strapi: Core.Strapi;
  server: any;
  dbFile: string;
  stop: () => Promise<void>;
}

/** With TEST_DATABASE_URL set, each test file gets its own schema in that PostgreSQL database. */
async function postgresSchema(url: string) {
  const { Client } = require('pg');
  const schema = `test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema, DATABASE_POOL_MIN: '0', DATABASE_POOL_MAX: '5' },
    async drop() {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

async function drainPool(instance: Core.Strapi, timeoutMs = 5000) {
  const pool = (instance.db?.connection as any)?.client?.pool;
  if (!pool) return;
  const deadline = Date.now() + timeoutMs;
  // Idle for two consecutive checks: a finished query may start the next one of a chain.
  let idleChecks = 0;
  while (Date.now() < deadline && idleChecks < 2) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const busy = pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates();
    idleChecks = busy === 0 ? idleChecks + 1 : 0;
  }
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

export async function startStrapi(opts: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-test-'));
  const dbFile = path.join(dir, 'data.db');
  const pg = process.env.TEST_DATABASE_URL ? await postgresSchema(process.env.TEST_DATABASE_URL) : null;
  if (pg) Object.assign(process.env, pg.env);
  for (const name of TEST_SECRETS) {
    process.env[name] = name === 'APP_KEYS' ? 'k1,k2' : crypto.randomBytes(32).toString('base64');
  }
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: dbFile,
    SEED: 'false',
    SERVE_ADMIN: 'false',
    // Tests drive the planner and dispatcher themselves.
    SCHEDULER_WORKER: 'false',
    // Tests' receivers and fake platforms listen on loopback at random ports: allowed here,
    // and nowhere else (tests/destinations.test.ts sets its own list to attack the policy).
    SCHEDULER_ALLOWED_DESTINATIONS: '127.0.0.1',
    ...(pg?.env ?? {}),
    ...opts.env,
  });
  const { createStrapi } = require('@strapi/strapi');
  const appDir = process.cwd();
  const instance: Core.Strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  instance.log.level = process.env.TEST_LOG_LEVEL ?? 'error';
  await instance.load();
  await instance.server.mount();
  return {
    strapi: instance,
    server: instance.server.httpServer,
    dbFile,
    async stop() {
      // Strapi does some work after a response without awaiting it (an API token's
      // lastUsedAt, for one). Closing the pool under such a query makes knex abort it with
      // an unhandled "aborted" rejection, so let the pool go idle first.
      await drainPool(instance);
      await instance.destroy();
      await pg?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A full-access API token, as another app would use. */
export async function createApiToken(strapi: Core.Strapi, type: 'full-access' | 'read-only' = 'full-access'): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name: `test-${type}-${crypto.randomUUID()}`,
    type,
    lifespan: null,
    description: 'test',
  });
  return token.accessKey;
}
