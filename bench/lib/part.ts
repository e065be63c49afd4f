/**
 * Each part of the bench runs in a child process of its own (a fresh Strapi, a fresh
 * database, nothing left over from the part before): its input comes in BENCH_PART (JSON),
 * its result goes to the file named by BENCH_RESULT.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn } from 'child_process';

export function partInput<T>(): T {
  if (!process.env.BENCH_PART) throw new Error('run through bench/index.ts (BENCH_PART is not set)');
  return JSON.parse(process.env.BENCH_PART) as T;
}

export function writeResult(result: unknown) {
  fs.writeFileSync(process.env.BENCH_RESULT!, JSON.stringify(result));
}

/** Runs `script` (a .ts file under bench/) with `input`; resolves with what it wrote, rejects on a crash. */
export async function runPart<R>(script: string, input: unknown): Promise<R> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sop-bench-')), 'result.json');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', script)], {
      env: { ...process.env, BENCH_PART: JSON.stringify(input), BENCH_RESULT: file },
      stdio: 'inherit',
    });
    child.once('exit', (c) => resolve(c));
  });
  if (code !== 0 || !fs.existsSync(file)) throw new Error(`${script} failed (exit ${code})`);
  const result = JSON.parse(fs.readFileSync(file, 'utf8')) as R;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return result;
}

/** Runs `fn`, writes its result, exits (0, or 1 with the error on stderr). */
export function main(fn: () => Promise<unknown>) {
  fn()
    .then((r) => {
      writeResult(r);
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
