/** Content-type UIDs of the app, in one place. */
export const UID = {
  dailyReport: 'api::daily-report.daily-report',
  dailyTopic: 'api::daily-topic.daily-topic',
  course: 'api::course.course',
  lesson: 'api::lesson.lesson',
  channel: 'api::channel.channel',
  welcomeScript: 'api::welcome-script.welcome-script',
  playbook: 'api::playbook.playbook',
  group: 'api::group.group',
  tag: 'api::tag.tag',
  schedule: 'plugin::scheduler.schedule',
} as const;

export type AppUid = (typeof UID)[keyof typeof UID];

/** Locales every database has after the first boot; the first is the default. */
export const LOCALES = [
  { code: 'en', name: 'English (en)' },
  { code: 'zh-Hans', name: 'Chinese (Simplified) (zh-Hans)' },
] as const;
export const DEFAULT_LOCALE = 'en';

/** Editorial content the public role may read (published versions only). */
export const PUBLIC_READABLE: AppUid[] = [
  UID.dailyReport,
  UID.dailyTopic,
  UID.course,
  UID.lesson,
  UID.channel,
  UID.welcomeScript,
  UID.playbook,
  UID.tag,
];

/** Route middleware that keeps drafts away from anyone but API tokens. */
export const PUBLISHED_ONLY_MIDDLEWARE = 'global::published-only';
