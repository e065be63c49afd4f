const ICAL = require('ical.js');
import { groupIntoSlots } from '../../tasks/slots';
import type { TaskStatus } from '../../tasks/task-state';
import { MAX_GROUPS, slotUid, taskFeed, type FeedTask } from '../task-feed';

const NOW = new Date('2026-12-01T20:00:00Z');
const BASE = 'https://ops.example.com/';

let n = 0;
function task(over: Partial<FeedTask> & { name?: string; zone?: string } = {}): FeedTask {
  const { name = `Group ${++n}`, zone = 'Asia/Shanghai', ...rest } = over;
  return {
    id: `t${++n}`,
    dueAt: '2026-12-02T00:00:00.000Z',
    localDate: '2026-12-02',
    localTime: '08:00',
    group: { slug: name.toLowerCase().replace(/\W+/g, '-'), name, timezone: zone },
    source: 'morning-report',
    title: '早报',
    origin: { kind: 'schedule', id: 'sch1', step: null },
    status: 'planned' as TaskStatus,
    parts: [`Good morning ${name}`],
    problem: null,
    doneAt: null,
    ...rest,
  };
}

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return { cal, events: cal.getAllSubcomponents('vevent') as any[] };
}

const feed = (tasks: FeedTask[], language: string | null = 'en') =>
  taskFeed({ slots: groupIntoSlots(tasks), language, baseUrl: BASE, now: NOW });

describe('taskFeed', () => {
  it('is a calendar a client reads: properties, one event per slot, UTC start, 15 minutes, an alarm at the start', () => {
    const ics = feed([
      task({ name: '习惯营1群' }),
      task({ name: '习惯营2群' }),
      task({
        name: 'NY',
        zone: 'America/New_York',
        dueAt: '2026-12-02T13:00:00.000Z',
        origin: { kind: 'schedule', id: 'sch2', step: null },
      }),
    ]);
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const { cal, events } = parse(ics);
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(cal.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('My tasks');
    expect(cal.getFirstProperty('refresh-interval').type).toBe('duration');
    expect(ics).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n');
    expect(ics).toContain('X-PUBLISHED-TTL:PT15M\r\n');
    expect(events).toHaveLength(2);
    const [sh, ny] = events.map((e) => new ICAL.Event(e));
    expect(sh.startDate.toString()).toBe('2026-12-02T00:00:00Z');
    expect(sh.startDate.zone.tzid).toBe('UTC');
    expect(sh.endDate.toString()).toBe('2026-12-02T00:15:00Z');
    expect(ny.startDate.toString()).toBe('2026-12-02T13:00:00Z');
    expect(sh.summary).toBe('08:00 · 早报 · 2 groups');
    expect(ny.summary).toBe('08:00 · 早报 · 1 group');
    expect(sh.description.startsWith('08:00 Asia/Shanghai\n\n')).toBe(true);
    expect(sh.description).toContain('习惯营1群\nGood morning 习惯营1群');
    expect(ny.description.startsWith('08:00 America/New_York')).toBe(true);
    expect(events[0].getFirstPropertyValue('url')).toBe('https://ops.example.com/admin/plugins/scheduler/tasks');
    expect(events[0].getFirstPropertyValue('dtstamp').toString()).toBe('2026-12-01T20:00:00Z');
    const alarm = events[0].getFirstSubcomponent('valarm');
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarm.getFirstProperty('trigger').getParameter('related')).toBe('START');
    expect(alarm.getFirstPropertyValue('trigger').toSeconds()).toBe(0);
    expect(alarm.getFirstPropertyValue('description')).toBe(sh.summary);
  });

  it.each([
    ['en', null, 'My tasks', '08:00 · 早报 · 1 group'],
    ['en', 'en', 'My tasks', '08:00 · 早报 · 1 group'],
    ['zh', 'zh-Hans', '我的任务', '08:00 · 早报 · 1 个群'],
    ['zh', 'zh', '我的任务', '08:00 · 早报 · 1 个群'],
    ['en (unknown)', 'fr', 'My tasks', '08:00 · 早报 · 1 group'],
  ])('language %s (%j): %s, %s', (_l, language, calname, summary) => {
    const { cal, events } = parse(feed([task()], language));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(calname);
    expect(events[0].getFirstPropertyValue('summary')).toBe(summary);
  });

  it('a title-less slot is named by its source', () => {
    const { events } = parse(feed([task({ title: null })]));
    expect(events[0].getFirstPropertyValue('summary')).toBe('08:00 · morning-report · 1 group');
  });

  it.each<[string, TaskStatus[], string, boolean, number]>([
    ['all open', ['planned', 'waiting'], '08:00 · 早报 · 2 groups', true, 0],
    ['one done', ['done', 'waiting'], '08:00 · 早报 · 2 groups', true, 1],
    ['all done', ['done', 'done'], '✓ 08:00 · 早报 · 2 groups', false, 2],
    ['done and skipped', ['done', 'skipped'], '✓ 08:00 · 早报 · 2 groups', false, 2],
    ['one missed', ['done', 'missed'], '✗ 08:00 · 早报 · 2 groups', false, 2],
    ['cancelled left out', ['done', 'cancelled'], '✓ 08:00 · 早报 · 1 group', false, 1],
  ])('%s: summary, alarm, sequence; the UID stays', (_name, states, summary, alarm, sequence) => {
    const tasks = states.map((status) => task({ status, doneAt: status === 'done' ? '2026-12-02T00:03:00.000Z' : null }));
    const { events } = parse(feed(tasks));
    const [e] = events;
    expect(e.getFirstPropertyValue('summary')).toBe(summary);
    expect(Boolean(e.getFirstSubcomponent('valarm'))).toBe(alarm);
    expect(e.getFirstPropertyValue('sequence')).toBe(sequence);
    expect(e.getFirstPropertyValue('uid')).toBe(slotUid(groupIntoSlots(tasks)[0].key));
    expect(e.getFirstPropertyValue('uid')).toMatch(/^[0-9a-f]{32}@sop-scheduler$/);
    if (states.includes('done')) expect(e.getFirstPropertyValue('last-modified').toString()).toBe('2026-12-02T00:03:00Z');
    else expect(e.getFirstProperty('last-modified')).toBeNull();
  });

  it('a slot of only cancelled tasks has no event', () => {
    const { events } = parse(feed([task({ status: 'cancelled' }), task({ status: 'cancelled' })]));
    expect(events).toHaveLength(0);
  });

  it('UIDs differ by slot and stay the same across reads', () => {
    const tasks = [task(), task({ dueAt: '2026-12-03T00:00:00.000Z', localDate: '2026-12-03' })];
    const a = parse(feed(tasks)).events.map((e) => e.getFirstPropertyValue('uid'));
    const b = parse(
      taskFeed({ slots: groupIntoSlots(tasks), language: 'en', baseUrl: BASE, now: new Date('2026-12-02T10:00:00Z') })
    ).events.map((e) => e.getFirstPropertyValue('uid'));
    expect(new Set(a).size).toBe(2);
    expect(b).toEqual(a);
  });

  it('escapes what it must: commas, semicolons, backslashes and line breaks read back as written', () => {
    const parts = ['第一段，有逗号; semicolon \\ backslash', 'second part\nwith a line'];
    const { events } = parse(feed([task({ name: 'A, B; C', parts })]));
    const d = events[0].getFirstPropertyValue('description');
    expect(d).toContain('A, B; C\n第一段，有逗号; semicolon \\ backslash\n\nsecond part\nwith a line');
  });

  it('shows why there is nothing to post', () => {
    const { events } = parse(feed([task({ parts: [], problem: 'no morning report for 2026-12-02' })]));
    expect(events[0].getFirstPropertyValue('description')).toContain('(nothing to post: no morning report for 2026-12-02)');
  });

  it.each([
    ['many groups', 25, 'short text', MAX_GROUPS, 'en', '… and 5 more groups'],
    ['long texts', 10, '今天的打卡任务是读完一章书并写下三点收获。'.repeat(60), 4, 'en', '… and 6 more groups'],
    ['long texts, zh', 10, '今天的打卡任务是读完一章书并写下三点收获。'.repeat(60), 4, 'zh-Hans', '… 还有 6 个群'],
  ])('bounded: %s', (_name, count, body, shown, language, more) => {
    const tasks = Array.from({ length: count }, (_, i) => task({ name: `G${String(i).padStart(2, '0')}`, parts: [body] }));
    const ics = feed(tasks, language);
    for (const l of ics.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    const d: string = parse(ics).events[0].getFirstPropertyValue('description');
    expect(d.length).toBeLessThan(6300);
    expect(d.match(/^■ /gm)).toHaveLength(shown);
    expect(d).toContain(more);
    expect(d).toContain(body);
    expect(d.endsWith('https://ops.example.com/admin/plugins/scheduler/tasks')).toBe(true);
  });

  it('one huge text is cut to fit', () => {
    const { events } = parse(feed([task({ parts: ['字'.repeat(10000)] })]));
    const d: string = events[0].getFirstPropertyValue('description');
    expect(d.length).toBeLessThan(6300);
    expect(d).toContain('字…');
  });

  it('no tasks: an empty calendar', () => {
    const { cal, events } = parse(feed([]));
    expect(events).toHaveLength(0);
    expect(cal.name).toBe('vcalendar');
  });
});
