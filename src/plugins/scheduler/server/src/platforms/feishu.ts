/**
 * Feishu (飞书) and Lark custom bots (自定义机器人): `POST {base}/open-apis/bot/v2/hook/<hook id>`
 * with a JSON body; Feishu is https://open.feishu.cn, Lark the same API at
 * https://open.larksuite.com (FEISHU_BASE_URL). The group's secret is the hook id, the last
 * path segment of the webhook URL Feishu shows. A bot with 签名校验 (signature) security also
 * takes, in the body, `timestamp` (seconds, a string, at most an hour off Feishu's clock) and
 * `sign` = base64(HMAC-SHA256(key = timestamp + "\n" + signing secret, message = nothing)) —
 * unlike DingTalk the string is the HMAC's key and the message is empty. Signed afresh on
 * every attempt (the attempt's `now`).
 *
 * Message type: an interactive card (`msg_type: "interactive"`) with a plain-text header (the
 * post's title) and one `markdown` element holding the feishu rendition. Of the types a custom
 * bot can send (text, post, image, share_chat, interactive), `text` has no formatting and
 * `post` rich text is a tree of text/a/at/img elements with styles, not markdown: rendering
 * our markdown into it would need a renderer of its own, and its lists, quotes and code are
 * not elements. The card's markdown element renders bold, italic, strike, links, lists and
 * code blocks (rendering/renderers/feishu.ts). JSON 1.0 cards (no `schema`), which every
 * client shows; 2.0 cards add headings, quotes and tables but need recent clients.
 *
 * Answers are HTTP 200 with JSON `{ code, msg, data }` (code 0 sent; the older hook answered
 * `{ StatusCode: 0, StatusMessage: "success" }`, also sent). 11232 is the frequency limit:
 * the post waits a minute, not counted as an attempt. 19021 (sign or timestamp), 19022 (IP
 * not allowed), 19024 (keyword missing), 19001 (no such hook) and every other non-zero code
 * are dead, with the code's meaning and Feishu's msg (cut short) — as for DingTalk: a refusal
 * comes back the same on every retry, and retrying spends the bot's 100 a minute. HTTP 5xx,
 * 429 and network errors follow the shared rules (retried).
 *
 * Limits: 100 requests a minute and 5 a second per bot (paced with both, counted across
 * instances); a request body of at most 20 KB. A part's markdown is at most 9,000 bytes:
 * JSON escaping at most doubles it (`"`, `\` and line breaks become two bytes; other control
 * characters are dropped), which with the header and the signature (under 1,000 bytes) stays
 * under 20,000 bytes, whatever the text.
 *
 * Pages followed (read through the copies the search tool holds):
 *  - 自定义机器人使用指南, open.feishu.cn/document/client-docs/bot-v3/add-custom-bot, as held at
 *    open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN.md (its opening part):
 *    the hook URL, "单租户单机器人 100 次/分钟，5 次/秒", the 11232 frequency-limit error at busy
 *    times ("建议发送消息尽量避开诸如 10:00、17:30 等整点及半点时间"), "请求体的数据大小不能超过
 *    20 KB", and the three security settings (自定义关键词, IP 白名单, 签名);
 *  - the guide's signature section, as quoted in blog.csdn.net/zhanglili1993/article/details/
 *    136473704 ("将 timestamp + "\n" + 密钥当做签名字符串，使用 HmacSHA256 算法计算签名，再进行
 *    Base64 编码", a timestamp in seconds at most an hour off, "例如，1599360473") and its
 *    SignDemo.java as reproduced in blog.csdn.net/ASDQWE09876/article/details/144612767: the
 *    string is the HMAC key (`new SecretKeySpec(stringToSign…)`), the data empty
 *    (`mac.doFinal(new byte[]{})`); the same in juejin.cn/post/7391005009667293199 (Node) and
 *    electricbubble/feishu-bot-api (Go); one Rust crate (openlark-webhook) keys with the secret
 *    instead, DingTalk's way: the guide's code is followed. The guide gives no example
 *    secret/sign pair, so the unit test's vector is computed by hand;
 *  - answers as Feishu writes them: 19021 "sign match fail or timestamp is not within one hour
 *    from current time" (feiyu563/PrometheusAlert#422 and the blog above), 19024 "Key Words
 *    Not Found" (quoted from the guide in RaineaAN/GlaDOS_Checkin_ql#6), 19001 "param invalid:
 *    incoming webhook access token invalid" (sansan0/TrendRadar#278);
 *  - the card pages: the Markdown component (open.larkoffice.com/document/ukTMukTMukTM/
 *    uADOwUjLwgDM14CM4ATN), 富文本组件 JSON 1.0 (…/feishu-cards/card-components/
 *    content-components/rich-text: "标题、引用、行内引用、表格 … 仅支持在 JSON 2.0 结构的富文本
 *    组件中使用") and its 2.0 page, the card FAQ (lists only inside the rich-text component).
 * Not verified (not among the pages held): 19022's wording (IP not allowed); the code, if any,
 * for a body over 20 KB (9499 "Bad Request" is assumed) and codes for a disabled or removed
 * bot (only the wording depends on them: every non-zero code but 11232 is dead); whether
 * "20 KB" means 20,000 or 20,480 bytes (20,000 is kept); whether inline code renders in a 1.0
 * card (shown as text); whether a backslash or HTML entities escape in card markdown (text is
 * neutralised with full-width look-alikes, rendering/escape.ts, which holds either way).
 */
import crypto from 'crypto';
import { excerpt, httpOutcome, parseJson, type HttpAnswer, type Outcome } from '../delivery/outcome';
import { JSON_HEADERS, need, trimSlash, type Platform } from './types';
import { numberedTitle, plainTitle } from './title';

export const FEISHU_MARKDOWN_LIMIT = { unit: 'bytes', max: 9000 } as const;
/** The card header: kept short, like DingTalk's title. */
export const FEISHU_TITLE_MAX = 64;
/** After a frequency-limit answer: the minute the limit counts. */
export const FEISHU_THROTTLE_MS = 60_000;

/**
 * The signature as the custom-bot page gives it: the string `timestamp + "\n" + secret` is the
 * HMAC-SHA256 key, the data is empty; Base64. The timestamp is in seconds.
 */
export function feishuSign(timestampSeconds: number, signingSecret: string): string {
  return crypto.createHmac('sha256', `${timestampSeconds}\n${signingSecret}`).update('').digest('base64');
}

/** The hook URL: the hook id is one path segment, so it can never reach another path. */
export const feishuUrl = (baseUrl: string, hookId: string) => `${trimSlash(baseUrl)}/open-apis/bot/v2/hook/${encodeURIComponent(hookId)}`;

// Control characters JSON writes as six bytes each (\u0007); line breaks and tabs stay.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** What a refusal means, per code: the bot's configuration or the message, never a value of it. */
const REFUSED: Record<number, string> = {
  19001: 'the hook id (secret) is not a custom bot’s webhook: enter the last part of the bot’s webhook URL again',
  19021:
    'the signature does not match the bot’s signingSecret, or the timestamp is over an hour off: enter the bot’s signing secret again (or clear it if the bot has no 签名校验)',
  19022: 'the bot’s IP allow list does not include this server',
  19024: 'the message lacks the custom keyword the bot’s security settings require',
  9499: 'Feishu refused the request as malformed (a body over 20 KB or a card it cannot read)',
};
const FREQUENCY_LIMITED = 11232;

/** Feishu's answer code: `code`, or `StatusCode` from the older hook; null when there is neither. */
function answerCode(json: unknown): { code: number; msg: string } | null {
  if (!json || typeof json !== 'object') return null;
  const j = json as { code?: unknown; msg?: unknown; StatusCode?: unknown; StatusMessage?: unknown };
  const code = typeof j.code === 'number' ? j.code : typeof j.StatusCode === 'number' ? j.StatusCode : null;
  if (code === null) return null;
  const msg = typeof j.msg === 'string' ? j.msg : typeof j.StatusMessage === 'string' ? j.StatusMessage : '';
  return { code, msg: excerpt(msg).slice(0, 200) };
}

/**
 * Feishu answers HTTP 200 with `code` (see the file comment). The reason holds the code, its
 * meaning and Feishu's msg, which names no credential; the dispatcher also masks the group's
 * hook id and signing secret in every stored reason, in case a proxy echoes the URL.
 */
export function feishuOutcome(answer: HttpAnswer, now = Date.now()): Outcome {
  const http = httpOutcome(answer, now);
  const said = answerCode(parseJson(answer.body));
  // A 4xx that carries Feishu's code says what was refused: its meaning, not just the status.
  if (http && http.kind === 'permanent' && said && !http.gone) {
    const meaning = REFUSED[said.code] ?? 'an error Feishu’s custom-bot page does not list';
    return { kind: 'permanent', reason: `Feishu HTTP ${answer.status}, code ${said.code}: ${meaning} (${said.msg})` };
  }
  if (http) return http;
  if (!said) return { kind: 'retry', reason: `unreadable Feishu answer: ${excerpt(answer.body)}` };
  if (said.code === 0) return { kind: 'ok' };
  if (said.code === FREQUENCY_LIMITED)
    return { kind: 'rate-limited', delayMs: FEISHU_THROTTLE_MS, reason: `Feishu code 11232 (frequency limited): ${said.msg}` };
  const meaning = REFUSED[said.code] ?? 'an error Feishu’s custom-bot page does not list';
  return { kind: 'permanent', reason: `Feishu code ${said.code}: ${meaning} (${said.msg})` };
}

export const feishu: Platform = {
  id: 'feishu',
  labels: { en: 'Feishu / Lark', 'zh-Hans': '飞书' },
  delivery: 'sent-by-us',
  fields: {
    endpoint: { en: 'not used (bots are reached at FEISHU_BASE_URL)', 'zh-Hans': '不使用（机器人地址由 FEISHU_BASE_URL 决定）' },
    secret: { en: 'bot webhook hook id (the last part of its URL)', 'zh-Hans': '机器人 webhook 地址最后一段（hook id）' },
  },
  settings: {
    baseUrl: { env: 'FEISHU_BASE_URL', production: 'https://open.feishu.cn', development: 'http://127.0.0.1:4010/feishu' },
  },
  rateLimit: { perMinute: 100, perSecond: 5, env: 'SCHEDULER_PACING_FEISHU', shared: true },
  receiver: 'platform',
  renditions: () => [{ format: 'feishu', limit: FEISHU_MARKDOWN_LIMIT }],
  previews: [{ id: 'feishu', labels: { en: 'Feishu / Lark', 'zh-Hans': '飞书' }, format: 'feishu', limit: FEISHU_MARKDOWN_LIMIT }],
  requests(post, { settings, now }) {
    const hookId = need(post.group.secret, 'bot hook id', post.group.slug);
    // Always the configured base: a group's endpoint must never send its hook id elsewhere.
    const url = feishuUrl(settings.baseUrl, hookId);
    const parts = post.renditions.feishu?.parts ?? [];
    const title = plainTitle(post, FEISHU_TITLE_MAX).replace(CONTROL, '');
    // This attempt's own time: a retry is signed afresh.
    const timestamp = Math.floor(now / 1000);
    const signature = post.group.signingSecret
      ? { timestamp: String(timestamp), sign: feishuSign(timestamp, post.group.signingSecret) }
      : {};
    return parts.map((content, i) => ({
      url,
      headers: JSON_HEADERS,
      body: JSON.stringify({
        ...signature,
        msg_type: 'interactive',
        card: {
          config: { wide_screen_mode: true },
          header: { title: { tag: 'plain_text', content: numberedTitle(title, i, parts.length) }, template: 'blue' },
          elements: [{ tag: 'markdown', content: content.replace(CONTROL, '') }],
        },
      }),
    }));
  },
  outcome: (answer, now) => feishuOutcome(answer, now),
  redactUrl: (url) => url.replace(/(\/bot\/v2\/hook\/)[^/?#]+/, '$1***'),
  validate({ endpoint, secret, signingSecret }) {
    if (endpoint)
      return {
        field: 'endpoint',
        message:
          'endpoint must be empty for Feishu groups: the hook id is only ever sent to FEISHU_BASE_URL (set that for Lark or a proxy)',
      };
    if (secret && /\s/.test(secret))
      return { field: 'secret', message: 'secret (the bot’s hook id) must not contain spaces or line breaks' };
    if (secret && /[/?#]/.test(secret))
      return {
        field: 'secret',
        message: 'secret must be the bot’s hook id only: the last part of its webhook URL (…/open-apis/bot/v2/hook/<hook id>), not the URL',
      };
    if (signingSecret && /\s/.test(signingSecret))
      return { field: 'signingSecret', message: 'signingSecret (the bot’s 签名校验 secret) must not contain spaces or line breaks' };
    return null;
  },
  // A hook id is a UUID.
  demoSecret: (random) => {
    const hex = crypto.createHash('sha256').update(random).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  },
};
