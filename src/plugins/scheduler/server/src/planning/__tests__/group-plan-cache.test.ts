/**
 * Planning many groups shares one expansion per schedule and zone. The cache must never
 * change a plan: with and without it, every group gets the same posts, and an edited
 * rule is expanded afresh. Expected instants by hand: 08:00 in Berlin in December is
 * 07:00Z (CET, +1), in New York 13:00Z (EST, -5).
 */
import { planGroup, type OccurrenceCache, type PlanGroup, type PlanSchedule } from '../group-plan';

const group = (slug: string, timezone: string): PlanGroup => ({
  documentId: `doc-${slug}`,
  slug,
  timezone,
  cohortStart: null,
  quietHours: [],
});
const schedule: PlanSchedule = {
  documentId: 'sch1',
  name: 'Morning',
  source: 'text',
  text: 'Hi',
  rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
  startsAt: '2026-12-01T00:00:00.000Z',
};
const from = new Date('2026-12-01T00:00:00Z');
const to = new Date('2026-12-03T00:00:00Z');

describe('planGroup with a shared occurrence cache', () => {
  it('gives every group exactly the plan it gets without the cache', () => {
    const cache: OccurrenceCache = new Map();
    const groups = [group('b1', 'Europe/Berlin'), group('ny', 'America/New_York'), group('b2', 'Europe/Berlin')];
    for (const g of groups) expect(planGroup(g, [schedule], null, from, to, cache)).toEqual(planGroup(g, [schedule], null, from, to));
    // Two zones, so two expansions.
    expect(cache.size).toBe(2);
    expect(planGroup(groups[2], [schedule], null, from, to, cache).map((p) => p.occurrence.utc)).toEqual([
      '2026-12-01T07:00:00.000Z',
      '2026-12-02T07:00:00.000Z',
    ]);
    expect(planGroup(groups[1], [schedule], null, from, to, cache).map((p) => p.occurrence.utc)).toEqual([
      '2026-12-01T13:00:00.000Z',
      '2026-12-02T13:00:00.000Z',
    ]);
  });

  it('expands an edited rule afresh (the cache key holds the rule)', () => {
    const cache: OccurrenceCache = new Map();
    const g = group('b1', 'Europe/Berlin');
    planGroup(g, [schedule], null, from, to, cache);
    const edited = { ...schedule, rule: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30' };
    expect(planGroup(g, [edited], null, from, to, cache).map((p) => p.occurrence.utc)).toEqual([
      '2026-12-01T08:30:00.000Z',
      '2026-12-02T08:30:00.000Z',
    ]);
  });
});
