/**
 * "Do not flood": at most N posts per group in any rolling hour. Extra posts are moved
 * later, to the first moment the hour has room again. Pure.
 */
const HOUR = 3_600_000;

export interface CappedTime {
  at: number;
  movedFrom: number | null;
}

/**
 * `fixed` are instants already taken (sent or planned earlier); `wanted` are the new
 * posts' instants, in order. Returns each new post's instant under the cap.
 */
export function applyHourlyCap(wanted: number[], fixed: number[], maxPerHour: number | null | undefined): CappedTime[] {
  if (!maxPerHour || maxPerHour <= 0) return wanted.map((at) => ({ at, movedFrom: null }));
  const taken = [...fixed].sort((a, b) => a - b);
  const out: CappedTime[] = [];
  const insert = (t: number) => {
    let i = taken.length;
    while (i > 0 && taken[i - 1] > t) i--;
    taken.splice(i, 0, t);
  };
  for (const original of wanted) {
    let at = original;
    for (let guard = 0; guard < 1000; guard++) {
      // Posts in the hour ending at `at` and in the hour starting at `at` must both stay under the cap.
      const inWindow = taken.filter((t) => t > at - HOUR && t <= at);
      const ahead = taken.filter((t) => t >= at && t < at + HOUR);
      if (inWindow.length < maxPerHour && ahead.length < maxPerHour) break;
      const blocking = inWindow.length >= maxPerHour ? inWindow[inWindow.length - maxPerHour] : ahead[ahead.length - maxPerHour];
      at = Math.max(at + 60_000, blocking + HOUR);
    }
    insert(at);
    out.push({ at, movedFrom: at === original ? null : original });
  }
  return out;
}
