/** Names of the scheduler plugin, in one place. */
export const PLUGIN_ID = 'scheduler';

export const SCHEDULE_UID = 'plugin::scheduler.schedule' as const;
export const DELIVERY_UID = 'plugin::scheduler.delivery' as const;
export const LEASE_UID = 'plugin::scheduler.lease' as const;
export const PACING_SLOT_UID = 'plugin::scheduler.pacing-slot' as const;
export const DELIVERY_DAY_UID = 'plugin::scheduler.delivery-day' as const;
export const TASK_FEED_UID = 'plugin::scheduler.task-feed' as const;
export const PUBLICATION_UID = 'plugin::scheduler.publication' as const;

/**
 * Delivery row states: planned → sending → sent, or → failed (retry) → dead; skipped and
 * cancelled are final. A staff task (platform delivery `task`) goes planned → sent (done),
 * skipped, or missed (not done within the cut-off; final).
 */
export const DELIVERY_STATUS = ['planned', 'sending', 'sent', 'failed', 'dead', 'skipped', 'cancelled', 'missed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUS)[number];

export const APP_UID = {
  group: 'api::group.group',
  tag: 'api::tag.tag',
  course: 'api::course.course',
  lesson: 'api::lesson.lesson',
  playbook: 'api::playbook.playbook',
  dailyReport: 'api::daily-report.daily-report',
  dailyTopic: 'api::daily-topic.daily-topic',
  welcomeScript: 'api::welcome-script.welcome-script',
  channel: 'api::channel.channel',
} as const;

/** What a post is made of (playbook step and schedule `source`). */
export const SOURCES = ['text', 'morning-report', 'evening-report', 'daily-topic', 'lesson', 'lesson-reminder', 'welcome-rules'] as const;
export type Source = (typeof SOURCES)[number];
/** What a delivery row is made of: a source, or a notice to a team group (never a schedule's or step's source). */
export type RowSource = Source | 'notice';
/** Every source a delivery row may have (list filters). */
export const ROW_SOURCES = [...SOURCES, 'notice'] as const;

export const CATCH_UP = ['skip', 'latest', 'all'] as const;
export const QUIET_HOURS_POLICY = ['defer', 'skip'] as const;

/** Preview and occurrence listings are bounded. */
export const MAX_PREVIEW_COUNT = 1000;
export const DEFAULT_OCCURRENCE_WINDOW_DAYS = 7;
export const MAX_OCCURRENCE_WINDOW_DAYS = 366;

/** Admin permissions (Settings → Roles): super admins have both; grant them to other roles there. */
export const PERMISSION = {
  read: `plugin::${PLUGIN_ID}.read`,
  manage: `plugin::${PLUGIN_ID}.deliveries.manage`,
} as const;
export const ADMIN_ACTIONS = [
  { section: 'plugins', displayName: 'See the calendar, previews and timelines', uid: 'read', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Retry, cancel and send posts now', uid: 'deliveries.manage', pluginName: PLUGIN_ID },
];

/** The planner's cluster lease: renewed every planner round, taken over when it runs out. */
export const PLANNER_LEASE = 'planner';
/** The planner plans [now − this, now + horizon]: rows in it are recognised by their key. */
export const PLANNER_LOOKBACK_MS = 3_600_000;
/** The retention job's last run (a lease row: its expiresAt is the run's start). */
export const RETENTION_MARKER = 'retention';
/** Why the planner cancels a planned row (day views leave these out: another row, or none, replaces it). */
export const REPLANNED_REASON = 're-planned: no longer produced by its schedule or playbook (edited, paused or removed)';
export const GROUP_CLOSED_REASON = 'group closed';

/**
 * How far the planner has planned (a lease row: its expiresAt is the far end of the last full
 * round's window): a day view reads the delivery rows up to it and computes only what lies beyond.
 */
export const PLANNED_THROUGH_MARKER = 'planned-through';
export const plannerLeaseMs = (config: { plannerIntervalMs: number }) => Math.max(3 * config.plannerIntervalMs, 3_000);

/**
 * The cluster's heartbeat (a lease row every round of every instance renews). Older than
 * this means no scheduler ran in between: rows that fell due then follow catchUp.
 */
export const HEARTBEAT_LEASE = 'heartbeat';
export const HEARTBEAT_GAP_MS = 30_000;
export const HEARTBEAT_INTERVAL_MS = 5_000;
