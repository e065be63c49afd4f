/** A post as the calendar lists it (GET /scheduler/calendar). */
export interface CalendarPost {
  /** null for an upcoming post (beyond the planner's horizon: no delivery yet). */
  id: string | null;
  key?: string;
  status: string;
  group: string;
  groupName: string;
  groupTimezone: string;
  source: string;
  title: string | null;
  dueAt: string;
}

/** One calendar entry (GET /scheduler/calendar/entries): posts of one origin at one local time across groups. */
export interface CalendarEntry {
  key: string;
  origin: { kind: string; id: string | null; step: number | null };
  source: string;
  title: string | null;
  /** Local date and time in the zone asked for (each group's, or the viewer's). */
  date: string;
  time: string;
  dueAt: string;
  instants: string[];
  zones: string[];
  count: number;
  byStatus: Record<string, number>;
  /** The post itself when the entry holds one. */
  post: { id: string | null; group: string; groupName: string; status: string; dueAt: string; timezone: string } | null;
}

export type TaskStatus = 'planned' | 'waiting' | 'done' | 'skipped' | 'missed' | 'cancelled';

/** A staff task as the admin lists it (GET /scheduler/tasks): a post a person copies and posts by hand. */
export interface TaskView {
  id: string;
  group: { slug: string; name: string; timezone: string };
  dueAt: string;
  scheduledFor: string;
  /** Due date and time in the group's zone. */
  localDate: string;
  localTime: string;
  source: string;
  origin: { kind: string; id: string | null; step: number | null };
  title: string | null;
  /** The text to post, split to the platform's limit: one copy per part. */
  parts: string[];
  /** Why there is nothing to post (e.g. the morning report is not written), instead of parts. */
  problem: string | null;
  status: TaskStatus;
  owners: string[];
  doneBy: string | null;
  doneAt: string | null;
  onTime: boolean | null;
  reason: string | null;
}

/** Tasks posted in one sitting: one origin due at one instant in one zone (GET /scheduler/tasks/slots). */
export interface TaskSlot {
  key: string;
  dueAt: string;
  localDate: string;
  localTime: string;
  timezone: string;
  source: string;
  title: string | null;
  tasks: TaskView[];
  counts: Partial<Record<TaskStatus, number>>;
  open: number;
}
