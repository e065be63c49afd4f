/**
 * What a post does when its content is still missing at send time (issue 16): its schedule's
 * or playbook step's `whenMissing`, carried on the row. Pure.
 */
export const WHEN_MISSING = ['skip', 'fallback', 'hold'] as const;
export type WhenMissing = (typeof WHEN_MISSING)[number];
/** What the row says happened: recorded as `missingAction`. */
export type MissingAction = 'skipped' | 'fallback' | 'held';

export const DEFAULT_HOLD_MINUTES = 60;
/** A held post looks for its content again this often. */
export const HOLD_RECHECK_MS = 60_000;

export interface MissingPolicy {
  whenMissing?: string | null;
  fallbackText?: string | null;
  holdMinutes?: number | null;
}

export type MissingDecision =
  | { action: 'skip'; reason: string }
  | { action: 'fallback'; text: string; reason: string }
  | { action: 'hold'; until: Date; recheckAt: Date };

/** The post's content is missing (`reason`) at `now`: skip, send the fallback text, or wait. */
export function decideMissing(policy: MissingPolicy, reason: string, now: Date, scheduledFor: Date): MissingDecision {
  const mode = (WHEN_MISSING as readonly string[]).includes(policy.whenMissing ?? '') ? (policy.whenMissing as WhenMissing) : 'skip';
  if (mode === 'fallback') {
    const text = (policy.fallbackText ?? '').trim();
    // A fallback without text (an old row, a bypassed check) cannot be sent: skipped as before.
    if (text) return { action: 'fallback', text, reason };
    return { action: 'skip', reason: `${reason} (no fallbackText)` };
  }
  if (mode === 'hold') {
    const minutes = holdMinutesOf(policy);
    const until = new Date(scheduledFor.getTime() + minutes * 60_000);
    if (now < until) return { action: 'hold', until, recheckAt: new Date(Math.min(now.getTime() + HOLD_RECHECK_MS, until.getTime())) };
    return { action: 'skip', reason: `held ${minutes} min; ${reason}` };
  }
  return { action: 'skip', reason };
}

export function holdMinutesOf(policy: MissingPolicy): number {
  const m = policy.holdMinutes;
  return typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 1440 ? m : DEFAULT_HOLD_MINUTES;
}
