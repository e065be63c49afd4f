/**
 * Pacing: whether a send to one target (robot, chat, receiver URL) may go now, given the
 * times of the target's other recent sends. Pure; used by the shared slots in the database
 * (storage/rate-limit-slots.ts) and by the dispatcher's per-instance count alike.
 *
 * Two sliding windows: at most `perMinute` sends in any 60 seconds and, when the platform
 * also has a per-second limit (Feishu: 5 a second beside 100 a minute), at most `perSecond`
 * in any SECOND_WINDOW_MS. A send at `now` counts the others in (now − window, now]. Without
 * the second window, a queue of posts due at once would go out as one burst of `perMinute`.
 *
 * The second's window is 1.2 s, not 1 s: a slot is taken before the post is composed and
 * sent, and the platform counts arrivals, so one request that took longer to leave than the
 * next must not put six in one of the platform's seconds. That costs no throughput where the
 * minute is the tighter limit (100 a minute is 1.7 a second).
 */
export const MINUTE_MS = 60_000;
export const SECOND_WINDOW_MS = 1_200;

export interface PaceLimit {
  perMinute: number;
  /** At most this many in any second, counted over SECOND_WINDOW_MS (none: only the minute counts). */
  perSecond?: number;
}

/**
 * 0 when a send at `now` keeps both windows within their limits; otherwise the milliseconds
 * until the oldest send that fills a window leaves it (at least 1).
 */
export function paceWait(others: readonly number[], now: number, limit: PaceLimit): number {
  const windowWait = (windowMs: number, max: number): number => {
    const inWindow = others.filter((t) => t > now - windowMs).sort((a, b) => b - a);
    if (inWindow.length < max) return 0;
    // The `max`-th newest: once it leaves the window, there is room for one more.
    return Math.max(1, inWindow[max - 1] + windowMs - now);
  };
  const minute = windowWait(MINUTE_MS, limit.perMinute);
  const second = limit.perSecond ? windowWait(SECOND_WINDOW_MS, limit.perSecond) : 0;
  return Math.max(minute, second);
}
