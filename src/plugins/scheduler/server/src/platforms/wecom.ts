/**
 * WeCom (企业微信) group robots: `POST {base}/cgi-bin/webhook/send?key=<robot key>` with a
 * markdown (4,096 bytes) or text (2,048 bytes) message; the answer is HTTP 200 with
 * `errcode` (0 sent, 45009 rate limited, -1 busy); 20 messages a minute per robot, beyond
 * which WeCom refuses the robot for a while. Pages followed: developer.work.weixin.qq.com
 * "群机器人配置说明" (message types, size limits, frequency limit) and the global error codes.
 */
import { httpOutcome, parseJson, excerpt, DEFAULT_RATE_LIMIT_DELAY_MS, type HttpAnswer, type Outcome } from '../delivery/outcome';
import { JSON_HEADERS, need, trimSlash, type Platform } from './types';

export const WECOM_MARKDOWN_LIMIT = { unit: 'bytes', max: 4096 } as const;
export const WECOM_TEXT_LIMIT = { unit: 'bytes', max: 2048 } as const;

/** WeCom robots answer HTTP 200 with `errcode`; 45009 is their rate limit, -1 "system busy". */
export function wecomOutcome(answer: HttpAnswer, now = Date.now()): Outcome {
  const http = httpOutcome(answer, now);
  if (http) return http;
  const json = parseJson(answer.body) as { errcode?: unknown; errmsg?: string } | null;
  if (!json || typeof json.errcode !== 'number') return { kind: 'retry', reason: `unreadable WeCom answer: ${excerpt(answer.body)}` };
  if (json.errcode === 0) return { kind: 'ok' };
  if (json.errcode === 45009)
    return { kind: 'rate-limited', delayMs: DEFAULT_RATE_LIMIT_DELAY_MS, reason: `WeCom errcode 45009: ${json.errmsg ?? ''}` };
  if (json.errcode === -1) return { kind: 'retry', reason: `WeCom errcode -1 (busy): ${json.errmsg ?? ''}` };
  return { kind: 'permanent', reason: `WeCom errcode ${json.errcode}: ${json.errmsg ?? ''}` };
}

export const wecom: Platform = {
  id: 'wecom',
  labels: { en: 'WeCom', 'zh-Hans': '企业微信' },
  delivery: 'sent-by-us',
  fields: {
    endpoint: { en: 'not used (robots are reached at WECOM_BASE_URL)', 'zh-Hans': '不使用（机器人地址由 WECOM_BASE_URL 决定）' },
    secret: { en: 'robot key', 'zh-Hans': '机器人 key' },
  },
  settings: {
    baseUrl: { env: 'WECOM_BASE_URL', production: 'https://qyapi.weixin.qq.com', development: 'http://127.0.0.1:4010/wecom' },
    msgtype: { env: 'WECOM_MSGTYPE', production: 'markdown', oneOf: ['markdown', 'text'] },
  },
  rateLimit: { perMinute: 20, env: 'SCHEDULER_PACING_WECOM', shared: true },
  receiver: 'platform',
  renditions: (settings) =>
    settings.msgtype === 'text' ? [{ format: 'text', limit: WECOM_TEXT_LIMIT }] : [{ format: 'wecom', limit: WECOM_MARKDOWN_LIMIT }],
  previews: [
    { id: 'text', labels: { en: 'Plain text', 'zh-Hans': '纯文本' }, format: 'text', limit: WECOM_TEXT_LIMIT },
    { id: 'wecom', labels: { en: 'WeCom', 'zh-Hans': '企业微信' }, format: 'wecom', limit: WECOM_MARKDOWN_LIMIT },
  ],
  requests(post, { settings }) {
    const key = need(post.group.secret, 'robot key', post.group.slug);
    // Always the configured base: a group's endpoint must never send its robot key elsewhere
    // (a proxy for all robots is WECOM_BASE_URL's job).
    const base = trimSlash(settings.baseUrl);
    const url = `${base}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
    const text = settings.msgtype === 'text';
    const parts = (text ? post.renditions.text : post.renditions.wecom)?.parts ?? [];
    return parts.map((content) => ({
      url,
      headers: JSON_HEADERS,
      body: JSON.stringify(text ? { msgtype: 'text', text: { content } } : { msgtype: 'markdown', markdown: { content } }),
    }));
  },
  outcome: (answer, now) => wecomOutcome(answer, now),
  redactUrl: (url) => url.replace(/(key=)[^&]+/, '$1***'),
  validate({ endpoint, secret }) {
    if (endpoint)
      return {
        field: 'endpoint',
        message: 'endpoint must be empty for WeCom groups: the robot key is only ever sent to WECOM_BASE_URL (set that for a proxy)',
      };
    if (secret && /\s/.test(secret)) return { field: 'secret', message: 'secret (the robot key) must not contain spaces or line breaks' };
    return null;
  },
  demoSecret: (random) => {
    const hex = random.toString('hex').slice(0, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  },
};
