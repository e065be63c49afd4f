/** Starts the floor's sender processes (as many as our instances) and runs a round on them. */
import { fork, type ChildProcess } from 'child_process';
import path from 'path';

const WORKER = path.join(__dirname, 'floor-worker.ts');

const reply = (child: ChildProcess, type: string) =>
  new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: any) => {
      if (m.type !== type && m.type !== 'error') return;
      cleanup();
      if (m.type === type) resolve();
      else reject(new Error(`floor worker: ${m.message}`));
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`floor worker exited (${code})`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

export interface Floor {
  /** Sends ids `${prefix}0 … ${prefix}${count - 1}`, split evenly over the processes; resolves when all answered. */
  round(prefix: string, count: number, scheduledFor: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startFloor(opts: {
  processes: number;
  concurrency: number;
  receiverUrl: string;
  secret: string;
  groups: number;
}): Promise<Floor> {
  const children = Array.from({ length: opts.processes }, () =>
    fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  );
  await Promise.all(
    children.map((c) => {
      const ready = reply(c, 'ready');
      c.send({ type: 'prepare', receiverUrl: opts.receiverUrl, secret: opts.secret, groups: opts.groups });
      return ready;
    })
  );
  return {
    async round(prefix, count, scheduledFor) {
      const per = Math.ceil(count / children.length);
      await Promise.all(
        children.map((c, k) => {
          const done = reply(c, 'done');
          c.send({
            type: 'go',
            prefix,
            from: k * per,
            to: Math.min(count, (k + 1) * per),
            groups: opts.groups,
            concurrency: opts.concurrency,
            scheduledFor,
          });
          return done;
        })
      );
    },
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.send({ type: 'exit' });
            })
        )
      );
    },
  };
}
