/**
 * Outcome → next state, as a table: each row is a situation (attempts so far, the row's own
 * budget, probing or not) and an answer, with the state the rules in docs/delivery.md give.
 * The expected values are written out by hand from those rules, not computed by the code.
 */
import { afterAllPartsSent, afterFailedRequest, afterRefusedDestination, type AttemptContext } from '../next-state';
import type { Outcome } from '../outcome';

const AT = Date.parse('2026-12-01T08:00:00.000Z');
const payload = { requests: [{ url: 'http://127.0.0.1/x', body: '{}' }] };
// A fixed delay per attempt number stands in for the jittered backoff.
const ctx = (over: Partial<AttemptContext> = {}): AttemptContext => ({
  at: AT,
  partsSent: 0,
  probing: false,
  maxAttempts: 6,
  payload,
  delayMs: (attempts) => attempts * 1000,
  ...over,
});
const iso = (ms: number) => new Date(AT + ms).toISOString();

type Failed = Exclude<Outcome, { kind: 'ok' }>;
const rateLimited: Failed = { kind: 'rate-limited', delayMs: 30_000, reason: 'HTTP 429: slow down' };
const serverError: Failed = { kind: 'retry', reason: 'HTTP 500: oops' };
const down: Failed = { kind: 'retry', reason: 'network error: connect ECONNREFUSED', down: true };
const badRequest: Failed = { kind: 'permanent', reason: 'HTTP 400: bad' };
const gone: Failed = { kind: 'permanent', reason: 'HTTP 410 Gone: deleted', gone: true };

const cases: [
  string,
  { attempts: number; maxAttempts: number | null; rateLimitHits?: number },
  Failed,
  Partial<AttemptContext>,
  Record<string, unknown>,
  boolean,
][] = [
  // name, row, outcome, context, expected patch (subset, nextAttemptAt as ISO), endpoint gone
  [
    'rate limit: not an attempt, waits the delay',
    { attempts: 2, maxAttempts: null },
    rateLimited,
    {},
    { status: 'failed', failureClass: 'rate-limit', attempts: undefined, rateLimitHits: 1, nextAttemptAt: iso(30_000) },
    false,
  ],
  [
    'the 9th rate limit in a row: still not an attempt',
    { attempts: 2, maxAttempts: null, rateLimitHits: 8 },
    rateLimited,
    {},
    { status: 'failed', attempts: undefined, rateLimitHits: 9, nextAttemptAt: iso(30_000) },
    false,
  ],
  [
    'the 10th rate limit in a row counts as an attempt and starts the count again',
    { attempts: 2, maxAttempts: null, rateLimitHits: 9 },
    rateLimited,
    {},
    {
      status: 'failed',
      failureClass: 'rate-limit',
      attempts: 3,
      rateLimitHits: 0,
      nextAttemptAt: iso(30_000),
      reason: 'rate limited 10 times in a row; counted as attempt 3',
    },
    false,
  ],
  [
    'the 10th rate limit in a row on the last attempt: dead',
    { attempts: 5, maxAttempts: null, rateLimitHits: 9 },
    rateLimited,
    {},
    { status: 'dead', attempts: 6, nextAttemptAt: undefined, reason: 'gave up after 6 attempts: rate limited 10 times in a row' },
    false,
  ],
  [
    'any other answer ends a run of rate limits',
    { attempts: 1, maxAttempts: null, rateLimitHits: 7 },
    serverError,
    {},
    { status: 'failed', attempts: 2, rateLimitHits: 0 },
    false,
  ],
  [
    '5xx on the first attempt: retried after the first delay',
    { attempts: 0, maxAttempts: null },
    serverError,
    {},
    { status: 'failed', failureClass: 'response', attempts: 1, nextAttemptAt: iso(1000), reason: 'attempt 1 failed; will retry' },
    false,
  ],
  [
    'receiver down: retried, marked down',
    { attempts: 1, maxAttempts: null },
    down,
    {},
    { status: 'failed', failureClass: 'down', attempts: 2, nextAttemptAt: iso(2000) },
    false,
  ],
  [
    'last attempt of the plugin budget: dead',
    { attempts: 5, maxAttempts: null },
    serverError,
    {},
    { status: 'dead', attempts: 6, reason: 'gave up after 6 attempts: HTTP 500: oops' },
    false,
  ],
  ['the row own budget wins over the plugin one', { attempts: 2, maxAttempts: 3 }, serverError, {}, { status: 'dead', attempts: 3 }, false],
  [
    '4xx: dead at once, counted',
    { attempts: 0, maxAttempts: null },
    badRequest,
    {},
    { status: 'dead', attempts: 1, failureClass: null, reason: 'permanent failure: HTTP 400: bad' },
    false,
  ],
  ['410: dead and the endpoint is gone', { attempts: 3, maxAttempts: null }, gone, {}, { status: 'dead', attempts: 4 }, true],
  [
    'a probe that finds the receiver still down: no attempt, no new time',
    { attempts: 2, maxAttempts: null },
    down,
    { probing: true },
    { status: 'failed', failureClass: 'down', attempts: undefined, nextAttemptAt: undefined },
    false,
  ],
  [
    'a probe that gets a 5xx: a real attempt',
    { attempts: 2, maxAttempts: null },
    serverError,
    { probing: true },
    { status: 'failed', failureClass: 'response', attempts: 3 },
    false,
  ],
  [
    'a probe on the last attempt, still down: not dead',
    { attempts: 5, maxAttempts: null },
    down,
    { probing: true },
    { status: 'failed', attempts: undefined },
    false,
  ],
  ['parts that arrived are kept', { attempts: 0, maxAttempts: null }, serverError, { partsSent: 2 }, { partsSent: 2 }, false],
];

describe('afterFailedRequest', () => {
  it.each(cases)('%s', (_name, row, outcome, over, expected, endpointGone) => {
    const next = afterFailedRequest(row, outcome, ctx(over));
    const patch = { ...next.patch, nextAttemptAt: next.patch.nextAttemptAt?.toISOString() };
    for (const [field, value] of Object.entries(expected)) expect([field, patch[field as keyof typeof patch]]).toEqual([field, value]);
    expect(Boolean(next.endpointGone)).toBe(endpointGone);
    expect(next.patch.lastError).toBe(outcome.reason);
    expect(next.patch.payload).toBe(payload);
  });

  it('uses the real backoff when no delay is injected: after the first failure the next attempt waits 5 s (±20%)', () => {
    const next = afterFailedRequest({ attempts: 0, maxAttempts: null }, serverError, { ...ctx(), delayMs: undefined });
    const waited = next.patch.nextAttemptAt!.getTime() - AT;
    expect(waited).toBeGreaterThanOrEqual(4000);
    expect(waited).toBeLessThanOrEqual(6000);
  });
});

describe('afterAllPartsSent', () => {
  it.each([
    [0, 1],
    [3, 4],
  ])('after %i failed attempts the success is attempt %i', (attempts, expected) => {
    const { patch } = afterAllPartsSent({ attempts, maxAttempts: null }, { at: AT, partsSent: 3, payload });
    expect(patch).toEqual({
      status: 'sent',
      failureClass: null,
      attempts: expected,
      partsSent: 3,
      rateLimitHits: 0,
      sentAt: new Date(AT),
      payload,
      lastError: null,
    });
  });
});

describe('afterRefusedDestination', () => {
  it('dead at once, not an attempt, the policy sentence as the reason', () => {
    const reason = 'destination 10.0.0.1 is private, not allowed; see SCHEDULER_ALLOWED_DESTINATIONS';
    expect(afterRefusedDestination(reason, { partsSent: 1, payload }).patch).toEqual({
      status: 'dead',
      failureClass: null,
      partsSent: 1,
      lastError: reason,
      reason,
      payload,
    });
  });
});
