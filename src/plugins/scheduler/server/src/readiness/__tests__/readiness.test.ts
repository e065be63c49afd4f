import {
  decide,
  decideLesson,
  decideReminder,
  groupByItem,
  itemLabel,
  itemOf,
  linesForEntry,
  sortLines,
  toLine,
  type Decision,
  type EntryItem,
  type ReadinessLine,
  type ReadinessPost,
  type Versions,
} from '..';

const sh = { slug: 'sh-1', timezone: 'Asia/Shanghai', locale: 'zh-Hans', cohortStart: '2026-12-01', course: 'c1' };
const ny = { slug: 'ny-1', timezone: 'America/New_York', locale: 'en', cohortStart: '2026-11-30', course: 'c1' };

const post = (source: string, group = sh, at = '2026-12-02T00:00:00.000Z', localTime = '08:00'): ReadinessPost => ({
  source,
  group,
  scheduledFor: new Date(at),
  dueAt: new Date(at),
  localTime,
});

describe('itemOf: the item key and what a post needs', () => {
  it.each([
    [
      'morning-report',
      sh,
      '2026-12-02T00:00:00.000Z',
      'morning-report|2026-12-02|zh-Hans',
      { kind: 'report', edition: 'morning', date: '2026-12-02' },
    ],
    // 08:00 in Shanghai on the 2nd is still the 1st in UTC: the group's local date counts.
    [
      'evening-report',
      sh,
      '2026-12-01T23:30:00.000Z',
      'evening-report|2026-12-02|zh-Hans',
      { kind: 'report', edition: 'evening', date: '2026-12-02' },
    ],
    ['daily-topic', ny, '2026-12-02T04:30:00.000Z', 'daily-topic|2026-12-01|en', { kind: 'topic', date: '2026-12-01' }],
    ['lesson', sh, '2026-12-03T12:00:00.000Z', 'lesson|2026-12-03|zh-Hans|c1|2', { kind: 'lesson', course: 'c1', day: 2 }],
    [
      'lesson-reminder',
      sh,
      '2026-12-03T01:00:00.000Z',
      'lesson-reminder|2026-12-03|zh-Hans|c1|2|08:00',
      { kind: 'lesson-reminder', course: 'c1', day: 2, time: '08:00' },
    ],
    ['welcome-rules', ny, '2026-12-02T14:00:00.000Z', 'welcome-rules|2026-12-02|en', { kind: 'welcome-rules' }],
    ['text', sh, '2026-12-02T00:00:00.000Z', 'text|2026-12-02|zh-Hans', { kind: 'none' }],
    ['notice', sh, '2026-12-02T00:00:00.000Z', 'notice|2026-12-02|zh-Hans', { kind: 'none' }],
    ['something-new', sh, '2026-12-02T00:00:00.000Z', 'something-new|2026-12-02|zh-Hans', { kind: 'none' }],
  ])('%s for %s at %s', (source, group, at, key, need) => {
    const item = itemOf(post(source, group, at));
    expect(item.key).toBe(key);
    expect(item.need).toEqual(need);
  });

  it.each([
    [{ ...sh, cohortStart: null }, 'group sh-1 has no cohortStart'],
    [{ ...sh, course: null }, 'group sh-1 has no course'],
  ])('a lesson that cannot be looked up is its group’s own item (%#)', (group, reason) => {
    const item = itemOf(post('lesson', group));
    expect(item.need).toEqual({ kind: 'impossible', reason });
    expect(item.key).toBe('lesson|2026-12-02|zh-Hans|group:sh-1');
  });
});

const doc = (documentId: string) => ({ uid: 'api::daily-report.daily-report', documentId });
const entry = (documentId: string) => ({ uid: 'api::daily-report.daily-report', documentId });
const due = new Date('2026-12-02T00:00:00.000Z');
const what = 'morning report for 2026-12-02';

describe('decide: the state from what exists', () => {
  it.each<[string, Versions, string, Partial<Decision>]>([
    [
      'published in the locale',
      { published: { 'zh-Hans': doc('z') }, draft: { 'zh-Hans': doc('z') } },
      'zh-Hans',
      { state: 'ready', locale: 'zh-Hans', fallbackFrom: null, entry: entry('z'), reason: null },
    ],
    [
      'published only in the default locale',
      { published: { en: doc('e') }, draft: { 'zh-Hans': doc('z'), en: doc('e') } },
      'zh-Hans',
      { state: 'ready', locale: 'en', fallbackFrom: 'zh-Hans', entry: entry('e') },
    ],
    [
      'a draft in the locale only',
      { published: {}, draft: { 'zh-Hans': doc('z') } },
      'zh-Hans',
      { state: 'draft', locale: 'zh-Hans', fallbackFrom: null, entry: entry('z'), reason: `${what} is only a draft in zh-Hans` },
    ],
    [
      'a draft in the default locale only',
      { published: {}, draft: { en: doc('e') } },
      'zh-Hans',
      { state: 'draft', locale: 'en', fallbackFrom: 'zh-Hans', entry: entry('e') },
    ],
    [
      'nothing',
      { published: {}, draft: {} },
      'zh-Hans',
      { state: 'missing', locale: 'zh-Hans', fallbackFrom: null, entry: null, reason: `no ${what} in zh-Hans or en` },
    ],
    ['nothing, in the default locale', { published: {}, draft: {} }, 'en', { state: 'missing', locale: 'en', reason: `no ${what} in en` }],
    ['published elsewhere only', { published: { fr: doc('f') }, draft: { fr: doc('f') } }, 'zh-Hans', { state: 'missing' }],
  ])('%s', (_name, versions, locale, expected) => {
    expect(decide(versions, locale, 'en', what, due)).toMatchObject(expected);
  });

  it.each<[string, string, string, string | undefined]>([
    ['before the post', '2026-12-01T23:00:00.000Z', 'scheduled', undefined],
    ['at the due time', '2026-12-02T00:00:00.000Z', 'scheduled', undefined],
    ['after the post', '2026-12-02T00:00:01.000Z', 'draft', '2026-12-02T00:00:01.000Z'],
  ])('a publication scheduled %s: %s', (_name, at, state, publishesAfterDue) => {
    const versions = { published: {}, draft: { 'zh-Hans': doc('z') } };
    const scheduled = { locale: 'zh-Hans', at: new Date(at), entry: entry('z') };
    const d = decide(versions, 'zh-Hans', 'en', what, due, scheduled);
    expect([d.state, d.publishesAfterDue]).toEqual([state, publishesAfterDue]);
  });

  it('a publication in the default locale counts for the fallback; one elsewhere does not', () => {
    const versions = { published: {}, draft: { en: doc('e') } };
    const at = new Date('2026-12-01T23:00:00.000Z');
    expect(decide(versions, 'zh-Hans', 'en', what, due, { locale: 'en', at, entry: entry('e') })).toMatchObject({
      state: 'scheduled',
      locale: 'en',
      fallbackFrom: 'zh-Hans',
    });
    expect(decide(versions, 'zh-Hans', 'en', what, due, { locale: 'fr', at, entry: entry('e') }).state).toBe('draft');
  });

  it('published wins over a scheduled publication', () => {
    const versions = { published: { 'zh-Hans': doc('z') }, draft: {} };
    expect(decide(versions, 'zh-Hans', 'en', what, due, { locale: 'zh-Hans', at: due, entry: entry('z') }).state).toBe('ready');
  });
});

describe('lessons and reminders', () => {
  const ready: Decision = { state: 'ready', locale: 'zh-Hans', fallbackFrom: null, entry: entry('l'), reason: null };
  const missing: Decision = {
    state: 'missing',
    locale: 'zh-Hans',
    fallbackFrom: null,
    entry: null,
    reason: 'no lesson for day 2 of camp in zh-Hans or en',
  };

  it.each<[string, Decision, Decision | null, string]>([
    ['course ready, lesson ready', ready, ready, 'ready'],
    ['course ready, lesson missing', ready, missing, 'missing'],
    ['course a draft', { ...ready, state: 'draft', reason: 'course is only a draft in zh-Hans' }, null, 'draft'],
  ])('%s', (_name, course, lesson, state) => {
    const d = decideLesson(course, () => lesson as Decision);
    expect(d.state).toBe(state);
    if (course.state !== 'ready') expect(d.reason).toBe('course is only a draft in zh-Hans (the lesson needs it)');
  });

  it.each<[string, Decision, { classTime: string; reminders: number; courseLabel: string } | null, string, string, string | null]>([
    ['lesson ready, a reminder fits', ready, { classTime: '20:00', reminders: 3, courseLabel: 'camp' }, '19:55', 'ready', null],
    ['no lesson', missing, null, '09:00', 'missing', 'no lesson for day 2 of camp in zh-Hans or en (the reminder needs it)'],
    [
      'after class time',
      ready,
      { classTime: '20:00', reminders: 3, courseLabel: 'camp' },
      '20:30',
      'missing',
      'reminder at 20:30 is after class time 20:00',
    ],
    ['no reminders', ready, { classTime: '20:00', reminders: 0, courseLabel: 'camp' }, '09:00', 'missing', 'course camp has no reminders'],
  ])('%s', (_name, lesson, found, time, state, reason) => {
    const d = decideReminder(lesson, found, time);
    expect(d.state).toBe(state);
    expect(d.reason).toBe(reason);
  });
});

describe('lines: one per item', () => {
  it('many groups needing one report are one line, with sorted groups, the count and the first due instant', () => {
    const groups = Array.from({ length: 40 }, (_, i) => ({ ...sh, slug: `g-${String(40 - i).padStart(2, '0')}` }));
    const posts = groups.map((g, i) => ({
      ...post('morning-report', g),
      dueAt: new Date(Date.parse('2026-12-02T00:00:00.000Z') + (40 - i) * 60_000),
    }));
    const lines = groupByItem(posts);
    expect(lines).toHaveLength(1);
    expect(lines[0].posts).toBe(40);
    expect(lines[0].groups[0]).toBe('g-01');
    expect(lines[0].groups).toHaveLength(40);
    expect(lines[0].firstDue.toISOString()).toBe('2026-12-02T00:01:00.000Z');
  });

  it('two posts of one group on one item count twice, the group once', () => {
    const lines = groupByItem([post('text', sh, '2026-12-02T00:00:00.000Z'), post('text', sh, '2026-12-02T04:00:00.000Z')]);
    expect(lines.map((l) => [l.groups, l.posts])).toEqual([[['sh-1'], 2]]);
  });

  it('keeps each group’s own first due instant (the line’s is the earliest group’s)', () => {
    const berlin = { ...sh, slug: 'be-1', timezone: 'Europe/Berlin' };
    const [line] = groupByItem([
      post('text', sh, '2026-12-02T04:00:00.000Z'),
      post('text', sh, '2026-12-02T00:00:00.000Z'),
      post('text', berlin, '2026-12-02T07:00:00.000Z'),
    ]);
    expect(line.firstDue.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(line.groupDue).toEqual({ 'sh-1': '2026-12-02T00:00:00.000Z', 'be-1': '2026-12-02T07:00:00.000Z' });
  });

  it.each([
    ['locales', [post('morning-report', sh), post('morning-report', ny, '2026-12-02T13:00:00.000Z')], 2],
    ['dates', [post('daily-topic', sh, '2026-12-02T04:30:00.000Z'), post('daily-topic', sh, '2026-12-03T04:30:00.000Z')], 2],
    ['editions', [post('morning-report', sh), post('evening-report', sh, '2026-12-02T13:30:00.000Z')], 2],
    [
      'cohort days',
      [
        post('lesson', sh, '2026-12-03T12:00:00.000Z'),
        post('lesson', { ...sh, slug: 'sh-2', cohortStart: '2026-11-30' }, '2026-12-03T12:00:00.000Z'),
      ],
      2,
    ],
    [
      'reminder times',
      [post('lesson-reminder', sh, '2026-12-03T01:00:00.000Z', '09:00'), post('lesson-reminder', sh, '2026-12-03T11:00:00.000Z', '19:00')],
      2,
    ],
  ])('different %s are different lines', (_name, posts, n) => {
    expect(groupByItem(posts)).toHaveLength(n);
  });

  it('a line says where the content was found, and for lessons the course and day; lines sort by first due', () => {
    const [report, lesson] = groupByItem([post('morning-report', sh), post('lesson-reminder', sh, '2026-12-01T23:00:00.000Z', '07:00')]);
    const fallback: Decision = { state: 'ready', locale: 'en', fallbackFrom: 'zh-Hans', entry: entry('e'), reason: null };
    const lines = sortLines([toLine(report, fallback), toLine(lesson, { ...fallback, state: 'missing', entry: null, reason: 'x' })]);
    expect(lines).toEqual([
      {
        source: 'lesson-reminder',
        date: '2026-12-02',
        locale: 'en',
        state: 'missing',
        firstDue: '2026-12-01T23:00:00.000Z',
        groups: ['sh-1'],
        posts: 1,
        fallbackFrom: 'zh-Hans',
        entry: null,
        reason: 'x',
        course: 'c1',
        day: 1,
        time: '07:00',
      },
      {
        source: 'morning-report',
        date: '2026-12-02',
        locale: 'en',
        state: 'ready',
        firstDue: '2026-12-02T00:00:00.000Z',
        groups: ['sh-1'],
        posts: 1,
        fallbackFrom: 'zh-Hans',
        entry: entry('e'),
        reason: null,
      },
    ]);
  });
});

describe('itemLabel: how reasons name an item', () => {
  it.each([
    [{ kind: 'report', edition: 'evening', date: '2026-12-02' }, undefined, 'evening report for 2026-12-02'],
    [{ kind: 'topic', date: '2026-12-02' }, undefined, 'daily topic for 2026-12-02'],
    [{ kind: 'lesson', course: 'c1', day: 3 }, 'habit-camp', 'lesson for day 3 of habit-camp'],
    [{ kind: 'lesson-reminder', course: 'c1', day: 3, time: '09:00' }, undefined, 'lesson for day 3 of c1'],
    [{ kind: 'welcome-rules' }, undefined, 'default welcome script'],
  ] as const)('%o', (need, label, text) => {
    expect(itemLabel(need, label)).toBe(text);
  });
});

describe('linesForEntry', () => {
  const line = (over: Partial<ReadinessLine>): ReadinessLine => ({
    source: 'morning-report',
    date: '2026-12-03',
    locale: 'zh-Hans',
    state: 'draft',
    firstDue: '2026-12-03T00:00:00.000Z',
    groups: ['zh-1'],
    posts: 1,
    fallbackFrom: null,
    entry: null,
    reason: null,
    ...over,
  });
  const zh = line({});
  const en = line({ locale: 'en', groups: ['en-1'] });
  const zhByFallback = line({ locale: 'en', fallbackFrom: 'zh-Hans', groups: ['zh-2'], state: 'ready' });
  const evening = line({ source: 'evening-report' });
  const otherDay = line({ date: '2026-12-04' });
  const lesson = line({ source: 'lesson', course: 'c1', day: 2 });
  const reminder = line({ source: 'lesson-reminder', course: 'c1', day: 2, time: '09:00' });
  const all = [zh, en, zhByFallback, evening, otherDay, lesson, reminder];

  it.each([
    [
      'a zh-Hans morning report: the zh-Hans groups, also those reading the en one until it is published',
      { kind: 'report', edition: 'morning', date: '2026-12-03', locale: 'zh-Hans' },
      [zh, zhByFallback],
    ],
    [
      'an en morning report: en groups and groups falling back to en, no zh-Hans group',
      { kind: 'report', edition: 'morning', date: '2026-12-03', locale: 'en' },
      [en, zhByFallback],
    ],
    ['an evening report', { kind: 'report', edition: 'evening', date: '2026-12-03', locale: 'zh-Hans' }, [evening]],
    ['a topic of a day without topic posts', { kind: 'topic', date: '2026-12-03', locale: 'zh-Hans' }, []],
    ['a lesson: its course and day, not the reminders', { kind: 'lesson', course: 'c1', day: 2, locale: 'zh-Hans' }, [lesson]],
    ['a lesson of another day', { kind: 'lesson', course: 'c1', day: 3, locale: 'zh-Hans' }, []],
  ] as [string, EntryItem, ReadinessLine[]][])('%s', (_name, entry, expected) => {
    expect(linesForEntry(all, entry)).toEqual(expected);
  });
});
