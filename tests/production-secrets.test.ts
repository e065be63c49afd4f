/**
 * Production refuses to start without its secrets and says which one is missing,
 * both in the prestart check and in Strapi's own configuration loading; a bad database
 * setting is named the same way.
 */
import { spawnSync } from 'child_process';
import path from 'path';
import os from 'os';
import fs from 'fs';

const root = path.resolve(__dirname, '..');
const ALL = {
  APP_KEYS: 'a,b',
  API_TOKEN_SALT: 's',
  ADMIN_JWT_SECRET: 's',
  TRANSFER_TOKEN_SALT: 's',
  JWT_SECRET: 's',
  ENCRYPTION_KEY: 's',
};

function cleanEnv(extra: Record<string, string>) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return { ...env, ...extra };
}

/** Loads the app's configuration and database the way `strapi start` does. */
const loadScript = `
  const { createStrapi } = require(${JSON.stringify(require.resolve('@strapi/strapi'))});
  createStrapi({ appDir: ${JSON.stringify(root)}, distDir: ${JSON.stringify(path.join(root, 'dist'))} })
    .load()
    .then(() => { console.log('LOADED'); process.exit(0); })
    .catch((e) => { console.error('FAILED: ' + e.message); process.exit(1); });`;

describe('production secrets', () => {
  it('prestart check names each missing secret and exits 1', () => {
    const { JWT_SECRET, ENCRYPTION_KEY, ...rest } = ALL;
    // Run from a copy of the script's folder so a developer's .env is not read.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-env-'));
    fs.cpSync(path.join(root, 'scripts'), path.join(dir, 'scripts'), { recursive: true });
    const res = spawnSync(process.execPath, [path.join(dir, 'scripts', 'ensure-env.js')], {
      env: cleanEnv({ ...rest, NODE_ENV: 'production' }),
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Missing required environment variable JWT_SECRET');
    expect(res.stderr).toContain('Missing required environment variable ENCRYPTION_KEY');
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(false);
  });

  it('the server itself refuses to load without one, naming it', () => {
    const { ADMIN_JWT_SECRET, ...rest } = ALL;
    const res = spawnSync(process.execPath, ['-e', loadScript], {
      cwd: os.tmpdir(),
      env: cleanEnv({
        ...rest,
        NODE_ENV: 'production',
        DATABASE_FILENAME: path.join(os.tmpdir(), `sop-prod-${process.pid}.db`),
        ENV_PATH: '/nonexistent/.env',
      }),
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(res.stdout).not.toContain('LOADED');
    expect(res.stderr).toContain('ADMIN_JWT_SECRET');
  });

  it('an unknown SQLite journal mode stops loading, naming the variable', () => {
    const res = spawnSync(process.execPath, ['-e', loadScript], {
      cwd: os.tmpdir(),
      env: cleanEnv({
        ...ALL,
        NODE_ENV: 'production',
        DATABASE_SQLITE_JOURNAL_MODE: 'memory; drop table x',
        DATABASE_FILENAME: path.join(os.tmpdir(), `sop-prod-j-${process.pid}.db`),
        ENV_PATH: '/nonexistent/.env',
      }),
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(res.stdout).not.toContain('LOADED');
    expect(res.stderr).toContain('DATABASE_SQLITE_JOURNAL_MODE must be wal, delete, truncate or persist');
  });
});
