import { addLateness, bucketOf, latenessSeconds, mergeHistograms, parseHistogram, percentile, type LatenessHistogram } from '../lateness';

const histogramOf = (seconds: number[]) => seconds.reduce<LatenessHistogram>((h, s) => addLateness(h, s), {});

describe('bucketOf', () => {
  it.each([
    [0, 0],
    [-5, 0],
    [7.9, 7],
    [59, 59],
    [60, 60],
    [125, 120],
    [3599, 3540],
    [3600, 3600],
    [4000, 3600], // quarter hours below a day: 3600 + 400 → 3600
    [4500, 4500],
    [86_399, 85_500],
    [86_400, 86_400],
    [90_500, 90_000], // hours below a week
    [7 * 86_400 - 1, 6 * 86_400 + 23 * 3600],
    [30 * 86_400, 7 * 86_400],
  ])('%s s → bucket %s', (seconds, bucket) => {
    expect(bucketOf(seconds)).toBe(bucket);
  });
});

describe('latenessSeconds', () => {
  it.each([
    ['2026-01-01T08:00:00.000Z', '2026-01-01T08:00:02.999Z', 2],
    ['2026-01-01T08:00:00.000Z', '2026-01-01T08:05:00.000Z', 300],
    ['2026-01-01T08:00:00.000Z', '2026-01-01T07:59:00.000Z', 0], // early counts as on time
  ])('%s → %s: %s s', (scheduled, sent, seconds) => {
    expect(latenessSeconds(new Date(scheduled), new Date(sent))).toBe(seconds);
  });
});

describe('percentile (nearest rank)', () => {
  // Expected values by hand: sort, rank = ceil(p/100 · n), take that element (bucketed).
  it.each<[string, number[], number, number | null]>([
    ['no posts', [], 50, null],
    ['one post', [4], 50, 4],
    ['one post p95', [4], 95, 4],
    ['1..10 p50: rank 5', [10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 50, 5],
    ['1..10 p95: rank 10', [10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 95, 10],
    ['1..20 p95: rank 19', Array.from({ length: 20 }, (_, i) => i + 1), 95, 19],
    ['1..20 p50: rank 10', Array.from({ length: 20 }, (_, i) => i + 1), 50, 10],
    ['four values p50: rank 2', [0, 0, 3, 3], 50, 0],
    ['a late tail, bucketed to the minute', [1, 2, 3, 125, 130], 95, 120],
    ['p100 is the largest bucket', [1, 2, 3, 4000], 100, 3600],
  ])('%s', (_name, seconds, p, expected) => {
    expect(percentile(histogramOf(seconds), p)).toBe(expected);
  });
});

describe('mergeHistograms', () => {
  // Merging summaries of two batches must equal the summary of all rows at once.
  it.each<[number[], number[]]>([
    [[], []],
    [[1, 2, 3], []],
    [[], [5, 5]],
    [
      [1, 2, 3],
      [3, 4, 125],
    ],
    [
      [59, 60, 61],
      [3599, 3600, 90_000],
    ],
  ])('%j + %j', (a, b) => {
    const merged = mergeHistograms(histogramOf(a), histogramOf(b));
    expect(merged).toEqual(histogramOf([...a, ...b]));
    for (const p of [50, 95]) expect(percentile(merged, p)).toBe(percentile(histogramOf([...a, ...b]), p));
  });

  it('does not change its inputs', () => {
    const a = histogramOf([1]);
    mergeHistograms(a, histogramOf([1]));
    expect(a).toEqual({ '1': 1 });
  });
});

describe('parseHistogram', () => {
  it.each<[unknown, LatenessHistogram]>([
    ['{"1":2,"60":1}', { '1': 2, '60': 1 }],
    [{ '3': 1 }, { '3': 1 }],
    [null, {}],
    [{ '3': 'x', '4': 0 }, {}],
  ])('%j', (stored, expected) => {
    expect(parseHistogram(stored)).toEqual(expected);
  });
});
