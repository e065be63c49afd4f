/**
 * A fake Feishu / Lark custom-bot API on loopback, checking requests as Feishu's 自定义机器人使用
 * 指南 describes them (written again here, not taken from the platform module):
 *  - `POST /open-apis/bot/v2/hook/<hook id>`, JSON; an unknown hook id answers code 19001
 *    "param invalid: incoming webhook access token invalid";
 *  - a bot with 签名校验 needs `timestamp` (seconds, a string, at most an hour off this
 *    machine's clock) and `sign` = Base64(HmacSHA256(key = timestamp + "\n" + secret, data
 *    empty)) in the body; a wrong or stale one answers 19021 "sign match fail or timestamp is
 *    not within one hour from current time";
 *  - a bot with a custom keyword answers 19024 "Key Words Not Found" when the body lacks it;
 *  - the body at most 20,000 bytes (the guide says 20 KB; the code for a bigger one is not
 *    documented: 9499 "Bad Request" here), JSON with msg_type "interactive" and a card whose
 *    header title is plain_text and whose elements are one non-empty markdown element;
 *  - 100 requests a minute and 5 a second per bot: beyond either, 11232 "frequency limited".
 * Every answer is HTTP 200 with `{ code, msg, data }`, as Feishu answers.
 * The minute and the second are counted on `clock` (the tests pass the scheduler's clock,
 * which they move); the timestamp's freshness on the real clock, which the dispatcher signs with.
 */
import crypto from 'crypto';
import { maxInWindow, serveOnLoopback } from './loopback-server';

export interface FeishuRequest {
  hookId: string;
  body: string;
  /** The body parsed (null when it is not JSON). */
  json: any;
  /** On the fake's clock. */
  at: number;
  code: number;
}

export interface FakeFeishu {
  url: string;
  requests: FeishuRequest[];
  /** A bot: its hook id, and for 签名校验 its signing secret, for 自定义关键词 a keyword. */
  addBot(hookId: string, opts?: { signingSecret?: string; keyword?: string }): void;
  /** The bot's next `count` requests answer 11232 whatever their rate (Feishu under load at 10:00). */
  limitNext(hookId: string, count?: number): void;
  /** Requests to one bot (every answer), or only those it accepted (code 0). */
  received(hookId: string, opts?: { accepted?: boolean }): FeishuRequest[];
  /** The most requests one bot received in any `ms` (fake clock): 60,000 and 1,000 are Feishu's windows. */
  maxIn(hookId: string, ms: number): number;
  close(): Promise<void>;
}

const PER_MINUTE = 100;
const PER_SECOND = 5;
const MAX_BODY_BYTES = 20_000;
const HOOK_PATH = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/;

const documentedSign = (timestamp: string, secret: string) =>
  crypto
    .createHmac('sha256', Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
    .update(Buffer.alloc(0))
    .digest('base64');

export async function startFakeFeishu(opts: { clock?: () => number } = {}): Promise<FakeFeishu> {
  const clock = opts.clock ?? Date.now;
  const bots = new Map<string, { signingSecret?: string; keyword?: string; accepted: number[]; limitNext: number }>();
  const requests: FeishuRequest[] = [];

  const judge = (path: string, body: string, at: number): { code: number; msg: string; json: any } => {
    const m = HOOK_PATH.exec(path);
    if (!m) return { code: 404, msg: 'not found', json: null };
    const bot = bots.get(decodeURIComponent(m[1]));
    if (!bot) return { code: 19001, msg: 'param invalid: incoming webhook access token invalid', json: null };
    if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) return { code: 9499, msg: 'Bad Request', json: null };
    let json: any;
    try {
      json = JSON.parse(body);
    } catch {
      return { code: 9499, msg: 'Bad Request', json: null };
    }
    if (bot.signingSecret) {
      const { timestamp, sign } = json ?? {};
      if (typeof timestamp !== 'string' || !/^\d{10}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 3600)
        return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', json };
      if (sign !== documentedSign(timestamp, bot.signingSecret))
        return { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', json };
    }
    const card = json?.card;
    const elements = card?.elements;
    if (
      json?.msg_type !== 'interactive' ||
      card?.header?.title?.tag !== 'plain_text' ||
      typeof card.header.title.content !== 'string' ||
      card.header.title.content === '' ||
      !Array.isArray(elements) ||
      elements.length !== 1 ||
      elements[0]?.tag !== 'markdown' ||
      typeof elements[0].content !== 'string' ||
      elements[0].content === ''
    )
      return { code: 9499, msg: 'Bad Request', json };
    if (bot.keyword && !body.includes(bot.keyword)) return { code: 19024, msg: 'Key Words Not Found', json };
    const frequencyLimited = {
      code: 11232,
      msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[-1]',
      json,
    };
    if (bot.limitNext > 0) {
      bot.limitNext -= 1;
      return frequencyLimited;
    }
    const lastMinute = bot.accepted.filter((t) => t > at - 60_000);
    const lastSecond = lastMinute.filter((t) => t > at - 1_000);
    bot.accepted = lastMinute;
    if (lastMinute.length >= PER_MINUTE || lastSecond.length >= PER_SECOND) return frequencyLimited;
    bot.accepted.push(at);
    return { code: 0, msg: 'success', json };
  };

  const server = await serveOnLoopback((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const at = clock();
      const json = (req.headers['content-type'] ?? '').startsWith('application/json');
      const answer =
        req.method !== 'POST'
          ? { code: 405, msg: 'POST only', json: null }
          : !json
            ? { code: 9499, msg: 'Bad Request', json: null }
            : judge(url.pathname, body, at);
      const m = HOOK_PATH.exec(url.pathname);
      requests.push({ hookId: m ? decodeURIComponent(m[1]) : '', body, json: answer.json, at, code: answer.code });
      // Feishu answers HTTP 200 whatever the code.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: answer.code, data: {}, msg: answer.msg }));
    });
  });
  const received = (hookId: string, o: { accepted?: boolean } = {}) =>
    requests.filter((r) => r.hookId === hookId && (!o.accepted || r.code === 0));
  return {
    url: server.url,
    requests,
    addBot(hookId, o = {}) {
      bots.set(hookId, { signingSecret: o.signingSecret, keyword: o.keyword, accepted: [], limitNext: 0 });
    },
    limitNext(hookId, count = 1) {
      const bot = bots.get(hookId);
      if (bot) bot.limitNext = count;
    },
    received,
    maxIn: (hookId, ms) =>
      maxInWindow(
        received(hookId).map((r) => r.at),
        ms
      ),
    close: server.close,
  };
}
