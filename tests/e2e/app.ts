/**
 * Builds the admin and starts the app as a user would (`strapi start`), on a temporary
 * SQLite database that the first boot fills with the demo, with the scheduler running.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

const root = path.resolve(__dirname, '../..');
const strapiBin = path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

const secret = () => crypto.randomBytes(32).toString('base64');

/** Fresh secrets for this run (a clean clone has no .env; the config refuses to load without them). */
const secrets = {
  APP_KEYS: `${secret()},${secret()}`,
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
};

export function buildAdmin() {
  const result = spawnSync(process.execPath, [strapiBin, 'build'], {
    cwd: root,
    stdio: 'pipe',
    encoding: 'utf8',
    env: { ...process.env, ...secrets, NODE_ENV: 'development' },
  });
  if (result.status !== 0) throw new Error(`strapi build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface RunningApp {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startApp(port: number): Promise<RunningApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-e2e-'));
  const env = {
    ...process.env,
    // Development mode: the demo is seeded and the platform bases stay on loopback.
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'data.db'),
    SEED: 'true',
    SCHEDULER_WORKER: 'true',
    SCHEDULER_PLANNER_INTERVAL_MS: '2000',
    SCHEDULER_DISPATCH_INTERVAL_MS: '500',
    ...secrets,
    BROWSER: 'none',
  };
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [strapiBin, 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204 || res.ok) return { url, log: () => output, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not answer within 120 s:\n${output.slice(-4000)}`);
}
