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
