import { entryKey, groupEntries, type PostCount } from '../calendar-entries';

// Instants typed from the zones' published offsets on 2027-03-01: Berlin UTC+1, Shanghai
// UTC+8, New York UTC−5 (before its DST change on 14 March), Tokyo UTC+9.
const count = (over: Partial<PostCount>): PostCount => ({
  originKind: 'schedule',
  originId: 'morning',
  originStep: null,
  source: 'text',
  title: 'Morning',
  timezone: 'Europe/Berlin',
  dueAt: '2027-03-01T07:00:00.000Z',
  status: 'planned',
  n: 1,
  sample: { id: 'd1', group: 'berlin-1' },
  ...over,
});

const berlin = count({ n: 300 });
const berlinFailed = count({ n: 3, status: 'failed' });
const shanghai = count({ timezone: 'Asia/Shanghai', dueAt: '2027-03-01T00:00:00.000Z', n: 200 });
const newYork = count({
  timezone: 'America/New_York',
  dueAt: '2027-03-01T13:00:00.000Z',
  n: 1,
  status: 'upcoming',
  sample: { id: null, group: 'ny-1' },
});

describe('groupEntries', () => {
  it.each([
    // [case, counts, zone, expected entries as "date time count byStatus"]
    [
      '08:00 in three zones is one entry in the group mode',
      [berlin, berlinFailed, shanghai, newYork],
      'group',
      ['2027-03-01 08:00 504 failed=3,planned=500,upcoming=1'],
    ],
    [
      "in the viewer's zone each instant is its own entry",
      [berlin, berlinFailed, shanghai, newYork],
      'Asia/Tokyo',
      ['2027-03-01 09:00 200 planned=200', '2027-03-01 16:00 303 failed=3,planned=300', '2027-03-01 22:00 1 upcoming=1'],
    ],
    [
      'another origin at the same time is another entry',
      [berlin, count({ originId: 'evening', n: 2 })],
      'group',
      ['2027-03-01 08:00 300 planned=300', '2027-03-01 08:00 2 planned=2'],
    ],
    [
      'another playbook step is another entry',
      [count({ originKind: 'playbook', originStep: 1 }), count({ originKind: 'playbook', originStep: 2 })],
      'group',
      ['2027-03-01 08:00 1 planned=1', '2027-03-01 08:00 1 planned=1'],
    ],
    [
      'another source is another entry',
      [berlin, count({ source: 'morning-report' })],
      'group',
      ['2027-03-01 08:00 300 planned=300', '2027-03-01 08:00 1 planned=1'],
    ],
    ['empty counts make nothing', [count({ n: 0 })], 'group', []],
  ] as [string, PostCount[], string, string[]][])('%s', (_name, counts, zone, expected) => {
    const entries = groupEntries(counts, zone);
    const shown = entries.map(
      (e) =>
        `${e.date} ${e.time} ${e.count} ${Object.entries(e.byStatus)
          .sort()
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`
    );
    expect(shown.sort()).toEqual([...expected].sort());
  });

  it('keeps every instant and zone of an entry, the earliest first, and the post only when there is one', () => {
    const [entry] = groupEntries([newYork, shanghai, berlin], 'group');
    expect(entry.instants).toEqual(['2027-03-01T00:00:00.000Z', '2027-03-01T07:00:00.000Z', '2027-03-01T13:00:00.000Z']);
    expect(entry.zones).toEqual(['America/New_York', 'Asia/Shanghai', 'Europe/Berlin']);
    expect(entry.dueAt).toBe('2027-03-01T00:00:00.000Z');
    expect(entry.post).toBeNull();
    const [single] = groupEntries([newYork], 'group');
    expect(single.post).toEqual({
      id: null,
      group: 'ny-1',
      status: 'upcoming',
      dueAt: '2027-03-01T13:00:00.000Z',
      timezone: 'America/New_York',
    });
  });

  it('keeps the title of any of its posts when the first has none', () => {
    const [entry] = groupEntries([count({ title: null }), count({ title: 'Morning', n: 2 })], 'group');
    expect(entry.title).toBe('Morning');
  });

  it('entries are ordered by due time', () => {
    const entries = groupEntries([newYork, shanghai, berlin], 'UTC');
    expect(entries.map((e) => e.time)).toEqual(['00:00', '07:00', '13:00']);
  });

  it('reads the wall time across a DST change in the group zone', () => {
    // New York on 2027-03-14 springs forward at 02:00: 08:00 EDT is 12:00Z (UTC−4).
    const before = count({ timezone: 'America/New_York', dueAt: '2027-03-13T13:00:00.000Z' });
    const after = count({ timezone: 'America/New_York', dueAt: '2027-03-14T12:00:00.000Z' });
    expect(entryKey(before, 'group').endsWith('2027-03-13T08:00')).toBe(true);
    expect(entryKey(after, 'group').endsWith('2027-03-14T08:00')).toBe(true);
  });
});
