/**
 * Incremental count of the distinct ids with a prefix among a receiver's arrivals, and when
 * the last of them first arrived (a duplicate does not move it).
 */
import type { Arrival } from '../../tests/helpers/webhook-receiver';

export function tally(arrivals: Arrival[], prefix: string) {
  let scanned = arrivals.length;
  const ids = new Set<string>();
  let last = 0;
  const scan = () => {
    for (; scanned < arrivals.length; scanned++) {
      const a = arrivals[scanned];
      if (!a.id.startsWith(prefix) || ids.has(a.id)) continue;
      ids.add(a.id);
      if (a.at > last) last = a.at;
    }
    return ids.size;
  };
  return { count: scan, last: () => (scan(), last) };
}

/** Lateness in seconds (first arrival − scheduledFor) of every id with `prefix`. */
export function firstLateness(arrivals: Arrival[], prefix: string): number[] {
  const first = new Map<string, number>();
  for (const a of arrivals) if (a.id.startsWith(prefix) && !first.has(a.id)) first.set(a.id, (a.at - Date.parse(a.scheduledFor)) / 1000);
  return [...first.values()];
}

/** Resolves once no request has arrived for `quietMs` (or after `maxMs`). */
export async function settle(requests: () => number, quietMs: number, maxMs: number) {
  const deadline = Date.now() + maxMs;
  let last = requests();
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = requests();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}
