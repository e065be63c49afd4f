/** The content types the requests aim at: valid create payloads, the fixture of each, and how to read one back in full. */
import type { Fixtures } from './types';
import type { Rng } from './rng';

export const TYPES = [
  'daily-reports',
  'daily-topics',
  'courses',
  'lessons',
  'channels',
  'welcome-scripts',
  'playbooks',
  'groups',
  'tags',
  'schedules',
] as const;
export type TypeName = (typeof TYPES)[number];
export const fixtureOf = (type: TypeName, fx: Fixtures): string =>
  ({
    'daily-reports': fx.report,
    'daily-topics': fx.topic,
    courses: fx.course,
    lessons: fx.lesson,
    channels: fx.channel,
    'welcome-scripts': fx.welcome,
    playbooks: fx.playbook,
    groups: fx.group,
    tags: fx.tag,
    schedules: fx.schedule,
  })[type];

/** Valid create payloads, to mutate one field at a time. */
export function validData(type: string, fx: Fixtures, r: Rng): Record<string, any> {
  const n = Math.floor(r() * 1e9);
  switch (type) {
    case 'daily-reports':
      return {
        date: '2099-06-01',
        edition: 'morning',
        title: 'T',
        greeting: 'G',
        items: [{ title: 'I', summary: 'S', link: 'https://example.com' }],
        task: 'K',
        closing: 'C',
      };
    case 'daily-topics':
      return { date: '2099-06-01', title: 'T', prompt: 'P', hostGuide: 'H', summary: 'S' };
    case 'courses':
      return {
        title: 'C',
        slug: `bi-c-${n}`,
        description: 'D',
        lengthDays: 21,
        classTime: '20:00:00',
        reminders: [{ minutesBefore: 60, text: 'R' }],
      };
    case 'lessons':
      return {
        course: fx.course,
        day: 900 + (n % 900),
        title: 'L',
        body: 'B',
        homework: 'H',
        classTime: '20:00:00',
        durationMinutes: 60,
        liveUrl: 'https://example.com/live',
      };
    case 'channels':
      return { name: 'Ch', code: `bi-ch-${n}`, description: 'D' };
    case 'welcome-scripts':
      return { title: 'W', channel: fx.channel, body: 'B', selfIntroTemplate: 'S', rules: 'R' };
    case 'playbooks':
      return {
        name: 'P',
        slug: `bi-p-${n}`,
        description: 'D',
        lengthDays: 21,
        steps: [{ day: 0, time: '09:00:00', source: 'text', text: 'X', title: 'S' }],
      };
    case 'groups':
      return {
        name: 'G',
        slug: `bi-g-${n}`,
        platform: 'pull',
        timezone: 'Asia/Shanghai',
        locale: 'en',
        stage: 'growth',
        cohortStart: '2099-01-01',
        quietHours: [{ start: '23:00:00', end: '07:00:00' }],
        maxPostsPerHour: 10,
      };
    case 'tags':
      return { name: 'T', slug: `bi-t-${n}` };
    case 'schedules':
      return {
        name: 'S',
        rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
        timezone: 'Asia/Shanghai',
        source: 'text',
        text: 'X',
        active: false,
        groups: [fx.group],
        catchUp: 'skip',
        graceSeconds: 300,
        quietHours: 'defer',
      };
    default:
      throw new Error(type);
  }
}

export const POPULATE: Record<string, string> = {
  'daily-reports': 'populate[items]=true&populate[tags]=true',
  'daily-topics': 'populate[tags]=true',
  courses: 'populate[reminders]=true&populate[lessons]=true',
  lessons: 'populate[course]=true',
  channels: '',
  'welcome-scripts': 'populate[channel]=true&populate[group]=true',
  playbooks: 'populate[steps]=true',
  groups: 'populate[quietHours]=true&populate[tags]=true&populate[course]=true&populate[playbook]=true',
  tags: '',
  schedules: 'populate[groups]=true&populate[tags]=true',
};
