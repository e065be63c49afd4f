/**
 * The Tasks page's pure rules. Shanghai is UTC+8 all year; New York is UTC−5 in December;
 * 2026-12-02 is a Wednesday.
 */
import {
  canMarkNow,
  dayKind,
  skipNote,
  markableFrom,
  openTaskIds,
  sectionsByDay,
  slotCounts,
  slotHeading,
  taskBadge,
  taskWindow,
} from '../tasks';
import type { TaskSlot, TaskView } from '../../types';

const task = (over: Partial<TaskView> = {}): TaskView => ({
  id: 't1',
  group: { slug: 'camp-sh', name: '习惯营·微信群1群', timezone: 'Asia/Shanghai' },
  dueAt: '2026-12-02T00:00:00.000Z',
  scheduledFor: '2026-12-02T00:00:00.000Z',
  localDate: '2026-12-02',
  localTime: '08:00',
  source: 'morning-report',
  origin: { kind: 'schedule', id: 's1', step: null },
  title: '早报',
  parts: ['早上好'],
  problem: null,
  status: 'waiting',
  owners: ['ada@example.com'],
  doneBy: null,
  doneAt: null,
  onTime: null,
  reason: null,
  ...over,
});

const slot = (tasks: TaskView[], over: Partial<TaskSlot> = {}): TaskSlot => ({
  key: `${tasks[0].dueAt}|${tasks[0].group.timezone}|schedule:s1:`,
  dueAt: tasks[0].dueAt,
  localDate: tasks[0].localDate,
  localTime: tasks[0].localTime,
  timezone: tasks[0].group.timezone,
  source: tasks[0].source,
  title: tasks[0].title,
  tasks,
  counts: {},
  open: 0,
  ...over,
});

describe('taskWindow', () => {
  it("runs from the start of the viewer's today to 24 h from now", () => {
    // 10:30 in Shanghai on the 2nd: today began at 00:00 Shanghai = 16:00Z on the 1st.
    expect(taskWindow(new Date('2026-12-02T02:30:00.000Z'), 'Asia/Shanghai')).toEqual({
      from: '2026-12-01T16:00:00.000Z',
      to: '2026-12-03T02:30:00.000Z',
    });
  });

  it("follows the viewer's zone: the same instant is still the 1st in New York", () => {
    expect(taskWindow(new Date('2026-12-02T02:30:00.000Z'), 'America/New_York').from).toBe('2026-12-01T05:00:00.000Z');
  });
});

describe('day sections', () => {
  it('names today and tomorrow; other dates stay dates (also across a month end)', () => {
    expect(dayKind('2026-12-02', '2026-12-02')).toBe('today');
    expect(dayKind('2026-12-03', '2026-12-02')).toBe('tomorrow');
    expect(dayKind('2026-12-04', '2026-12-02')).toBe('date');
    expect(dayKind('2026-12-01', '2026-12-02')).toBe('date');
    expect(dayKind('2027-01-01', '2026-12-31')).toBe('tomorrow');
  });

  it("puts slots on the viewer's date, keeping the server's order", () => {
    const a = slot([task({ id: 'a', dueAt: '2026-12-02T00:00:00.000Z' })]);
    // 13:00Z: 08:00 in New York on the 2nd, 21:00 in Shanghai on the 2nd.
    const b = slot([task({ id: 'b', dueAt: '2026-12-02T13:00:00.000Z', localTime: '08:00' })]);
    // 16:30Z: 00:30 on the 3rd in Shanghai.
    const c = slot([task({ id: 'c', dueAt: '2026-12-02T16:30:00.000Z' })]);
    const sections = sectionsByDay([a, b, c], 'Asia/Shanghai', '2026-12-02');
    expect(sections.map((s) => [s.date, s.kind, s.slots.map((x) => x.tasks[0].id)])).toEqual([
      ['2026-12-02', 'today', ['a', 'b']],
      ['2026-12-03', 'tomorrow', ['c']],
    ]);
  });

  it('has no section without slots', () => {
    expect(sectionsByDay([], 'Asia/Shanghai', '2026-12-02')).toEqual([]);
  });
});

describe('slotHeading', () => {
  it('in the viewer’s own zone: the time, the title and the number of groups, no zone', () => {
    const s = slot([task({ id: 'a' }), task({ id: 'b', group: { slug: 'camp-sh-2', name: '2群', timezone: 'Asia/Shanghai' } })]);
    expect(slotHeading(s, 'Asia/Shanghai')).toEqual({ time: '08:00', zone: null, viewerTime: null, title: '早报', groups: 2 });
  });

  it("in another zone: the group's wall clock, its zone, and the viewer's clock for the same instant", () => {
    const ny = task({ dueAt: '2026-12-02T13:00:00.000Z', group: { slug: 'ny', name: 'NY', timezone: 'America/New_York' } });
    expect(slotHeading(slot([ny]), 'Asia/Shanghai')).toMatchObject({ time: '08:00', zone: 'America/New_York', viewerTime: '21:00' });
  });

  it('an alias at the same offset is not spelled out (Asia/Chongqing for a viewer in Shanghai)', () => {
    const cq = task({ group: { slug: 'cq', name: '重庆群', timezone: 'Asia/Chongqing' } });
    expect(slotHeading(slot([cq]), 'Asia/Shanghai').zone).toBeNull();
  });
});

describe('slotCounts', () => {
  it('counts waiting and planned together as to do, in a fixed order, without zeros', () => {
    expect(slotCounts({ waiting: 2, planned: 1, done: 9, skipped: 0 })).toEqual([
      { key: 'todo', count: 3 },
      { key: 'done', count: 9 },
    ]);
    expect(slotCounts({ missed: 1, cancelled: 2, skipped: 1 })).toEqual([
      { key: 'skipped', count: 1 },
      { key: 'missed', count: 1 },
      { key: 'cancelled', count: 2 },
    ]);
  });
});

describe('openTaskIds and canMarkNow', () => {
  it('"Mark all done" sends only the tasks still to do', () => {
    const s = slot([
      task({ id: 'a', status: 'waiting' }),
      task({ id: 'b', status: 'done' }),
      task({ id: 'c', status: 'planned' }),
      task({ id: 'd', status: 'skipped' }),
    ]);
    expect(openTaskIds(s)).toEqual(['a', 'c']);
  });

  it('a planned task may be marked from 30 minutes before its time (the server’s early window)', () => {
    const due = '2026-12-02T00:00:00.000Z';
    expect(canMarkNow(task({ status: 'planned', dueAt: due }), new Date('2026-12-01T23:29:59.000Z'))).toBe(false);
    expect(canMarkNow(task({ status: 'planned', dueAt: due }), new Date('2026-12-01T23:30:00.000Z'))).toBe(true);
    expect(canMarkNow(task({ status: 'waiting', dueAt: due }), new Date('2026-12-02T05:00:00.000Z'))).toBe(true);
    expect(canMarkNow(task({ status: 'done', dueAt: due }), new Date('2026-12-02T00:00:00.000Z'))).toBe(false);
    expect(markableFrom(due)).toBe('2026-12-01T23:30:00.000Z');
  });
});

describe('taskBadge', () => {
  it('tells done on time from done late; other states are their own badge', () => {
    expect(taskBadge({ status: 'done', onTime: true })).toBe('doneOnTime');
    expect(taskBadge({ status: 'done', onTime: false })).toBe('doneLate');
    expect(taskBadge({ status: 'waiting', onTime: null })).toBe('waiting');
    expect(taskBadge({ status: 'planned', onTime: null })).toBe('planned');
    expect(taskBadge({ status: 'skipped', onTime: null })).toBe('skipped');
    expect(taskBadge({ status: 'missed', onTime: null })).toBe('missed');
    expect(taskBadge({ status: 'cancelled', onTime: null })).toBe('cancelled');
  });
});

describe('skipNote', () => {
  it("splits the server's note into who and why (a colon in the reason stays)", () => {
    expect(skipNote('skipped by ada@example.com: 群里在直播：先不发')).toEqual({ who: 'ada@example.com', why: '群里在直播：先不发' });
    expect(skipNote('skipped: group muted')).toEqual({ who: null, why: 'group muted' });
    expect(skipNote('no report written for 2026-12-02')).toEqual({ who: null, why: 'no report written for 2026-12-02' });
    expect(skipNote(null)).toEqual({ who: null, why: '' });
  });
});
