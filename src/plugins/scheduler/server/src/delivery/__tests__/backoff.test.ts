import { retryDelayMs, parseRetryAfter, DEFAULT_RETRY_DELAYS_MS } from '../backoff';

describe('retry backoff', () => {
  it('follows the Standard Webhooks-like schedule without jitter', () => {
    const noJitter = { jitter: 0 };
    expect([0, 1, 2, 3, 4].map((a) => retryDelayMs(a, noJitter))).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000]);
    // Past the end of the table the last delay repeats.
    expect(retryDelayMs(50, noJitter)).toBe(DEFAULT_RETRY_DELAYS_MS[DEFAULT_RETRY_DELAYS_MS.length - 1]);
  });

  it('jitters within ±20%', () => {
    expect(retryDelayMs(2, { random: () => 0 })).toBe(240_000);
    expect(retryDelayMs(2, { random: () => 1 })).toBe(360_000);
    expect(retryDelayMs(0, { random: () => 0 })).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(parseRetryAfter('Tue, 01 Dec 2026 00:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
