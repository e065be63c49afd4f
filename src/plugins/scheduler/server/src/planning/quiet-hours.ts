/**
 * Quiet hours (禁言时间): local windows in which nothing is posted. Pure logic.
 *
 * A window is [start, end) in the group's local wall-clock time and may wrap midnight
 * (22:00-07:00). An occurrence inside a window is either deferred to the window's end
 * or skipped; deferring repeats while the new time falls into another window.
 */
import { DateTime } from 'luxon';

export interface QuietWindow {
  start: string; // 'HH:mm' or 'HH:mm:ss(.SSS)'
  end: string;
}

export type QuietDecision =
  { action: 'none' } | { action: 'skip'; window: QuietWindow } | { action: 'defer'; window: QuietWindow; movedTo: Date };

const minutesOf = (time: string) => {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
};

/** The window containing this local minute of the day, if any. */
export function windowAt(minuteOfDay: number, windows: QuietWindow[]): QuietWindow | null {
  for (const w of windows) {
    const start = minutesOf(w.start);
    const end = minutesOf(w.end);
    if (start === end) continue;
    const inside = start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
    if (inside) return w;
  }
  return null;
}

/** The instant a window ends, for a local time inside it. */
function windowEnd(local: DateTime, window: QuietWindow): DateTime {
  const end = minutesOf(window.end);
  const minute = local.hour * 60 + local.minute;
  // Before the end on the same local day (the morning part of a wrapping window) or after it (evening part).
  const day = minute < end ? local.startOf('day') : local.startOf('day').plus({ days: 1 });
  return day.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
}

export function decideQuiet(
  instant: Date,
  zone: string,
  windows: QuietWindow[] | null | undefined,
  policy: 'defer' | 'skip'
): QuietDecision {
  if (!windows || windows.length === 0) return { action: 'none' };
  let local = DateTime.fromJSDate(instant, { zone });
  const first = windowAt(local.hour * 60 + local.minute, windows);
  if (!first) return { action: 'none' };
  if (policy === 'skip') return { action: 'skip', window: first };
  // Windows can chain (21:00-22:00 then 22:00-07:00); a handful of hops is enough.
  let window: QuietWindow | null = first;
  for (let hop = 0; window && hop < 8; hop++) {
    local = windowEnd(local, window);
    window = windowAt(local.hour * 60 + local.minute, windows);
  }
  if (window) return { action: 'skip', window: first }; // quiet around the clock
  return { action: 'defer', window: first, movedTo: local.toJSDate() };
}
