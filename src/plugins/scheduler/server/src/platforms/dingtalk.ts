/**
 * DingTalk (钉钉) custom group robots (自定义机器人): `POST {base}/robot/send?access_token=<token>`
 * with a JSON body `{ msgtype: "markdown", markdown: { title, text }, at: { isAtAll: false } }`.
 * A robot with 加签 (signing) security also takes `&timestamp=<ms>&sign=<sign>`, where sign is
 * urlEncode(base64(HMAC-SHA256(key = signing secret, message = timestamp + "\n" + signing
 * secret))), UTF-8, and the timestamp may be at most an hour off DingTalk's clock. The answer
 * is HTTP 200 with `errcode` (0 sent). 20 messages a minute per robot; beyond that DingTalk
 * throttles the robot for 10 minutes.
 *
 * Pages followed (official texts, read through the copies the search tool holds):
 *  - open.dingtalk.com/document/group/custom-robot-access (自定义机器人接入: the webhook,
 *    security settings 自定义关键词 / 加签 / IP地址段, the signature steps and their Java and
 *    Python examples, "每个机器人每分钟最多发送20条消息到群里，如果超过20条，会限流10分钟");
 *    as reproduced at apifox.com/apidoc/docs-site/467052/doc-3550006 and
 *    juejin.cn/post/7129698690297495583;
 *  - open.dingtalk.com/document/orgapp/message-type (消息类型: markdown's title and text, the
 *    markdown subset it renders), as reproduced at
 *    cscoder.cn/docs/open/aliyun/robot-messages-markdown.html;
 *  - the error answers, as DingTalk writes them (quoted in issues): 310000 "keywords not in
 *    content" / "sign not match" / "ip … not in whitelist", 300001 "token is not exist",
 *    130101 "send too fast", 460101 "message too long, exceed 20000 bytes" (also worded
 *    "body 大小不合法 … 请保持大小在 20000bytes 以内");
 *  - the newer codes of the 发送群消息 page (400013 group dissolved, 400101 access_token 不存在,
 *    400102 机器人已停用, 400106 机器人不存在, 410100 发送速度太快而限流, 430101–430104
 *    refused by the safety checks) were not among the pages the search tool held: their
 *    wording here is unverified. Only the wording depends on it (an unlisted code is dead
 *    too, below), except 410100, treated as the throttle like 130101.
 *
 * Size: the markdown page states no limit; DingTalk refuses a request body over 20,000 bytes
 * (460101 above). A part's text is at most 16,000 bytes of UTF-8, which leaves the title, the
 * JSON around it and JSON's escaping (\n and " count twice) room under 20,000 bytes.
 */
import crypto from 'crypto';
import { excerpt, httpOutcome, parseJson, type HttpAnswer, type Outcome } from '../delivery/outcome';
import { JSON_HEADERS, need, trimSlash, type Platform, type PostForDelivery } from './types';
import { numberedTitle, plainTitle } from './title';

export const DINGTALK_MARKDOWN_LIMIT = { unit: 'bytes', max: 16000 } as const;
/** How long DingTalk throttles a robot that sent more than 20 messages in a minute. */
export const DINGTALK_THROTTLE_MS = 10 * 60_000;
/** The title shows in the conversation list and the notification: kept short. */
export const DINGTALK_TITLE_MAX = 64;

/**
 * The 加签 signature as the custom-robot page gives it: HMAC-SHA256 keyed with the signing
 * secret over `timestamp + "\n" + secret`, Base64, then URL-encoded.
 */
export function dingtalkSign(timestamp: number, signingSecret: string): string {
  const digest = crypto.createHmac('sha256', signingSecret).update(`${timestamp}\n${signingSecret}`, 'utf8').digest('base64');
  return encodeURIComponent(digest);
}

/** The send URL: the token, and with a signing secret the timestamp and sign of this attempt. */
export function dingtalkUrl(baseUrl: string, token: string, signingSecret: string | null | undefined, timestamp: number): string {
  const url = `${trimSlash(baseUrl)}/robot/send?access_token=${encodeURIComponent(token)}`;
  return signingSecret ? `${url}&timestamp=${timestamp}&sign=${dingtalkSign(timestamp, signingSecret)}` : url;
}

/** Plain text for the title: the post's title, else the first line of its markdown without its markers. */
export const dingtalkTitle = (post: Pick<PostForDelivery, 'title' | 'markdown' | 'group'>): string => plainTitle(post, DINGTALK_TITLE_MAX);

/** What a refusal means, per errcode: the robot's configuration, never a value of it. */
const REFUSED: Record<number, string> = {
  300001: 'the access_token (secret) is not a robot: enter the robot webhook’s access_token again',
  310000:
    'the robot’s security settings refused the message: a custom keyword missing from it, a signature that does not match the robot’s signingSecret (or a timestamp over an hour off), or an IP address not on its list',
  400013: 'the group of this robot was dissolved',
  400101: 'the access_token (secret) does not exist: enter the robot webhook’s access_token again',
  400102: 'the robot is disabled',
  400106: 'the robot does not exist',
  430101: 'DingTalk refused the message: it holds a link its safety check rejects',
  430102: 'DingTalk refused the message: its safety check rejects the text',
  430103: 'DingTalk refused the message: its safety check rejects an image',
  430104: 'DingTalk refused the message: its safety check rejects the content',
  460101: 'the message is over DingTalk’s 20,000-byte limit',
};
/** "Too fast": 130101 on the old endpoint, 410100 on the newer documentation. */
const THROTTLED = new Set([130101, 410100]);

/**
 * DingTalk answers HTTP 200 with `errcode`. 0 is sent; 130101 / 410100 mean the robot is
 * throttled (for 10 minutes, so the post waits that long, not counted as an attempt); -1
 * is "system busy" (retried). The codes in REFUSED are about the robot or the message and
 * come back the same on every retry: dead. An errcode the pages do not list is dead too:
 * every listed code but -1 and the throttle is such a refusal, and retrying would send the
 * same refused message to the same robot again, spending its 20 messages a minute. HTTP
 * 5xx, 429 and network errors follow the shared rules (retried).
 *
 * The reason holds the errcode, what it means and DingTalk's errmsg (cut short). DingTalk's
 * errmsg names no credential; the dispatcher also masks the group's token and signing
 * secret in every stored reason, in case a proxy on the way echoes the URL.
 */
export function dingtalkOutcome(answer: HttpAnswer, now = Date.now()): Outcome {
  const http = httpOutcome(answer, now);
  if (http) return http;
  const json = parseJson(answer.body) as { errcode?: unknown; errmsg?: unknown } | null;
  if (!json || typeof json.errcode !== 'number') return { kind: 'retry', reason: `unreadable DingTalk answer: ${excerpt(answer.body)}` };
  const code = json.errcode;
  const errmsg = typeof json.errmsg === 'string' ? excerpt(json.errmsg).slice(0, 200) : '';
  if (code === 0) return { kind: 'ok' };
  if (THROTTLED.has(code))
    return { kind: 'rate-limited', delayMs: DINGTALK_THROTTLE_MS, reason: `DingTalk errcode ${code} (sending too fast): ${errmsg}` };
  if (code === -1) return { kind: 'retry', reason: `DingTalk errcode -1 (busy): ${errmsg}` };
  const meaning = REFUSED[code] ?? 'an error DingTalk’s robot pages do not list';
  return { kind: 'permanent', reason: `DingTalk errcode ${code}: ${meaning} (${errmsg})` };
}

export const dingtalk: Platform = {
  id: 'dingtalk',
  labels: { en: 'DingTalk', 'zh-Hans': '钉钉' },
  delivery: 'sent-by-us',
  fields: {
    endpoint: { en: 'not used (robots are reached at DINGTALK_BASE_URL)', 'zh-Hans': '不使用（机器人地址由 DINGTALK_BASE_URL 决定）' },
    secret: { en: 'robot access_token', 'zh-Hans': '机器人 access_token' },
  },
  settings: {
    baseUrl: { env: 'DINGTALK_BASE_URL', production: 'https://oapi.dingtalk.com', development: 'http://127.0.0.1:4010/dingtalk' },
  },
  rateLimit: { perMinute: 20, env: 'SCHEDULER_PACING_DINGTALK', shared: true },
  receiver: 'platform',
  renditions: () => [{ format: 'dingtalk', limit: DINGTALK_MARKDOWN_LIMIT }],
  previews: [{ id: 'dingtalk', labels: { en: 'DingTalk', 'zh-Hans': '钉钉' }, format: 'dingtalk', limit: DINGTALK_MARKDOWN_LIMIT }],
  requests(post, { settings, now }) {
    const token = need(post.group.secret, 'robot access_token', post.group.slug);
    // Always the configured base: a group's endpoint must never send its token elsewhere.
    // The timestamp is the attempt's own (`now`), so a retry is signed afresh.
    const url = dingtalkUrl(settings.baseUrl, token, post.group.signingSecret, now);
    const parts = post.renditions.dingtalk?.parts ?? [];
    const title = dingtalkTitle(post);
    return parts.map((text, i) => ({
      url,
      headers: JSON_HEADERS,
      body: JSON.stringify({
        msgtype: 'markdown',
        markdown: { title: numberedTitle(title, i, parts.length), text },
        // Nobody is notified: no atMobiles / atUserIds, not everyone.
        at: { isAtAll: false },
      }),
    }));
  },
  outcome: (answer, now) => dingtalkOutcome(answer, now),
  redactUrl: (url) => url.replace(/([?&](?:access_token|timestamp|sign)=)[^&#]*/g, '$1***'),
  validate({ endpoint, secret, signingSecret }) {
    if (endpoint)
      return {
        field: 'endpoint',
        message:
          'endpoint must be empty for DingTalk groups: the access_token is only ever sent to DINGTALK_BASE_URL (set that for a proxy)',
      };
    if (secret && /\s/.test(secret))
      return { field: 'secret', message: 'secret (the robot access_token) must not contain spaces or line breaks' };
    if (signingSecret && /\s/.test(signingSecret))
      return { field: 'signingSecret', message: 'signingSecret (the robot’s 加签 secret, SEC…) must not contain spaces or line breaks' };
    return null;
  },
  // A robot's access_token is 64 hexadecimal characters.
  demoSecret: (random) => crypto.createHash('sha256').update(random).digest('hex'),
};
