/**
 * A delivery row: one post for one group at one time, as the storage layer returns it
 * (camelCase attributes, instants as Date, JSON parsed). Pure types.
 */
import type { DeliveryStatus, RowSource } from '../constants';
import type { NoticeEnvelope } from '../notices/texts';

export type { DeliveryStatus };

export type OriginKind = 'schedule' | 'playbook' | 'join' | 'run-now' | 'notice';

/** Why a post waits for its next attempt: its receiver was down, or it answered with an error. */
export type FailureClass = 'down' | 'response' | 'rate-limit';

/** What was sent (the requests, credentials masked), or what a bot leased. */
export interface DeliveryPayload {
  requests?: { url: string; body: string }[];
  markdown?: string;
  renditions?: unknown;
}

export interface DeliveryRow {
  id: number;
  documentId: string;
  /** Idempotency key (origin, group, occurrence): unique; receivers see it as the post's id. */
  key: string;
  status: DeliveryStatus;
  originKind: OriginKind;
  originId: string | null;
  originStep: number | null;
  groupId: number;
  groupSlug: string;
  platform: string | null;
  timezone: string | null;
  source: RowSource;
  title: string | null;
  text: string | null;
  /** The post's local time of day (HH:mm) in the group's zone. */
  localTime: string | null;
  /** The occurrence the post belongs to. */
  scheduledFor: Date;
  /** When it may go (after quiet hours, the hourly cap, catch-up, pacing). */
  dueAt: Date;
  quietAction: string | null;
  attempts: number;
  partsSent: number;
  /** Rate-limit answers in a row since the last counted attempt (enough of them count as one). */
  rateLimitHits: number;
  nextAttemptAt: Date | null;
  leaseOwner: string | null;
  leaseToken: string | null;
  leaseExpiresAt: Date | null;
  sentAt: Date | null;
  reason: string | null;
  lastError: string | null;
  payload: DeliveryPayload | null;
  member: { nickname?: string | null; channelName?: string | null } | null;
  catchUp: string | null;
  graceSeconds: number | null;
  maxAttempts: number | null;
  failureClass: FailureClass | null;
  /** A staff task done or skipped: by whom (an owner's email, or the API token caller's `by`). */
  doneBy: string | null;
  /** A staff task done: within the on-time tolerance of its due time. */
  onTime: boolean | null;
  /** Set when this post probes a receiver that was down (not an attempt). */
  probeAt: Date | null;
  /** A notice row: what a webhook team group receives (kept apart from payload, which a send replaces). */
  notice: NoticeEnvelope | null;
  /** A staff task: when its overdue notice was raised (or found to have no team group), so the scan skips it. */
  noticedAt: Date | null;
  /** When its content is missing at send time: skip, fallback (send fallbackText) or hold (up to holdMinutes). */
  whenMissing: string | null;
  fallbackText: string | null;
  holdMinutes: number | null;
  /** What happened because the content was missing: skipped, fallback (sent fallbackText) or held (sent after waiting). */
  missingAction: 'skipped' | 'fallback' | 'held' | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What finishing a claimed row changes (the lease fields are cleared by the storage layer). */
export type DeliveryPatch = Partial<
  Pick<
    DeliveryRow,
    | 'status'
    | 'dueAt'
    | 'attempts'
    | 'partsSent'
    | 'rateLimitHits'
    | 'nextAttemptAt'
    | 'sentAt'
    | 'reason'
    | 'lastError'
    | 'payload'
    | 'failureClass'
    | 'platform'
    | 'missingAction'
  >
>;

/** A new row as the planner and the one-off posts write it (defaults filled by the storage layer). */
export type NewDeliveryRow = Partial<Omit<DeliveryRow, 'id' | 'documentId' | 'createdAt' | 'updatedAt'>> &
  Pick<DeliveryRow, 'key' | 'status' | 'originKind' | 'groupId' | 'groupSlug' | 'source' | 'scheduledFor' | 'dueAt'>;
