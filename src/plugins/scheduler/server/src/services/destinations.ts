/**
 * Every request the server sends to a receiver or platform goes out here: through the
 * guarded agent (destinations/guarded-agent.ts), never following a redirect, reading at most
 * MAX_ANSWER_BYTES of the answer, within the configured timeout.
 */
import type { Core } from '@strapi/strapi';
import { request, type Agent } from 'undici';
import { PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { DestinationRefusedError, guardedAgent, systemResolver, type Resolver } from '../destinations/guarded-agent';
import { literalDestinationProblem, parseAllowList, type AllowRule } from '../destinations/policy';
import type { FieldProblem, HttpRequestSpec } from '../platforms/types';

/** At most this much of an answer is read: what is kept of it is an excerpt, and a receiver must not fill memory. */
export const MAX_ANSWER_BYTES = 64 * 1024;

export type HttpResult =
  | { status: number; headers: Record<string, string>; body: string }
  /** The connection was not made, or broke, or timed out. */
  | { error: string }
  /** The destination is not allowed: not an attempt, and it will not change by itself. */
  | { refused: string };

type Readable = AsyncIterable<Buffer> & { destroy(): void };

/** Reads at most `max` bytes of a body, then stops (the rest is never downloaded into memory). */
async function readCapped(body: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= max) break;
    }
  } finally {
    // Breaking out of the loop leaves the rest unread: drop the connection rather than drain megabytes.
    if (size >= max) body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

function headersOf(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export const createDestinationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  let resolver: Resolver = systemResolver;
  let parsed: { text: string; rules: AllowRule[] } | null = null;
  let agent: Agent | null = null;

  const allowList = (): AllowRule[] => {
    const text = config().allowedDestinations;
    if (parsed?.text !== text) parsed = { text, rules: parseAllowList(text) };
    return parsed.rules;
  };
  const client = () => (agent ??= guardedAgent({ allowList, resolver: () => resolver, connectTimeoutMs: config().timeoutMs }));

  return {
    /** POSTs one request; never throws (the answer, a network error, or a refused destination). */
    async post(q: HttpRequestSpec): Promise<HttpResult> {
      // A plain controller and timer: AbortSignal.timeout() costs more CPU per request than the rest of the timeout handling.
      // A stored endpoint may predate the save checks: never hand the client anything but http(s).
      let url: URL;
      try {
        url = new URL(q.url);
      } catch {
        return { refused: 'the destination is not a valid URL' };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return { refused: `the destination is not an http:// or https:// URL (${url.protocol})` };
      const controller = new AbortController();
      const timeoutMs = config().timeoutMs;
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        // maxRedirections is 0: a redirect is the receiver's choice of destination, not the group's.
        const res = await request(q.url, {
          method: 'POST',
          headers: q.headers,
          body: q.body,
          signal: controller.signal,
          dispatcher: client(),
        });
        const body = await readCapped(res.body as unknown as Readable, MAX_ANSWER_BYTES);
        return { status: res.statusCode, headers: headersOf(res.headers), body };
      } catch (err) {
        if (err instanceof DestinationRefusedError) return { refused: err.message };
        if (controller.signal.aborted) return { error: `timeout after ${timeoutMs} ms` };
        const e = err as Error & { code?: string };
        return { error: `network error: ${e.message}${e.code && !e.message.includes(e.code) ? ` (${e.code})` : ''}` };
      } finally {
        clearTimeout(timer);
      }
    },

    /**
     * On save: an endpoint (or a webhook URL kept in the secret) whose host is a literal address
     * the policy refuses. Names are checked when connecting (their addresses may change).
     */
    fieldsProblem({ endpoint, secret }: { endpoint: string | null; secret: string | null }): FieldProblem | null {
      const endpointProblem = endpoint ? literalDestinationProblem(endpoint, allowList()) : null;
      if (endpointProblem) return { field: 'endpoint', message: `endpoint: ${endpointProblem}` };
      const secretProblem = secret && /^https?:\/\//i.test(secret) ? literalDestinationProblem(secret, allowList()) : null;
      if (secretProblem) return { field: 'secret', message: `secret (a URL): ${secretProblem}` };
      return null;
    },

    /** Tests: answer name lookups with this resolver (e.g. a name that resolves to a private address). */
    useResolver(next: Resolver | null) {
      resolver = next ?? systemResolver;
    },

    async close() {
      const closing = agent;
      agent = null;
      await closing?.close().catch(() => undefined);
    },
  };
};

export type DestinationsService = ReturnType<typeof createDestinationsService>;
export default createDestinationsService;
