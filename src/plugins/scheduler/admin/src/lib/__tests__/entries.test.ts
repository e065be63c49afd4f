import { entryCounts, entryStatus, expansionQuery, lineOfEntry, postOfEntry } from '../entries';
import type { CalendarEntry } from '../../types';
import type { ReadinessLine } from '../readiness';

const entry = (over: Partial<CalendarEntry>): CalendarEntry => ({
  key: 'schedule:s1:|text|2027-03-01T08:00',
  origin: { kind: 'schedule', id: 's1', step: null },
  source: 'evening-report',
  title: 'Evening',
  date: '2027-03-01',
  time: '20:00',
  dueAt: '2027-03-01T12:00:00.000Z',
  instants: ['2027-03-01T12:00:00.000Z', '2027-03-01T19:00:00.000Z'],
  zones: ['Asia/Shanghai', 'Europe/Berlin'],
  count: 640,
  byStatus: { planned: 637, failed: 3 },
  post: null,
  ...over,
});

const line = (date: string): ReadinessLine => ({
  source: 'evening-report',
  date,
  locale: 'en',
  state: 'missing',
  firstDue: `${date}T12:00:00.000Z`,
  groups: ['a'],
  posts: 1,
  fallbackFrom: null,
  entry: null,
  reason: `no evening report for ${date}`,
});

describe('calendar entries in the admin', () => {
  it.each([
    [{ planned: 637, failed: 3 }, 'failed'],
    [{ sent: 10, dead: 1 }, 'dead'],
    [{ upcoming: 5, planned: 5 }, 'planned'],
    [{ sent: 3, skipped: 2 }, 'sent'],
    [{ cancelled: 1 }, 'cancelled'],
  ])('an entry of %j is coloured %s', (byStatus, status) => {
    expect(entryStatus({ byStatus })).toBe(status);
  });

  it('lists its counts most urgent first', () => {
    expect(entryCounts({ byStatus: { planned: 637, failed: 3, dead: 1 } })).toEqual([
      { status: 'dead', count: 1 },
      { status: 'failed', count: 3 },
      { status: 'planned', count: 637 },
    ]);
  });

  it('asks for its posts by origin and instants', () => {
    expect(expansionQuery(entry({}))).toEqual({ origin: 'schedule:s1:', at: '2027-03-01T12:00:00.000Z,2027-03-01T19:00:00.000Z' });
    expect(expansionQuery(entry({ origin: { kind: 'playbook', id: 'p', step: 4 } })).origin).toBe('playbook:p:4');
  });

  it('is its post when it holds one', () => {
    expect(postOfEntry(entry({}))).toBeNull();
    const one = entry({
      count: 1,
      byStatus: { planned: 1 },
      post: { id: 'd1', group: 'a', groupName: 'A', status: 'planned', dueAt: '2027-03-01T12:00:00.000Z', timezone: 'Asia/Shanghai' },
    });
    expect(postOfEntry(one)).toEqual({
      id: 'd1',
      status: 'planned',
      group: 'a',
      groupName: 'A',
      groupTimezone: 'Asia/Shanghai',
      source: 'evening-report',
      title: 'Evening',
      dueAt: '2027-03-01T12:00:00.000Z',
    });
  });

  it("is marked by a content line of its source on its groups' date", () => {
    expect(lineOfEntry(entry({}), [line('2027-03-01')], 'group')?.date).toBe('2027-03-01');
    expect(lineOfEntry(entry({}), [line('2027-03-02')], 'group')).toBeNull();
    expect(lineOfEntry(entry({ source: 'morning-report' }), [line('2027-03-01')], 'group')).toBeNull();
    // In the viewer's zone the entry is one instant; its groups' dates come from their zones:
    // 22:30Z on the 1st is 06:30 on the 2nd in Shanghai (UTC+8) and 23:30 on the 1st in Berlin (UTC+1).
    const late = entry({ date: '2027-03-02', instants: ['2027-03-01T22:30:00.000Z'] });
    expect(lineOfEntry(late, [line('2027-03-01')], 'viewer')?.date).toBe('2027-03-01');
    expect(lineOfEntry(late, [line('2027-03-03')], 'viewer')).toBeNull();
  });
});
