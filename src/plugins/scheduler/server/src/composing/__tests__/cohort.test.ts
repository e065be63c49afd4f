import { cohortDay, localDate, minutesUntil, pickReminder, formatDate } from '../cohort';
import { reportMarkdown, topicMarkdown } from '../markdown';

describe('cohort arithmetic in the group zone', () => {
  it('counts Day 0 from cohortStart on the local date', () => {
    // 2026-12-04 20:00 Shanghai (UTC+8) = 12:00Z; cohort from 2026-12-01 → Day 3.
    expect(cohortDay(new Date('2026-12-04T12:00:00Z'), 'Asia/Shanghai', '2026-12-01')).toBe(3);
    expect(cohortDay(new Date('2026-11-30T12:00:00Z'), 'Asia/Shanghai', '2026-12-01')).toBe(-1);
  });

  it('switches day at local midnight, not UTC midnight', () => {
    // 2026-12-01 16:30Z is already 2026-12-02 00:30 in Shanghai → Day 1 there,
    // but still 2026-12-01 11:30 in New York (UTC-5) → Day 0.
    const at = new Date('2026-12-01T16:30:00Z');
    expect(localDate(at, 'Asia/Shanghai')).toBe('2026-12-02');
    expect(cohortDay(at, 'Asia/Shanghai', '2026-12-01')).toBe(1);
    expect(cohortDay(at, 'America/New_York', '2026-12-01')).toBe(0);
  });

  it('counts calendar days across a DST change (a 23-hour day is still one day)', () => {
    // Berlin springs forward on 2026-03-29; 2026-03-30 08:00 local is Day 2 of a cohort from 03-28.
    expect(cohortDay(new Date('2026-03-30T06:00:00Z'), 'Europe/Berlin', '2026-03-28')).toBe(2);
  });

  it('measures minutes to class and picks the matching reminder', () => {
    expect(minutesUntil('09:00', '20:00:00.000')).toBe(660);
    expect(minutesUntil('19:55', '20:00')).toBe(5);
    const reminders = [{ minutesBefore: 660 }, { minutesBefore: 60 }, { minutesBefore: 5 }];
    expect(pickReminder(reminders, 60)).toBe(reminders[1]);
    expect(pickReminder(reminders, 7)).toBe(reminders[2]);
    expect(pickReminder([], 7)).toBeNull();
  });

  it('formats the date in the group locale and zone', () => {
    const at = new Date('2026-11-22T20:00:00Z'); // 2026-11-23 04:00 in Shanghai
    expect(formatDate(at, 'Asia/Shanghai', 'zh-Hans')).toBe('2026年11月23日星期一');
    expect(formatDate(at, 'America/New_York', 'en')).toBe('Sunday, November 22, 2026');
  });
});

describe('post markdown', () => {
  it('orders a report greeting → items → task → closing', () => {
    const md = reportMarkdown({
      greeting: 'Hi',
      items: [{ title: 'A', summary: 'sa', link: 'https://x.test/a' }, { title: 'B' }],
      task: 'Do it',
      closing: 'Bye',
    });
    expect(md).toBe('Hi\n\n**1. A**\n\nsa\n\n[https://x.test/a](https://x.test/a)\n\n**2. B**\n\nDo it\n\nBye');
  });

  it('never posts the host guide', () => {
    expect(topicMarkdown({ prompt: 'Q?', hostGuide: 'secret' } as any)).toBe('Q?');
  });
});
