import { groupBy } from '../group-by';

describe('groupBy', () => {
  it('keeps first-seen key order and input order within a key', () => {
    const rows = [
      { g: 2, id: 'a' },
      { g: 1, id: 'b' },
      { g: 2, id: 'c' },
      { g: 3, id: 'd' },
      { g: 1, id: 'e' },
    ];
    const byGroup = groupBy(rows, (r) => r.g);
    expect([...byGroup.keys()]).toEqual([2, 1, 3]);
    expect(byGroup.get(2)!.map((r) => r.id)).toEqual(['a', 'c']);
    expect(byGroup.get(1)!.map((r) => r.id)).toEqual(['b', 'e']);
    expect(byGroup.get(3)!.map((r) => r.id)).toEqual(['d']);
  });

  it('is empty for no items', () => {
    expect(groupBy([], (x: number) => x).size).toBe(0);
  });
});
