/** Percentiles, lateness summaries and the exactly-once check over receiver arrivals. */
import type { Arrival } from '../../tests/helpers/webhook-receiver';

/** Nearest-rank percentile of an ascending array. */
export const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;

export interface Lateness {
  /** Seconds, ascending: arrival at the receiver minus the post's due time. */
  seconds: number[];
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function lateness(seconds: number[]): Lateness {
  const s = [...seconds].sort((a, b) => a - b);
  return { seconds: s, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s[s.length - 1] ?? NaN };
}

export interface Delivery {
  expected: number;
  /** Distinct expected ids that arrived. */
  arrived: number;
  /** Arrivals beyond the first of an id (same webhook-id twice = one duplicate). */
  duplicates: number;
  /** Expected ids that never arrived. */
  lost: number;
  /** Arrivals whose id was not expected at all. */
  unexpected: number;
}

/** Exactly-once accounting of `arrivals` against the ids that should each arrive once. */
export function exactlyOnce(expectedIds: Iterable<string>, arrivals: Arrival[]): Delivery {
  const expected = new Set(expectedIds);
  const seen = new Map<string, number>();
  let unexpected = 0;
  for (const a of arrivals) {
    if (!expected.has(a.id)) unexpected += 1;
    seen.set(a.id, (seen.get(a.id) ?? 0) + 1);
  }
  let arrived = 0;
  let duplicates = 0;
  for (const id of expected) {
    const n = seen.get(id) ?? 0;
    if (n > 0) arrived += 1;
    if (n > 1) duplicates += n - 1;
  }
  return { expected: expected.size, arrived, duplicates, lost: expected.size - arrived, unexpected };
}

/** Arrivals whose id starts with `prefix`. */
export const withPrefix = (arrivals: Arrival[], prefix: string) => arrivals.filter((a) => a.id.startsWith(prefix));

export function addDelivery(a: Delivery, b: Delivery): Delivery {
  return {
    expected: a.expected + b.expected,
    arrived: a.arrived + b.arrived,
    duplicates: a.duplicates + b.duplicates,
    lost: a.lost + b.lost,
    unexpected: a.unexpected + b.unexpected,
  };
}
export const NO_DELIVERY: Delivery = { expected: 0, arrived: 0, duplicates: 0, lost: 0, unexpected: 0 };
