/**
 * Several app instances as separate processes on one database, as a team runs them behind
 * a load balancer: start, SIGKILL, restart. Used by the cluster test, `npm run drill` and
 * `npm run bench`. Each instance is tests/helpers/worker-process.js (the compiled app with
 * the planner and dispatcher loops on).
 */
import path from 'path';
import net from 'net';
import { spawn, type ChildProcess } from 'child_process';

const WORKER = path.join(__dirname, 'worker-process.js');

/** Every instance this process started: none outlives it, however it ends. */
const spawned = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export interface Instance {
  index: number;
  child: ChildProcess;
  pid: number;
  /** The dispatcher's owner id (hostname:pid:random), as leases and rows record it. */
  owner: string;
  port: number | null;
  url: string | null;
  exited: Promise<void>;
  stderr: () => string;
  /** MB the process still holds after a full GC (V8 heap plus buffers): asks it with SIGUSR2. */
  retainedMb: () => Promise<number>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startInstance(
  index: number,
  env: Record<string, string>,
  opts: { http?: boolean; readyTimeoutMs?: number } = {}
): Promise<Instance> {
  const port = opts.http ? await freePort() : null;
  const child = spawn(process.execPath, [WORKER], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      SEED: 'false',
      SERVE_ADMIN: 'false',
      SCHEDULER_WORKER: 'true',
      ...env,
      ...(port ? { WORKER_HTTP_PORT: String(port) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const owner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`instance ${index} not ready in time: ${err.slice(-2000)}`)),
      opts.readyTimeoutMs ?? 120_000
    );
    child.stdout!.on('data', (d) => {
      const m = /READY (\S+)/.exec(String(d));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`instance ${index} exited (${code ?? signal}) before it was ready: ${err.slice(-2000)}`));
    });
  });
  const retainedMb = () =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`instance ${index} did not report its retained memory`)), 30_000);
      const onData = (d: Buffer) => {
        const m = /RETAINED (\d+)/.exec(String(d));
        if (!m) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(Number(m[1]) / 1024 / 1024);
      };
      child.stdout!.on('data', onData);
      child.kill('SIGUSR2');
    });
  return {
    index,
    child,
    pid: child.pid!,
    owner,
    port,
    url: port ? `http://127.0.0.1:${port}` : null,
    exited,
    stderr: () => err,
    retainedMb,
  };
}

export class Cluster {
  readonly instances: (Instance | null)[] = [];
  constructor(
    private readonly env: Record<string, string>,
    private readonly opts: { http?: boolean } = {}
  ) {}

  async start(count: number) {
    const started = await Promise.all(Array.from({ length: count }, (_, i) => startInstance(i, this.env, this.opts)));
    this.instances.push(...started);
    return started;
  }

  live(): Instance[] {
    return this.instances.filter((i): i is Instance => i !== null && i.child.exitCode === null && i.child.signalCode === null);
  }

  /** SIGKILL instance `index`: no shutdown hook runs (leases are left to expire). */
  async kill(index: number) {
    const instance = this.instances[index];
    if (!instance) return;
    instance.child.kill('SIGKILL');
    await instance.exited;
    this.instances[index] = null;
  }

  async restart(index: number) {
    if (this.instances[index]) await this.kill(index);
    this.instances[index] = await startInstance(index, this.env, this.opts);
    return this.instances[index]!;
  }

  async stopAll(signal: NodeJS.Signals = 'SIGKILL') {
    await Promise.all(
      this.instances.map(async (instance, i) => {
        if (!instance) return;
        instance.child.kill(signal);
        await Promise.race([instance.exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
        await instance.exited;
        this.instances[i] = null;
      })
    );
  }
}
