/**
 * Telegram bots: `POST {base}/bot<token>/sendMessage` with `chat_id` (the group's endpoint)
 * and HTML text of at most 4,096 characters; the answer is `{ ok: true }`, or `{ ok: false,
 * error_code, parameters: { retry_after } }` on 429. About 20 messages a minute per group
 * chat. Pages followed: core.telegram.org/bots/api (sendMessage, formatting options, Making
 * requests) and core.telegram.org/bots/faq (broadcasting limits).
 */
import { excerpt, httpOutcome, parseJson, type HttpAnswer, type Outcome } from '../delivery/outcome';
import { JSON_HEADERS, need, trimSlash, type Platform } from './types';

export const TELEGRAM_LIMIT = { unit: 'chars', max: 4096 } as const;

/** Telegram answers `{ ok: true }`, or `{ ok: false, error_code, parameters: { retry_after } }`. */
export function telegramOutcome(answer: HttpAnswer, now = Date.now()): Outcome {
  const http = httpOutcome(answer, now);
  if (http) return http;
  const json = parseJson(answer.body) as { ok?: unknown } | null;
  if (json?.ok === true) return { kind: 'ok' };
  return { kind: 'retry', reason: `Telegram answered ${excerpt(answer.body)}` };
}

export const telegram: Platform = {
  id: 'telegram',
  labels: { en: 'Telegram', 'zh-Hans': 'Telegram' },
  delivery: 'sent-by-us',
  fields: {
    endpoint: { en: 'chat id (e.g. -1001234567890 or @channel)', 'zh-Hans': '聊天 ID（如 -1001234567890 或 @channel）' },
    secret: { en: 'bot token', 'zh-Hans': '机器人 token' },
  },
  settings: {
    baseUrl: { env: 'TELEGRAM_BASE_URL', production: 'https://api.telegram.org', development: 'http://127.0.0.1:4010/telegram' },
  },
  rateLimit: { perMinute: 20, env: 'SCHEDULER_PACING_TELEGRAM', shared: true },
  receiver: 'platform',
  renditions: () => [{ format: 'telegram', limit: TELEGRAM_LIMIT }],
  previews: [{ id: 'telegram', labels: { en: 'Telegram', 'zh-Hans': 'Telegram' }, format: 'telegram', limit: TELEGRAM_LIMIT }],
  requests(post, { settings }) {
    const token = need(post.group.secret, 'bot token', post.group.slug);
    const chatId = need(post.group.endpoint, 'chat id (endpoint)', post.group.slug);
    return (post.renditions.telegram?.parts ?? []).map((text) => ({
      url: `${trimSlash(settings.baseUrl)}/bot${token}/sendMessage`,
      headers: JSON_HEADERS,
      body: JSON.stringify({ chat_id: chatId, text, parse_mode: 'HTML', disable_web_page_preview: true }),
    }));
  },
  outcome: (answer, now) => telegramOutcome(answer, now),
  redactUrl: (url) => url.replace(/\/bot[^/]+\//, '/bot***/'),
  validate({ endpoint, secret }) {
    if (endpoint && !/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,})$/.test(endpoint)) {
      return {
        field: 'endpoint',
        message: `endpoint (the Telegram chat id) must be a number like -1001234567890 or @channelname; got ${JSON.stringify(endpoint.slice(0, 100))}`,
      };
    }
    if (secret && !/^\d+:[A-Za-z0-9_-]+$/.test(secret))
      return { field: 'secret', message: 'secret (the bot token) must look like 123456789:AA… (digits, a colon, letters)' };
    return null;
  },
  demoSecret: (random) => `${100_000_000 + (random.readUInt32BE(0) % 900_000_000)}:${random.toString('base64url')}`,
};
