/**
 * What happens to a post after the platform answered one of its requests: the next state
 * of its row. Pure: the dispatcher records what this returns.
 */
import { retryDelayMs } from './backoff';
import type { Outcome } from './outcome';
import type { DeliveryPatch, DeliveryRow } from './types';

export interface AttemptContext {
  /** When the answer came (ms). */
  at: number;
  /** Parts of the post that reached the group so far (this attempt's included). */
  partsSent: number;
  /** This send was a probe of a receiver that was down (not an attempt when it is still down). */
  probing: boolean;
  /** The plugin's attempt budget, when the row has none of its own. */
  maxAttempts: number;
  /** The requests as stored (credentials masked). */
  payload: DeliveryPatch['payload'];
  /** The retry delay after `attempts` attempts (backoff with jitter; injectable for tests). */
  delayMs?: (attempts: number) => number;
}

/** The decision, with what the dispatcher must do besides recording the patch. */
export interface NextState {
  patch: DeliveryPatch;
  /** The receiver said the endpoint is gone (HTTP 410): disable the group's endpoint. */
  endpointGone?: boolean;
}

type Row = Pick<DeliveryRow, 'attempts' | 'maxAttempts'> & Partial<Pick<DeliveryRow, 'rateLimitHits'>>;

/**
 * Rate-limit answers are not attempts, but a receiver that answers nothing else must not keep
 * a post forever: this many in a row count as one attempt.
 */
export const RATE_LIMITS_PER_ATTEMPT = 10;

/** The row's next state after a request that did not succeed (`outcome.kind` is not `ok`). */
export function afterFailedRequest(row: Row, outcome: Exclude<Outcome, { kind: 'ok' }>, ctx: AttemptContext): NextState {
  const { at, partsSent, payload } = ctx;
  if (outcome.kind === 'rate-limited') {
    const hits = (row.rateLimitHits ?? 0) + 1;
    if (hits < RATE_LIMITS_PER_ATTEMPT) {
      return {
        patch: {
          status: 'failed',
          failureClass: 'rate-limit',
          partsSent,
          rateLimitHits: hits,
          nextAttemptAt: new Date(at + outcome.delayMs),
          lastError: outcome.reason,
          reason: 'rate limited by the platform; not counted as an attempt',
          payload,
        },
      };
    }
    const counted = (row.attempts ?? 0) + 1;
    const give = counted >= (row.maxAttempts ?? ctx.maxAttempts);
    return {
      patch: {
        status: give ? 'dead' : 'failed',
        failureClass: 'rate-limit',
        attempts: counted,
        partsSent,
        rateLimitHits: 0,
        ...(give ? {} : { nextAttemptAt: new Date(at + outcome.delayMs) }),
        lastError: outcome.reason,
        reason: give
          ? `gave up after ${counted} attempts: rate limited ${hits} times in a row`
          : `rate limited ${hits} times in a row; counted as attempt ${counted}`,
        payload,
      },
    };
  }
  const attempts = (row.attempts ?? 0) + 1;
  if (outcome.kind === 'permanent') {
    return {
      patch: {
        status: 'dead',
        failureClass: null,
        attempts,
        partsSent,
        rateLimitHits: 0,
        lastError: outcome.reason,
        reason: `permanent failure: ${outcome.reason}`,
        payload,
      },
      endpointGone: outcome.gone === true,
    };
  }
  const failureClass = outcome.down ? 'down' : 'response';
  if (ctx.probing && outcome.down) {
    // A probe of a receiver that is still down is not an attempt: the post keeps its place in its backoff.
    return {
      patch: {
        status: 'failed',
        failureClass,
        partsSent,
        lastError: outcome.reason,
        reason: `receiver still down at a probe (${new Date(at).toISOString()}); attempt ${row.attempts ?? 0} stands, next attempt as planned`,
        payload,
      },
    };
  }
  const maxAttempts = row.maxAttempts ?? ctx.maxAttempts;
  if (attempts >= maxAttempts) {
    return {
      patch: {
        status: 'dead',
        failureClass,
        attempts,
        partsSent,
        rateLimitHits: 0,
        lastError: outcome.reason,
        reason: `gave up after ${attempts} attempts: ${outcome.reason}`,
        payload,
      },
    };
  }
  const delay = (ctx.delayMs ?? retryDelayMs)(attempts);
  return {
    patch: {
      status: 'failed',
      failureClass,
      attempts,
      partsSent,
      rateLimitHits: 0,
      nextAttemptAt: new Date(at + delay),
      lastError: outcome.reason,
      reason: `attempt ${attempts} failed; will retry`,
      payload,
    },
  };
}

/**
 * The row's next state when the destination policy refused the connection: nothing was sent,
 * so it is not an attempt, and retrying cannot help until someone changes the group or the
 * allow-list: dead, with the policy's sentence as the reason.
 */
export function afterRefusedDestination(reason: string, ctx: Pick<AttemptContext, 'partsSent' | 'payload'>): NextState {
  return { patch: { status: 'dead', failureClass: null, partsSent: ctx.partsSent, lastError: reason, reason, payload: ctx.payload } };
}

/** The row's next state once every part arrived. */
export function afterAllPartsSent(row: Row, ctx: Pick<AttemptContext, 'at' | 'partsSent' | 'payload'>): NextState {
  return {
    patch: {
      status: 'sent',
      failureClass: null,
      attempts: (row.attempts ?? 0) + 1,
      partsSent: ctx.partsSent,
      rateLimitHits: 0,
      sentAt: new Date(ctx.at),
      payload: ctx.payload,
      lastError: null,
    },
  };
}
