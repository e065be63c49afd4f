/**
 * Lateness of sent posts (sentAt − scheduledFor, whole seconds) kept as a small fixed
 * histogram, so that a group-day summarized in several batches (an old row that finished
 * later is pruned in a later run) merges exactly: merging two histograms gives the same
 * histogram as summarizing all rows at once, and the percentiles are derived from it.
 * Pure: no Strapi imports.
 */

/** Bucket lower bound (seconds, as a string key) → number of sent posts in it. */
export type LatenessHistogram = Record<string, number>;

const MINUTE = 60;
const QUARTER = 900;
const HOUR = 3600;
const DAY = 86_400;
/** Anything later than a week goes in one last bucket (the exact maximum is kept apart). */
export const LAST_BUCKET = 7 * DAY;

/**
 * The bucket of a lateness: exact seconds below a minute (where nearly all posts are),
 * whole minutes below an hour, quarter hours below a day, hours below a week. At most
 * ~360 buckets whatever the number of posts, and a handful in practice.
 */
export function bucketOf(seconds: number): number {
  const s = Math.max(0, Math.floor(seconds));
  if (s < MINUTE) return s;
  if (s < HOUR) return s - (s % MINUTE);
  if (s < DAY) return s - (s % QUARTER);
  if (s < LAST_BUCKET) return s - (s % HOUR);
  return LAST_BUCKET;
}

/** Whole seconds from the occurrence to the send; a post sent early counts as on time (0). */
export function latenessSeconds(scheduledFor: Date, sentAt: Date): number {
  return Math.max(0, Math.floor((sentAt.getTime() - scheduledFor.getTime()) / 1000));
}

export function addLateness(h: LatenessHistogram, seconds: number): LatenessHistogram {
  const key = String(bucketOf(seconds));
  return { ...h, [key]: (h[key] ?? 0) + 1 };
}

export function mergeHistograms(a: LatenessHistogram, b: LatenessHistogram): LatenessHistogram {
  const out: LatenessHistogram = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

export function histogramCount(h: LatenessHistogram): number {
  return Object.values(h).reduce((sum, n) => sum + n, 0);
}

/**
 * The p-th percentile by nearest rank (the smallest bucket holding at least p % of the
 * posts), as that bucket's lower bound: exact below a minute, floored to the bucket above.
 * Null without posts.
 */
export function percentile(h: LatenessHistogram, p: number): number | null {
  const n = histogramCount(h);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let seen = 0;
  for (const bucket of Object.keys(h)
    .map(Number)
    .sort((x, y) => x - y)) {
    seen += h[String(bucket)];
    if (seen >= rank) return bucket;
  }
  return null;
}

/** Defensive parse of a stored histogram (JSON text on SQLite, an object on PostgreSQL). */
export function parseHistogram(value: unknown): LatenessHistogram {
  const raw: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const out: LatenessHistogram = {};
  if (raw && typeof raw === 'object') {
    for (const [k, n] of Object.entries(raw as Record<string, unknown>)) if (typeof n === 'number' && n > 0) out[k] = n;
  }
  return out;
}
