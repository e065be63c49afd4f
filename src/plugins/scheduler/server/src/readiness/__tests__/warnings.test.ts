import { itemKey, leadDue, warningsDue } from '../warnings';
import type { ReadinessLine } from '../index';

const due = new Date('2026-12-02T00:00:00Z');
const hoursBefore = (h: number) => new Date(due.getTime() - h * 3_600_000);

describe('leadDue', () => {
  it.each<[number, number[], number | null]>([
    [30, [24, 2], null],
    [24, [24, 2], 24],
    [23.9, [24, 2], 24],
    [2.01, [24, 2], 24],
    [2, [24, 2], 2],
    [1, [24, 2], 2],
    [0.01, [24, 2], 2],
    [0, [24, 2], null],
    [-1, [24, 2], null],
    [5, [2], null],
    [0.4, [0.5, 12], 0.5],
  ])('%p h before, leads %p → %p', (h, leads, expected) => expect(leadDue(due, leads, hoursBefore(h))).toBe(expected));
});

const line = (over: Partial<ReadinessLine>): ReadinessLine => ({
  source: 'morning-report',
  date: '2026-12-02',
  locale: 'zh-Hans',
  state: 'missing',
  firstDue: due.toISOString(),
  groups: ['a'],
  posts: 1,
  fallbackFrom: null,
  entry: null,
  reason: null,
  ...over,
});

describe('warningsDue', () => {
  it('warns about drafts and missing content only, at their lead', () => {
    const lines = [
      line({}),
      line({ state: 'draft', source: 'daily-topic' }),
      line({ state: 'ready', source: 'lesson' }),
      line({ state: 'scheduled' }),
    ];
    expect(warningsDue(lines, [24, 2], hoursBefore(3)).map((w) => [w.line.source, w.lead])).toEqual([
      ['morning-report', 24],
      ['daily-topic', 24],
    ]);
    expect(warningsDue(lines, [24, 2], hoursBefore(25))).toEqual([]);
  });

  it('keys an item by what it is, not by its groups or state', () => {
    expect(itemKey(line({}))).toBe('morning-report:2026-12-02:zh-Hans:::');
    expect(itemKey(line({ state: 'draft', groups: ['b'] }))).toBe(itemKey(line({})));
    expect(itemKey(line({ source: 'lesson-reminder', course: 'c1', day: 3, time: '19:55' }))).toBe(
      'lesson-reminder:2026-12-02:zh-Hans:c1:3:19:55'
    );
  });
});
