/** Sends requests with a bounded concurrency and judges each answer. */
import type { Req } from './types';
import { judge } from './judge';

export interface Outcome {
  req: Req;
  status: number; // 0 = network error / timeout
  text: string;
  problem: string | null;
}

export async function send(base: string, token: string, req: Req, timeoutMs: number): Promise<Outcome> {
  try {
    const res = await fetch(base + req.path, {
      method: req.method,
      headers: { authorization: `Bearer ${token}`, ...(req.headers ?? {}) },
      body: req.body as any,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { req, status: res.status, text, problem: judge(req, res.status, text) };
  } catch (err: any) {
    const msg = `${err?.name ?? 'Error'}: ${err?.message ?? err}${err?.cause ? ` (${err.cause.code ?? err.cause.message ?? err.cause})` : ''}`;
    return { req, status: 0, text: msg, problem: judge(req, 0, msg) };
  }
}

export async function runAll(base: string, token: string, reqs: Req[], concurrency: number, timeoutMs: number): Promise<Outcome[]> {
  const out: Outcome[] = new Array(reqs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, reqs.length) }, async () => {
      while (next < reqs.length) {
        const i = next++;
        out[i] = await send(base, token, reqs[i], timeoutMs);
      }
    })
  );
  return out;
}
