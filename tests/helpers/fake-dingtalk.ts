/**
 * A fake DingTalk custom-robot API on loopback, checking requests as DingTalk describes them
 * (自定义机器人接入, written again here, not taken from the platform module):
 *  - `POST /robot/send?access_token=<token>`: an unknown token answers errcode 300001;
 *  - a robot with a signing secret (加签) needs `timestamp` (ms, at most an hour off this
 *    machine's clock) and `sign` = urlEncode(base64(HmacSHA256(secret, timestamp + "\n" +
 *    secret))); the query is form-decoded as a web server does (a raw "+" reads as a space),
 *    so an unencoded sign fails; a wrong or stale one answers errcode 310000;
 *  - the body: msgtype "markdown" with a non-empty markdown.title and markdown.text, at most
 *    20,000 bytes (else 460101);
 *  - more than 20 messages in a minute to one robot answers 130101 "send too fast" (HTTP 200),
 *    and the robot stays throttled for 10 minutes.
 * The minute is counted on `clock` (the tests pass the scheduler's clock, which they move);
 * the timestamp's freshness on the real clock, which is what the dispatcher signs with.
 */
import crypto from 'crypto';
import { maxInWindow, serveOnLoopback } from './loopback-server';

export interface DingtalkRequest {
  token: string;
  timestamp: string | null;
  sign: string | null;
  body: string;
  /** On the fake's clock. */
  at: number;
  errcode: number;
}

export interface FakeDingtalk {
  url: string;
  requests: DingtalkRequest[];
  /** A robot: its token and, for 加签, its signing secret. */
  addRobot(token: string, opts?: { signingSecret?: string }): void;
  /** Requests to one robot (every answer), or only those it accepted (errcode 0). */
  received(token: string, opts?: { accepted?: boolean }): DingtalkRequest[];
  /** The most requests one robot received in any 60 seconds (fake clock). */
  maxPerMinute(token: string): number;
  close(): Promise<void>;
}

const PER_MINUTE = 20;
const THROTTLE_MS = 10 * 60_000;
const MAX_BODY_BYTES = 20_000;

const documentedSign = (timestamp: string, secret: string) =>
  crypto
    .createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
    .digest('base64');

/**
 * `clock`: what the per-minute count runs on (default the real clock). `echoToken`: refusals
 * repeat the access_token in errmsg, as a hostile proxy might (DingTalk itself does not).
 */
export async function startFakeDingtalk(opts: { clock?: () => number; echoToken?: boolean } = {}): Promise<FakeDingtalk> {
  const clock = opts.clock ?? Date.now;
  const robots = new Map<string, { signingSecret?: string; sent: number[]; throttledUntil: number }>();
  const requests: DingtalkRequest[] = [];

  const judge = (url: URL, body: string, at: number): { errcode: number; errmsg: string } => {
    if (url.pathname !== '/robot/send') return { errcode: 404, errmsg: 'not found' };
    const token = url.searchParams.get('access_token') ?? '';
    const robot = robots.get(token);
    if (!robot) return { errcode: 300001, errmsg: 'token is not exist' };
    if (robot.signingSecret) {
      const timestamp = url.searchParams.get('timestamp') ?? '';
      const sign = url.searchParams.get('sign') ?? '';
      if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > 3_600_000)
        return { errcode: 310000, errmsg: `invalid timestamp ${timestamp}` };
      if (sign !== documentedSign(timestamp, robot.signingSecret))
        return { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' };
    }
    if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) return { errcode: 460101, errmsg: 'message too long, exceed 20000 bytes' };
    let json: { msgtype?: unknown; markdown?: { title?: unknown; text?: unknown } } | null;
    try {
      json = JSON.parse(body);
    } catch {
      return { errcode: 40035, errmsg: 'invalid json' };
    }
    const md = json?.markdown;
    if (json?.msgtype !== 'markdown' || typeof md?.title !== 'string' || md.title === '' || typeof md.text !== 'string' || md.text === '')
      return { errcode: 40035, errmsg: 'missing markdown.title or markdown.text' };
    if (at < robot.throttledUntil) return { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
    robot.sent = robot.sent.filter((t) => t > at - 60_000);
    if (robot.sent.length >= PER_MINUTE) {
      robot.throttledUntil = at + THROTTLE_MS;
      return { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
    }
    robot.sent.push(at);
    return { errcode: 0, errmsg: 'ok' };
  };

  const server = await serveOnLoopback((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const at = clock();
      const answer = req.method === 'POST' ? judge(url, body, at) : { errcode: 405, errmsg: 'POST only' };
      if (opts.echoToken && answer.errcode !== 0) answer.errmsg += ` (access_token=${url.searchParams.get('access_token')})`;
      requests.push({
        token: url.searchParams.get('access_token') ?? '',
        timestamp: url.searchParams.get('timestamp'),
        sign: url.searchParams.get('sign'),
        body,
        at,
        errcode: answer.errcode,
      });
      // DingTalk answers HTTP 200 whatever the errcode.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  const received = (token: string, o: { accepted?: boolean } = {}) =>
    requests.filter((r) => r.token === token && (!o.accepted || r.errcode === 0));
  return {
    url: server.url,
    requests,
    addRobot(token, o = {}) {
      robots.set(token, { signingSecret: o.signingSecret, sent: [], throttledUntil: 0 });
    },
    received,
    maxPerMinute: (token) =>
      maxInWindow(
        received(token).map((r) => r.at),
        60_000
      ),
    close: server.close,
  };
}
