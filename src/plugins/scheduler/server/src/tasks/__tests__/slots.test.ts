import { groupIntoSlots, originKey, type SlotTask } from '../slots';

let n = 0;
const task = (over: Partial<SlotTask> & { group?: Partial<SlotTask['group']> } = {}): SlotTask => {
  n += 1;
  const { group, ...rest } = over;
  return {
    id: `t${String(n).padStart(3, '0')}`,
    dueAt: '2026-12-02T00:00:00.000Z',
    localDate: '2026-12-02',
    localTime: '08:00',
    source: 'morning-report',
    title: '早报',
    origin: { kind: 'schedule', id: 'sch1', step: null },
    status: 'waiting',
    ...rest,
    group: { slug: `g${n}`, name: `Group ${n}`, timezone: 'Asia/Shanghai', ...group },
  };
};

describe('groupIntoSlots', () => {
  it('puts one origin due at one instant in one zone into one slot, whatever the group', () => {
    const slots = groupIntoSlots([task(), task(), task()]);
    expect(slots).toHaveLength(1);
    expect(slots[0].tasks).toHaveLength(3);
    expect(slots[0]).toMatchObject({ localTime: '08:00', title: '早报', timezone: 'Asia/Shanghai', open: 3, counts: { waiting: 3 } });
  });

  it.each([
    ['another instant', { dueAt: '2026-12-02T00:05:00.000Z', localTime: '08:05' }],
    ['another zone with the same instant', { group: { timezone: 'Asia/Singapore' } }],
    ['another schedule', { origin: { kind: 'schedule', id: 'sch2', step: null } }],
    ['another step of the same playbook', { origin: { kind: 'schedule', id: 'sch1', step: 2 } }],
    ['another origin kind', { origin: { kind: 'playbook', id: 'sch1', step: null } }],
  ])('keeps a task apart when it has %s', (_label, over) => {
    expect(groupIntoSlots([task(), task(over as Partial<SlotTask>)])).toHaveLength(2);
  });

  it('counts statuses and what is still open', () => {
    const [slot] = groupIntoSlots([
      task({ status: 'done' }),
      task({ status: 'skipped' }),
      task({ status: 'waiting' }),
      task({ status: 'planned' }),
    ]);
    expect(slot.counts).toEqual({ done: 1, skipped: 1, waiting: 1, planned: 1 });
    expect(slot.open).toBe(2);
  });

  it('orders slots by due time, then title, and groups by name inside a slot', () => {
    const late = task({
      dueAt: '2026-12-02T12:00:00.000Z',
      localTime: '20:00',
      title: '晚报',
      origin: { kind: 'schedule', id: 'e', step: null },
    });
    const b = task({ title: 'B topic', origin: { kind: 'schedule', id: 'b', step: null }, group: { name: 'Zeta' } });
    const a = task({ title: 'A topic', origin: { kind: 'schedule', id: 'a', step: null } });
    const b2 = task({ title: 'B topic', origin: { kind: 'schedule', id: 'b', step: null }, group: { name: 'Alpha' } });
    const slots = groupIntoSlots([late, b, a, b2]);
    expect(slots.map((s) => s.title)).toEqual(['A topic', 'B topic', '晚报']);
    expect(slots[1].tasks.map((t) => t.group.name)).toEqual(['Alpha', 'Zeta']);
  });

  it('gives a slot the same key however its tasks are ordered', () => {
    const tasks = [task(), task(), task()];
    expect(groupIntoSlots(tasks)[0].key).toBe(groupIntoSlots([...tasks].reverse())[0].key);
  });

  it('takes a title from a later task when the first has none (its content was missing)', () => {
    expect(groupIntoSlots([task({ title: null }), task({ title: 'Lesson 3' })])[0].title).toBe('Lesson 3');
  });

  it('keys one-off posts without an origin id by their source', () => {
    expect(originKey({ origin: { kind: 'run-now', id: null, step: null }, source: 'daily-topic' })).toBe('run-now:daily-topic:');
  });

  it('returns no slots for no tasks', () => {
    expect(groupIntoSlots([])).toEqual([]);
  });
});
