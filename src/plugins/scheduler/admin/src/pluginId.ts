/** The plugin's id in the admin (same as the server's PLUGIN_ID). */
export const PLUGIN_ID = 'scheduler';

/** Models whose edit views get our side panels. */
export const MODELS = {
  schedule: 'plugin::scheduler.schedule',
  group: 'api::group.group',
  content: ['api::daily-report.daily-report', 'api::daily-topic.daily-topic', 'api::lesson.lesson', 'api::welcome-script.welcome-script'],
} as const;
