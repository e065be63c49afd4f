/** Delivery rows as the `run-now` queue makes them: one post per key, spread round-robin over the groups. */
import { POST_TEXT, POST_TITLE } from '../lib/payload';

export interface BenchGroup {
  id: number;
  slug: string;
  timezone: string;
}

/** `count` rows keyed `${prefix}${i}`, row i to group i % groups.length, due at `dueAt(i)`. */
export function deliveryRows(prefix: string, count: number, groups: BenchGroup[], dueAt: (i: number) => Date) {
  return Array.from({ length: count }, (_, i) => {
    const g = groups[i % groups.length];
    const due = dueAt(i);
    return {
      key: `${prefix}${i}`,
      status: 'planned',
      originKind: 'run-now',
      groupId: g.id,
      groupSlug: g.slug,
      platform: 'webhook',
      timezone: g.timezone,
      source: 'text',
      text: POST_TEXT,
      title: POST_TITLE,
      localTime: '08:00',
      scheduledFor: due,
      dueAt: due,
      graceSeconds: 86400,
      catchUp: 'all',
      maxAttempts: 6,
    };
  });
}
