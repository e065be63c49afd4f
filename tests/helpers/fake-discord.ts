/**
 * A fake Discord on loopback that checks Execute Webhook requests the way Discord does
 * (docs.discord.com/developers/resources/webhook#execute-webhook): `POST
 * /api/webhooks/<id>/<token>` of a known webhook (else 404 Unknown Webhook, or 401 for a
 * wrong token), JSON (else 400), `content` a non-empty string of at most 2,000 characters
 * (else 400 Invalid Form Body, code 50035). It is stricter than Discord where our contract
 * is: `allowed_mentions` must be present with an empty `parse` list and no users or
 * roles, and no field other than `content` and `allowed_mentions` may be sent.
 *
 * Rate limits as docs.discord.com/developers/topics/rate-limits describes them: per webhook,
 * at most `burst` requests per `burstWindowMs` and `perMinute` a minute (counted on the
 * given clock, so a test that moves the scheduler's clock moves this one too); beyond, 429
 * with `{"message":"You are being rate limited.","retry_after":<fractional seconds>,
 * "global":false}` and the Retry-After, X-RateLimit-* headers. Refused requests do not count.
 */
import http from 'http';
import { serveOnLoopback } from './loopback-server';

export interface DiscordRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
  /** What was wrong with the request (for a 400/401/404), or null. */
  problem: string | null;
  /** The 429 body's retry_after (seconds), when rate limited. */
  retryAfter?: number;
  /** On the fake's clock (ms). */
  at: number;
}

export interface ForcedAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface FakeDiscord {
  url: string;
  requests: DiscordRequest[];
  /** A webhook that exists: its channel's messages are kept. `limits` override the fake's for it. */
  addWebhook(id: string, token: string, limits?: { burst?: number; perMinute?: number }): void;
  /** The messages a webhook posted, in order. */
  messages(id: string): string[];
  /** Answers the next requests to a webhook with these (before any check), e.g. a 500. */
  force(id: string, ...answers: ForcedAnswer[]): void;
  close(): Promise<void>;
}

export interface FakeDiscordOptions {
  /** The clock the rate limits count on (ms). */
  now?: () => number;
  perMinute?: number;
  burst?: number;
  burstWindowMs?: number;
}

const PATH = /^\/api\/webhooks\/(\d+)\/([A-Za-z0-9_-]+)(?:\?(.*))?$/;

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const now = opts.now ?? Date.now;
  const perMinute = opts.perMinute ?? 30;
  const burst = opts.burst ?? 5;
  const burstWindowMs = opts.burstWindowMs ?? 2000;
  const requests: DiscordRequest[] = [];
  const webhooks = new Map<string, { token: string; messages: string[]; sent: number[]; burst: number; perMinute: number }>();
  const forced = new Map<string, ForcedAnswer[]>();
  let nextMessageId = 1_300_000_000_000_000_000n;

  const server = await serveOnLoopback((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const at = now();
      const record = (status: number, problem: string | null, extra: Partial<DiscordRequest> = {}) =>
        requests.push({ method: req.method ?? '', path, headers: req.headers, body, status, problem, at, ...extra });
      const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      const error = (status: number, message: string, code: number, problem: string, extra: object = {}) => {
        record(status, problem);
        reply(status, { message, code, ...extra });
      };

      const m = PATH.exec(path);
      if (req.method !== 'POST' || !m) return error(404, '404: Not Found', 0, `not an Execute Webhook request: ${req.method} ${path}`);
      const [, id, token, query = ''] = m;
      const queued = forced.get(id)?.shift();
      if (queued) {
        record(queued.status, `forced ${queued.status}`);
        res.writeHead(queued.status, { 'content-type': 'application/json', ...(queued.headers ?? {}) });
        return res.end(queued.body ?? '');
      }
      const hook = webhooks.get(id);
      if (!hook) return error(404, 'Unknown Webhook', 10015, 'unknown webhook');
      if (hook.token !== token) return error(401, 'Invalid Webhook Token', 50027, 'wrong token');
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
        return error(400, 'Cannot send an empty message', 50006, `content-type ${req.headers['content-type']}`);
      let json: any;
      try {
        json = JSON.parse(body);
      } catch {
        return error(400, 'The request body contains invalid JSON.', 50109, 'invalid JSON');
      }
      if (!json || typeof json !== 'object' || Array.isArray(json)) return error(400, 'Invalid Form Body', 50035, 'body is no object');
      const extraFields = Object.keys(json).filter((k) => k !== 'content' && k !== 'allowed_mentions');
      if (extraFields.length) return error(400, 'Invalid Form Body', 50035, `unexpected fields ${extraFields.join(', ')}`);
      if (typeof json.content !== 'string' || json.content === '')
        return error(400, 'Cannot send an empty message', 50006, 'content missing or empty');
      if (json.content.length > 2000)
        return error(400, 'Invalid Form Body', 50035, `content of ${json.content.length} characters`, {
          errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
        });
      const mentions = json.allowed_mentions;
      const noMentions =
        mentions !== null &&
        typeof mentions === 'object' &&
        Array.isArray(mentions.parse) &&
        mentions.parse.length === 0 &&
        !(mentions.users?.length > 0) &&
        !(mentions.roles?.length > 0);
      if (!noMentions) return error(400, 'Invalid Form Body', 50035, `allowed_mentions ${JSON.stringify(mentions)}`);

      // Rate limits per webhook: the burst window and the minute.
      hook.sent = hook.sent.filter((t) => t > at - 60_000);
      const inBurst = hook.sent.filter((t) => t > at - burstWindowMs);
      let waitMs = 0;
      if (inBurst.length >= hook.burst) waitMs = inBurst[inBurst.length - hook.burst] + burstWindowMs - at;
      if (hook.sent.length >= hook.perMinute) waitMs = Math.max(waitMs, hook.sent[hook.sent.length - hook.perMinute] + 60_000 - at);
      if (waitMs > 0) {
        // Fractional seconds, as Discord sends them (never a round number here: + 0.137).
        const retryAfter = Math.round(waitMs + 137) / 1000;
        record(429, null, { retryAfter });
        return reply(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
          {
            'retry-after': String(Math.ceil(retryAfter)),
            'x-ratelimit-limit': String(hook.burst),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset-after': retryAfter.toFixed(3),
            'x-ratelimit-scope': 'shared',
          }
        );
      }
      hook.sent.push(at);
      hook.messages.push(json.content);
      const wait = /(^|&)wait=true(&|$)/.test(query);
      record(wait ? 200 : 204, null);
      const headers = {
        'x-ratelimit-limit': String(hook.burst),
        'x-ratelimit-remaining': String(Math.max(0, hook.burst - hook.sent.filter((t) => t > at - burstWindowMs).length)),
        'x-ratelimit-reset-after': (burstWindowMs / 1000).toFixed(3),
      };
      // wait=true: the message once saved; otherwise 204 No Content.
      if (!wait) return reply(204, undefined, headers);
      nextMessageId += 1n;
      reply(200, { id: String(nextMessageId), type: 0, channel_id: '1', webhook_id: id, content: json.content, mentions: [] }, headers);
    });
  });
  return {
    url: server.url,
    requests,
    addWebhook(id, token, limits = {}) {
      webhooks.set(id, { token, messages: [], sent: [], burst: limits.burst ?? burst, perMinute: limits.perMinute ?? perMinute });
    },
    messages: (id) => [...(webhooks.get(id)?.messages ?? [])],
    force(id, ...answers) {
      forced.set(id, [...(forced.get(id) ?? []), ...answers]);
    },
    close: server.close,
  };
}
