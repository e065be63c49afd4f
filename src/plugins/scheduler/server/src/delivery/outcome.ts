/**
 * What an answer from a platform means for the delivery row. Pure.
 *  - ok: sent;
 *  - rate-limited: try again after the delay, not counted as a failed attempt;
 *  - retry: a failed attempt (5xx, 408, 409, timeouts, network errors); `down` when the
 *    receiver itself is unreachable (network errors, timeouts, 502/503/504), so one success
 *    there later means its other waiting posts can go;
 *  - permanent: dead at once (other 4xx, a platform's own "this will never work"); `gone`
 *    for HTTP 410: the receiver says the endpoint no longer exists.
 */
import { parseRetryAfter } from './backoff';

export type Outcome =
  | { kind: 'ok'; detail?: string }
  | { kind: 'rate-limited'; delayMs: number; reason: string }
  | { kind: 'retry'; reason: string; down?: boolean }
  | { kind: 'permanent'; reason: string; gone?: boolean };

/** Gateway answers that mean the service behind the receiver is down, not this post. */
const DOWN_STATUSES = new Set([502, 503, 504]);

export const DEFAULT_RATE_LIMIT_DELAY_MS = 60_000;
/** A rate limit's wait is at least this (`Retry-After: 0` must not make a tight loop) … */
export const MIN_RATE_LIMIT_DELAY_MS = 1_000;
/** … and at most this (an absurd value must not park a post for days). */
export const MAX_RATE_LIMIT_DELAY_MS = 3_600_000;

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

export const excerpt = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** The HTTP-level rules every platform shares; null for a 2xx (the platform reads the body). */
export function httpOutcome(answer: HttpAnswer, now = Date.now()): Outcome | null {
  const { status } = answer;
  if (status === 429) {
    // Retry-After, or the seconds a bot API may send in its JSON body instead (`parameters.retry_after`).
    const json = parseJson(answer.body) as { parameters?: { retry_after?: unknown } } | null;
    const bodySeconds = json?.parameters?.retry_after;
    const asked =
      parseRetryAfter(answer.headers['retry-after'], now) ??
      (typeof bodySeconds === 'number' && Number.isFinite(bodySeconds) ? bodySeconds * 1000 : null) ??
      DEFAULT_RATE_LIMIT_DELAY_MS;
    const delayMs = Math.min(MAX_RATE_LIMIT_DELAY_MS, Math.max(MIN_RATE_LIMIT_DELAY_MS, asked));
    return { kind: 'rate-limited', delayMs, reason: `HTTP 429: ${excerpt(answer.body)}` };
  }
  if (status === 408 || status === 409 || status >= 500)
    return { kind: 'retry', reason: `HTTP ${status}: ${excerpt(answer.body)}`, ...(DOWN_STATUSES.has(status) ? { down: true } : {}) };
  if (status === 410) return { kind: 'permanent', reason: `HTTP 410 Gone: ${excerpt(answer.body)}`, gone: true };
  if (status >= 400) return { kind: 'permanent', reason: `HTTP ${status}: ${excerpt(answer.body)}` };
  if (status >= 300 && status < 400) {
    const location = (answer.headers.location ?? '').slice(0, 200);
    return { kind: 'retry', reason: `HTTP ${status}: redirect not followed${location ? ` (Location: ${location})` : ''}` };
  }
  if (status < 200 || status >= 300) return { kind: 'retry', reason: `unexpected HTTP ${status}` };
  return null; // 2xx: the platform adapter decides
}

export function plainOutcome(answer: HttpAnswer, now = Date.now()): Outcome {
  return httpOutcome(answer, now) ?? { kind: 'ok' };
}
