/**
 * Scheduled publishing (issue 16): what a request to publish or unpublish an entry at an
 * instant may be, its idempotency key, and what a run's outcome makes of the row. Pure.
 */

export const PUBLICATION_ACTIONS = ['publish', 'unpublish'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];
export const PUBLICATION_STATUS = ['planned', 'running', 'done', 'failed', 'cancelled'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUS)[number];

/** How far in the past `at` may be (a form submitted a few seconds late still runs at once). */
export const PAST_TOLERANCE_MS = 60_000;
const REASON_MAX = 300;

export interface PublicationRequest {
  uid: string;
  documentId: string;
  locale: string | null;
  action: PublicationAction;
  at: Date;
}

/** What a request is checked against: the editorial types (draft & publish) and the i18n locales. */
export interface PublicationContext {
  now: Date;
  /** uid → localized, for content types with draft & publish. */
  types: Record<string, { localized: boolean }>;
  locales: string[];
  defaultLocale: string;
}

export type Checked = { ok: true; value: PublicationRequest } | { ok: false; field: string; message: string };

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The first problem of a request body (the field it names), or the request as it will be stored. */
export function checkRequest(body: Record<string, unknown>, ctx: PublicationContext): Checked {
  const fail = (field: string, message: string): Checked => ({ ok: false, field, message });
  const { uid, documentId, locale, action, at } = body;
  const type = typeof uid === 'string' ? ctx.types[uid] : undefined;
  if (!type) return fail('uid', `must be one of ${Object.keys(ctx.types).sort().join(', ')}`);
  if (typeof documentId !== 'string' || !/^[a-z0-9]{1,64}$/i.test(documentId)) return fail('documentId', 'must be a documentId');
  let loc: string | null = null;
  if (type.localized) {
    loc = locale === undefined || locale === null || locale === '' ? ctx.defaultLocale : (locale as string);
    if (typeof loc !== 'string' || !ctx.locales.includes(loc)) return fail('locale', `must be one of ${ctx.locales.join(', ')}`);
  } else if (locale !== undefined && locale !== null && locale !== '') return fail('locale', `${uid} is not localized`);
  if (typeof action !== 'string' || !(PUBLICATION_ACTIONS as readonly string[]).includes(action))
    return fail('action', 'must be publish or unpublish');
  if (typeof at !== 'string' || !ISO_WITH_OFFSET.test(at) || Number.isNaN(Date.parse(at)))
    return fail('at', 'must be an ISO 8601 instant with its offset (e.g. 2026-12-03T08:00:00+08:00)');
  const when = new Date(Date.parse(at));
  if (when.getTime() < ctx.now.getTime() - PAST_TOLERANCE_MS) return fail('at', 'must not be in the past');
  return { ok: true, value: { uid: uid as string, documentId, locale: loc, action: action as PublicationAction, at: when } };
}

/** One publication per entry, locale, action and instant: a repeat is the same row. */
export const publicationKey = (r: PublicationRequest) => `${r.uid}|${r.documentId}|${r.locale ?? '-'}|${r.action}|${r.at.toISOString()}`;

/** What DELETE does in each state: cancel a planned one; a cancelled one stays so; a running, done or failed one cannot be. */
export function cancelDecision(status: PublicationStatus): 'cancel' | 'already' | 'conflict' {
  if (status === 'planned') return 'cancel';
  if (status === 'cancelled') return 'already';
  return 'conflict';
}

/** An error's reason as the row keeps it: its message (and a validation error's fields), one line, no URL, bounded. */
export function failureReason(err: unknown): string {
  const e = err as { message?: string; details?: { errors?: { path?: unknown[]; message?: string }[] } } | null;
  let text = String(e?.message ?? err ?? 'unknown error');
  const fields = (e?.details?.errors ?? []).map((x) => [x.path?.join('.'), x.message].filter(Boolean).join(': ')).filter(Boolean);
  if (fields.length && !fields.some((f) => text.includes(f))) text = `${text} (${fields.join('; ')})`;
  text = text
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[URL]')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1)}…` : text;
}

export interface RunPatch {
  status: 'done' | 'failed';
  reason: string | null;
  doneAt: Date;
}

/** After a run: done, or failed with the reason (no retry: a validation error or a deleted entry stays so). */
export function afterRun(outcome: { error: unknown } | { ok: true }, now: Date): RunPatch {
  if ('ok' in outcome) return { status: 'done', reason: null, doneAt: now };
  return { status: 'failed', reason: failureReason(outcome.error), doneAt: now };
}
