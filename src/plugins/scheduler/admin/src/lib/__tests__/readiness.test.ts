/**
 * Readiness in the admin: where a line's button goes, what a create view fills in, day
 * words, the calendar's window and which post a line marks.
 */
import { dayWord, firstOf, indexLines, lineOfPost, lineTarget, readPrefill, readinessWindow, type ReadinessLine } from '../readiness';

const line = (over: Partial<ReadinessLine>): ReadinessLine => ({
  source: 'morning-report',
  date: '2026-12-03',
  locale: 'zh-Hans',
  state: 'missing',
  firstDue: '2026-12-03T00:00:00.000Z',
  groups: ['zh-1', 'zh-2'],
  posts: 2,
  fallbackFrom: null,
  entry: null,
  reason: 'no morning report for 2026-12-03 in zh-Hans or en',
  ...over,
});

describe('lineTarget', () => {
  it('an entry: its edit view in the line’s locale', () => {
    expect(lineTarget(line({ state: 'draft', entry: { uid: 'api::daily-report.daily-report', documentId: 'abc123' } }))).toBe(
      '/content-manager/collection-types/api::daily-report.daily-report/abc123?plugins[i18n][locale]=zh-Hans'
    );
  });

  it.each([
    [
      'a missing evening report: a new one with date and edition',
      line({ source: 'evening-report' }),
      '/content-manager/collection-types/api::daily-report.daily-report/create?plugins[i18n][locale]=zh-Hans&prefill=' +
        encodeURIComponent('{"date":"2026-12-03","edition":"evening"}'),
    ],
    [
      'a missing topic: a new one with its date',
      line({ source: 'daily-topic', locale: 'en' }),
      '/content-manager/collection-types/api::daily-topic.daily-topic/create?plugins[i18n][locale]=en&prefill=' +
        encodeURIComponent('{"date":"2026-12-03"}'),
    ],
    [
      'a missing lesson: a new one with its day',
      line({ source: 'lesson', course: 'c1', day: 4 }),
      '/content-manager/collection-types/api::lesson.lesson/create?plugins[i18n][locale]=zh-Hans&prefill=' +
        encodeURIComponent('{"day":4}'),
    ],
    [
      'a reminder: its course',
      line({ source: 'lesson-reminder', course: 'c1', day: 4, time: '09:00', entry: { uid: 'api::lesson.lesson', documentId: 'l1' } }),
      '/content-manager/collection-types/api::course.course/c1?plugins[i18n][locale]=zh-Hans',
    ],
  ])('%s', (_name, l, url) => {
    expect(lineTarget(l)).toBe(url);
  });

  it('nothing to write: null (a text post; a lesson of a group without a course)', () => {
    expect(lineTarget(line({ source: 'text' }))).toBeNull();
    expect(lineTarget(line({ source: 'lesson', reason: 'group zh-1 has no course' }))).toBeNull();
  });
});

describe('readPrefill', () => {
  it('reads date, edition and day from ?prefill=', () => {
    const search = `?plugins[i18n][locale]=zh-Hans&prefill=${encodeURIComponent('{"date":"2026-12-03","edition":"evening","day":2}')}`;
    expect(readPrefill(search)).toEqual({ date: '2026-12-03', edition: 'evening', day: 2 });
  });

  it('ignores other fields, bad values and bad JSON', () => {
    expect(readPrefill(`?prefill=${encodeURIComponent('{"title":"x","course":"c1","date":"tomorrow","day":"2"}')}`)).toBeNull();
    expect(readPrefill('?prefill=%7Bnot-json')).toBeNull();
    expect(readPrefill('?plugins[i18n][locale]=en')).toBeNull();
  });
});

describe('dayWord', () => {
  const now = new Date('2026-12-02T06:00:00.000Z'); // 14:00 in Shanghai, 07:00 in Berlin
  it.each([
    ['2026-12-02T10:00:00.000Z', 'Asia/Shanghai', 'today', '2026-12-02'],
    ['2026-12-03T00:00:00.000Z', 'Asia/Shanghai', 'tomorrow', '2026-12-03'],
    ['2026-12-02T23:30:00.000Z', 'Europe/Berlin', 'tomorrow', '2026-12-03'],
    ['2026-12-02T22:30:00.000Z', 'Europe/Berlin', 'today', '2026-12-02'],
    ['2026-12-04T00:00:00.000Z', 'Asia/Shanghai', 'date', '2026-12-04'],
  ])('%s in %s is %s', (iso, zone, word, date) => {
    expect(dayWord(iso, zone, now)).toEqual({ word, date });
  });
});

describe('readinessWindow', () => {
  const now = new Date('2026-12-02T06:00:00.000Z');
  it('from now on, at most 14 days', () => {
    expect(readinessWindow('2026-11-25T00:00:00.000Z', '2026-12-09T00:00:00.000Z', now)).toEqual({
      from: '2026-12-02T06:00:00.000Z',
      to: '2026-12-09T00:00:00.000Z',
    });
    expect(readinessWindow('2026-11-30T00:00:00.000Z', '2027-01-10T00:00:00.000Z', now)).toEqual({
      from: '2026-12-02T06:00:00.000Z',
      to: '2026-12-16T06:00:00.000Z',
    });
  });
  it('a view in the past has none', () => {
    expect(readinessWindow('2026-11-01T00:00:00.000Z', '2026-11-08T00:00:00.000Z', now)).toBeNull();
  });
});

describe('lineOfPost', () => {
  const index = indexLines([
    line({}),
    line({ source: 'lesson', date: '2026-12-03', groups: ['zh-1'], state: 'draft', course: 'c1', day: 3 }),
  ]);
  it('matches by source, group and the local date in the group’s zone', () => {
    // 08:00 on 2026-12-03 in Shanghai is 00:00 UTC.
    const post = { source: 'morning-report', group: 'zh-2', groupTimezone: 'Asia/Shanghai', dueAt: '2026-12-03T00:00:00.000Z' };
    expect(lineOfPost(post, index)?.state).toBe('missing');
    expect(lineOfPost({ ...post, source: 'lesson', group: 'zh-1', dueAt: '2026-12-03T12:00:00.000Z' }, index)?.day).toBe(3);
  });
  it('another group, day or source: no line', () => {
    const post = { source: 'morning-report', group: 'zh-3', groupTimezone: 'Asia/Shanghai', dueAt: '2026-12-03T00:00:00.000Z' };
    expect(lineOfPost(post, index)).toBeNull();
    // 23:00 UTC on 12-02 is 07:00 on 12-03 in Shanghai but still 12-02 in UTC: the zone decides.
    expect(lineOfPost({ ...post, group: 'zh-1', dueAt: '2026-12-02T23:00:00.000Z' }, index)?.source).toBe('morning-report');
    expect(lineOfPost({ ...post, group: 'zh-1', groupTimezone: 'UTC', dueAt: '2026-12-02T23:00:00.000Z' }, index)).toBeNull();
    expect(lineOfPost({ ...post, group: 'zh-1', source: 'daily-topic' }, index)).toBeNull();
  });
});

describe('firstOf', () => {
  it('up to ten, then how many more', () => {
    const names = Array.from({ length: 12 }, (_, i) => `g${i}`);
    expect(firstOf(names)).toEqual({ shown: names.slice(0, 10), more: 2 });
    expect(firstOf(names.slice(0, 3))).toEqual({ shown: names.slice(0, 3), more: 0 });
  });
});
