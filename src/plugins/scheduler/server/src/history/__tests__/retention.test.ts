import { PLANNER_LOOKBACK_MS } from '../../constants';
import { dayTotals, latenessPercentiles, localDay, mergeTotals, retentionCutoff, type PrunedRow } from '../retention';

const DAY = 86_400_000;
const now = new Date('2026-12-01T12:00:00.000Z');

describe('retentionCutoff', () => {
  // The floor, by hand: the planner looks back 1 h, plus 2 days of margin → 49 h before now.
  const floor = new Date('2026-11-29T11:00:00.000Z');

  it('the floor is the planner look-back plus two days', () => {
    expect(floor.getTime()).toBe(now.getTime() - PLANNER_LOOKBACK_MS - 2 * DAY);
  });

  it.each<[string, number, Date]>([
    ['90 days', 90, new Date('2026-09-02T12:00:00.000Z')],
    ['3 days', 3, new Date('2026-11-28T12:00:00.000Z')],
    ['1 day: held at the floor', 1, floor],
    ['0 days: held at the floor', 0, floor],
    ['negative: held at the floor', -5, floor],
    ['NaN: held at the floor', Number.NaN, floor],
  ])('%s', (_name, days, expected) => {
    expect(retentionCutoff(now, days)).toEqual(expected);
  });

  it('is never inside the window the planner plans', () => {
    for (const days of [0, 1, 2, 90]) expect(retentionCutoff(now, days).getTime()).toBeLessThan(now.getTime() - PLANNER_LOOKBACK_MS);
  });
});

describe('localDay', () => {
  it.each<[string, string | null, string]>([
    ['2026-03-01T23:30:00.000Z', 'UTC', '2026-03-01'],
    ['2026-03-01T23:30:00.000Z', 'Asia/Shanghai', '2026-03-02'], // 07:30 the next morning
    ['2026-03-01T03:00:00.000Z', 'America/New_York', '2026-02-28'], // 22:00 the evening before
    ['2026-03-01T23:30:00.000Z', null, '2026-03-01'],
    ['2026-03-01T23:30:00.000Z', 'Not/AZone', '2026-03-01'],
  ])('%s in %s → %s', (at, zone, day) => {
    expect(localDay(new Date(at), zone)).toBe(day);
  });
});

describe('dayTotals and mergeTotals', () => {
  const row = (
    groupId: number,
    status: PrunedRow['status'],
    scheduled: string,
    lateSeconds: number | null,
    timezone = 'UTC'
  ): PrunedRow => ({
    groupId,
    groupSlug: `g${groupId}`,
    status,
    timezone,
    scheduledFor: new Date(scheduled),
    sentAt: lateSeconds === null ? null : new Date(Date.parse(scheduled) + lateSeconds * 1000),
  });
  const rows: PrunedRow[] = [
    row(1, 'sent', '2026-03-01T08:00:00Z', 2),
    row(1, 'sent', '2026-03-01T09:00:00Z', 10),
    row(1, 'sent', '2026-03-01T10:00:00Z', 4),
    row(1, 'dead', '2026-03-01T11:00:00Z', null),
    row(1, 'skipped', '2026-03-02T08:00:00Z', null),
    row(2, 'sent', '2026-03-01T20:00:00Z', 125, 'Asia/Shanghai'), // 04:00 on 03-02 there
    row(2, 'cancelled', '2026-03-01T08:00:00Z', null, 'Asia/Shanghai'),
  ];

  it('groups by group and local day, counts statuses, keeps lateness', () => {
    const t = dayTotals(rows);
    expect([...t.keys()].sort()).toEqual(['1|2026-03-01', '1|2026-03-02', '2|2026-03-01', '2|2026-03-02']);
    const g1 = t.get('1|2026-03-01')!;
    expect(g1.counts).toEqual({ sent: 3, dead: 1, cancelled: 0, skipped: 0, missed: 0 });
    expect(g1.lateMax).toBe(10);
    // Sorted lateness 2, 4, 10: p50 rank 2 → 4, p95 rank 3 → 10.
    expect(latenessPercentiles(g1)).toEqual({ p50: 4, p95: 10 });
    expect(t.get('1|2026-03-02')!.counts).toEqual({ sent: 0, dead: 0, cancelled: 0, skipped: 1, missed: 0 });
    expect(t.get('1|2026-03-02')!.lateMax).toBeNull();
    expect(t.get('2|2026-03-02')).toMatchObject({ timezone: 'Asia/Shanghai', lateMax: 125, counts: { sent: 1 } });
  });

  it.each([1, 2, 3, 5, 6])('summarized in batches of %s, then merged: the same as all at once', (size) => {
    const all = dayTotals(rows);
    const merged = new Map<string, ReturnType<typeof dayTotals> extends Map<string, infer T> ? T : never>();
    for (let i = 0; i < rows.length; i += size) {
      for (const [k, t] of dayTotals(rows.slice(i, i + size))) merged.set(k, merged.has(k) ? mergeTotals(merged.get(k)!, t) : t);
    }
    expect(new Map([...merged].sort())).toEqual(new Map([...all].sort()));
  });
});
