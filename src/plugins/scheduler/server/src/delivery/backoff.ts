/**
 * Retry timing, close to the Standard Webhooks schedule: immediately, 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h. Jitter spreads retries of many rows that failed
 * together (±20%), never below zero. Pure.
 */
export const DEFAULT_RETRY_DELAYS_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const DEFAULT_MAX_ATTEMPTS = 6;

/** Delay before attempt number `attempt + 1`, given `attempt` attempts made so far (1-based). */
export function retryDelayMs(attempt: number, opts: { delays?: number[]; jitter?: number; random?: () => number } = {}): number {
  const delays = opts.delays ?? DEFAULT_RETRY_DELAYS_MS;
  const base = delays[Math.min(Math.max(attempt, 0), delays.length - 1)];
  const jitter = opts.jitter ?? 0.2;
  const r = (opts.random ?? Math.random)();
  return Math.max(0, Math.round(base * (1 + jitter * (2 * r - 1))));
}

/** `Retry-After` is seconds or an HTTP date; returns milliseconds from `now`, or null. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date names its day and month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone
  // would also take "-5" or "12" for a date.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
