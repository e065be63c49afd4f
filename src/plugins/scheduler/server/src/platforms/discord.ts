/**
 * Discord channel webhooks ("Execute Webhook"): `POST {base}/api/webhooks/<id>/<token>?wait=true`
 * with JSON `{ content, allowed_mentions: { parse: [] } }`. The group's secret is the whole
 * webhook URL Discord shows (`https://discord.com/api/webhooks/<id>/<token>`); only its
 * id and token are used: requests always go to DISCORD_BASE_URL (production
 * https://discord.com, loopback elsewhere), so a group's secret can never send the token
 * to another host. `content` is at most 2,000 characters (longer posts are numbered
 * parts); an empty `parse` list means nothing in it pings (@everyone, @here, users,
 * roles). With `wait=true` Discord answers 200 with the message once it is saved, so a
 * message Discord drops is an error, not a silent 204.
 *
 * Answers: 2xx sent; 429 rate limited, waiting the JSON body's `retry_after` (seconds, may
 * be fractional) or else the Retry-After header; 5xx and network errors retried; other
 * 4xx (400 bad body, 401/403 invalid token, 404 unknown or deleted webhook, code 10015)
 * dead, with Discord's message and code, never the URL or token.
 *
 * Rate limits: Discord allows about 5 requests per 2 seconds per webhook (headers
 * X-RateLimit-Remaining, X-RateLimit-Reset-After) and about 30 messages a minute per
 * channel; we pace at 30 a minute per group, counted across instances.
 *
 * Pages followed: docs.discord.com/developers/resources/webhook (Execute Webhook: JSON
 * params, `wait`), docs.discord.com/developers/resources/message (allowed mentions
 * object), docs.discord.com/developers/reference (message formatting: mentions, escaping)
 * and docs.discord.com/developers/topics/rate-limits
 * (429 body `retry_after`, `global`; Retry-After, X-RateLimit-* headers).
 */
import {
  excerpt,
  httpOutcome,
  parseJson,
  MAX_RATE_LIMIT_DELAY_MS,
  MIN_RATE_LIMIT_DELAY_MS,
  type HttpAnswer,
  type Outcome,
} from '../delivery/outcome';
import { parseRetryAfter } from '../delivery/backoff';
import { JSON_HEADERS, need, PlatformConfigError, trimSlash, type Platform } from './types';

export const DISCORD_LIMIT = { unit: 'chars', max: 2000 } as const;

/** `/api/webhooks/<id>/<token>` (optionally `/api/v10/webhooks/…`), as in the URL Discord shows. */
const WEBHOOK_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d{1,25})\/([A-Za-z0-9_-]{1,200})\/?$/;

/** The webhook id and token of a webhook URL, or null when it is not one. */
export function webhookParts(value: string): { id: string; token: string } | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const m = WEBHOOK_PATH.exec(url.pathname);
  return m ? { id: m[1], token: m[2] } : null;
}

/** Long runs of token characters (a token an answer may echo) are masked in reasons. */
const maskTokens = (s: string) => s.replace(/[A-Za-z0-9_-]{40,}/g, '***');

/** What Discord said: `message (code N)` from its JSON error, or an excerpt of the body. */
function said(body: string): string {
  const json = parseJson(body) as { message?: unknown; code?: unknown } | null;
  if (json && typeof json.message === 'string') {
    const code = typeof json.code === 'number' ? ` (code ${json.code})` : '';
    return maskTokens(`${json.message.slice(0, 200)}${code}`);
  }
  return maskTokens(excerpt(body));
}

export function discordOutcome(answer: HttpAnswer, now = Date.now()): Outcome {
  const { status } = answer;
  if (status === 429) {
    const json = parseJson(answer.body) as { retry_after?: unknown; global?: unknown } | null;
    const seconds = json?.retry_after;
    const asked =
      (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : null) ??
      parseRetryAfter(answer.headers['retry-after'], now);
    if (asked !== null) {
      const delayMs = Math.min(MAX_RATE_LIMIT_DELAY_MS, Math.max(MIN_RATE_LIMIT_DELAY_MS, asked));
      const scope = json?.global === true ? ' (global)' : '';
      return { kind: 'rate-limited', delayMs, reason: `Discord HTTP 429${scope}: ${said(answer.body)}` };
    }
  }
  const http = httpOutcome(answer, now);
  if (!http) return { kind: 'ok' };
  // Discord's own words for 4xx and 5xx (redirects and odd statuses keep the generic reason).
  if (status >= 400 && http.kind !== 'ok') return { ...http, reason: `Discord HTTP ${status}: ${said(answer.body)}` };
  return http;
}

export const discord: Platform = {
  id: 'discord',
  labels: { en: 'Discord', 'zh-Hans': 'Discord' },
  delivery: 'sent-by-us',
  fields: {
    endpoint: { en: 'not used (webhooks are reached at DISCORD_BASE_URL)', 'zh-Hans': '不使用（Webhook 地址由 DISCORD_BASE_URL 决定）' },
    secret: { en: 'channel webhook URL', 'zh-Hans': '频道 Webhook 地址' },
  },
  settings: {
    baseUrl: { env: 'DISCORD_BASE_URL', production: 'https://discord.com', development: 'http://127.0.0.1:4010/discord' },
  },
  rateLimit: { perMinute: 30, env: 'SCHEDULER_PACING_DISCORD', shared: true },
  receiver: 'platform',
  renditions: () => [{ format: 'discord', limit: DISCORD_LIMIT }],
  previews: [{ id: 'discord', labels: { en: 'Discord', 'zh-Hans': 'Discord' }, format: 'discord', limit: DISCORD_LIMIT }],
  requests(post, { settings }) {
    const secret = need(post.group.secret, 'webhook URL (secret)', post.group.slug);
    const parts = webhookParts(secret);
    if (!parts) throw new PlatformConfigError(`group ${post.group.slug}: the secret is not a Discord webhook URL`);
    const url = `${trimSlash(settings.baseUrl)}/api/webhooks/${parts.id}/${parts.token}?wait=true`;
    return (post.renditions.discord?.parts ?? []).map((content) => ({
      url,
      headers: JSON_HEADERS,
      body: JSON.stringify({ content, allowed_mentions: { parse: [] } }),
    }));
  },
  outcome: (answer, now) => discordOutcome(answer, now),
  redactUrl: (url) => url.replace(/(\/webhooks\/\d+\/)[^/?#]+/, '$1***'),
  validate({ endpoint, secret }) {
    if (endpoint)
      return {
        field: 'endpoint',
        message: 'endpoint must be empty for Discord groups: the webhook URL goes in the secret (requests go to DISCORD_BASE_URL)',
      };
    // Never echoed: the URL is the credential.
    if (secret && !webhookParts(secret))
      return {
        field: 'secret',
        message: 'secret (the Discord webhook URL) must be an http(s) URL like https://discord.com/api/webhooks/<id>/<token>',
      };
    return null;
  },
  // A made-up webhook of the real shape: a 19-digit snowflake and a 68-character token.
  demoSecret: (random) =>
    `https://discord.com/api/webhooks/11${String(random.readUInt32BE(0)).padStart(17, '0')}/${Buffer.concat([random, random, random]).toString('base64url').slice(0, 68)}`,
};
