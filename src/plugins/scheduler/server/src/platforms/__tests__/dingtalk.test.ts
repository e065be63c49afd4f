/**
 * The DingTalk custom robot module, against DingTalk's own description (自定义机器人接入):
 * the URL and query, the 加签 signature recomputed here with node's crypto from the
 * documented formula (and one vector fixed by hand), the markdown body, what each errcode
 * means, the masked URL and the checks on save. Expected values are written out, not read
 * from the module.
 */
import crypto from 'crypto';
import { defaultLimits, defaultSettings, getPlatform, renditionsFor } from '../registry';
import { PlatformConfigError, type PostForDelivery } from '../types';
import { renderAll } from '../../rendering';

const dingtalk = getPlatform('dingtalk')!;
const BASE = 'http://127.0.0.1:9/dingtalk/';
const TOKEN = '6d3c2a1f0e9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c';
const SIGNING = 'SECd1e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';
const NOW = Date.parse('2026-12-02T08:00:00.000Z');

const post = (group: Partial<PostForDelivery['group']>, markdown = 'Hello **{{group.name}}**', title: string | null = 'Daily report') => {
  const r = renderAll(markdown, { values: { 'group.name': 'G1' }, limits: defaultLimits() });
  return {
    id: 'post-1',
    scheduledFor: '2026-12-02T08:00:00.000Z',
    source: 'text',
    title,
    group: { slug: 'g1', name: 'G1', endpoint: null, secret: TOKEN, ...group },
    markdown,
    renditions: r,
  } satisfies PostForDelivery;
};

/** The documented formula, written again here: urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))). */
const documentedSign = (timestamp: number, secret: string) =>
  encodeURIComponent(
    crypto
      .createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
      .digest('base64')
  );

const answer = (body: unknown, status = 200) => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('dingtalk: requests', () => {
  it('without a signing secret: POST {base}/robot/send?access_token=<token>, nothing else in the query', () => {
    const [q, ...rest] = dingtalk.requests(post({}), { settings: { baseUrl: BASE }, now: NOW });
    expect(rest).toEqual([]);
    expect(q.url).toBe(`http://127.0.0.1:9/dingtalk/robot/send?access_token=${TOKEN}`);
    expect(q.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('with a signing secret: &timestamp=<now in ms>&sign=<the documented signature>, exactly', () => {
    const [q] = dingtalk.requests(post({ signingSecret: SIGNING }), { settings: { baseUrl: BASE }, now: NOW });
    const url = new URL(q.url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9/dingtalk/robot/send');
    expect([...url.searchParams.keys()]).toEqual(['access_token', 'timestamp', 'sign']);
    expect(url.searchParams.get('access_token')).toBe(TOKEN);
    expect(url.searchParams.get('timestamp')).toBe(String(NOW));
    // As written: the sign is URL-encoded once (base64's + / = as %2B %2F %3D).
    expect(q.url).toBe(
      `http://127.0.0.1:9/dingtalk/robot/send?access_token=${TOKEN}&timestamp=${NOW}&sign=${documentedSign(NOW, SIGNING)}`
    );
    const expectedDigest = crypto.createHmac('sha256', SIGNING).update(`${NOW}\n${SIGNING}`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expectedDigest);
  });

  it('the signature matches a vector computed by hand from the doc’s example secret', () => {
    // Python 3, as on the custom-robot page:
    //   hmac.new(b'this is secret', b'1577836800000\nthis is secret', hashlib.sha256).digest()
    //   base64 → fFV9t5lBS7KH4+5B0JjR99ab+AJkXFauQXycgTkS/tc=
    //   urllib.parse.quote_plus → fFV9t5lBS7KH4%2B5B0JjR99ab%2BAJkXFauQXycgTkS%2Ftc%3D
    const [q] = dingtalk.requests(post({ signingSecret: 'this is secret' }), { settings: { baseUrl: BASE }, now: 1577836800000 });
    expect(q.url).toBe(
      `http://127.0.0.1:9/dingtalk/robot/send?access_token=${TOKEN}&timestamp=1577836800000&sign=fFV9t5lBS7KH4%2B5B0JjR99ab%2BAJkXFauQXycgTkS%2Ftc%3D`
    );
  });

  it('signs each attempt with its own time: a retry a minute later carries a fresh timestamp and sign', () => {
    const [first] = dingtalk.requests(post({ signingSecret: SIGNING }), { settings: { baseUrl: BASE }, now: NOW });
    const [retry] = dingtalk.requests(post({ signingSecret: SIGNING }), { settings: { baseUrl: BASE }, now: NOW + 60_000 });
    expect(new URL(retry.url).searchParams.get('timestamp')).toBe(String(NOW + 60_000));
    expect(new URL(retry.url).searchParams.get('sign')).not.toBe(new URL(first.url).searchParams.get('sign'));
  });

  it('the token is URL-encoded in the query (never able to add parameters)', () => {
    const [q] = dingtalk.requests(post({ secret: 'a&sign=x' }), { settings: { baseUrl: BASE }, now: NOW });
    expect(q.url).toBe('http://127.0.0.1:9/dingtalk/robot/send?access_token=a%26sign%3Dx');
  });

  it('the body: msgtype markdown, the title, the dingtalk rendition as text, nobody @-mentioned', () => {
    const [q] = dingtalk.requests(post({}), { settings: { baseUrl: BASE }, now: NOW });
    expect(JSON.parse(q.body)).toEqual({
      msgtype: 'markdown',
      markdown: { title: 'Daily report', text: 'Hello **G1**' },
      at: { isAtAll: false },
    });
  });

  it('without a title, the first line of the markdown as plain text, at most 64 characters', () => {
    const [q] = dingtalk.requests(post({}, '## **Morning** [check-in](https://x.test)\n\nBody', null), {
      settings: { baseUrl: BASE },
      now: NOW,
    });
    expect(JSON.parse(q.body).markdown.title).toBe('Morning check-in');
    const long = '今'.repeat(100);
    const [l] = dingtalk.requests(post({}, long, null), { settings: { baseUrl: BASE }, now: NOW });
    expect(JSON.parse(l.body).markdown.title).toBe(`${'今'.repeat(63)}…`);
    const [empty] = dingtalk.requests(post({}, '', null), { settings: { baseUrl: BASE }, now: NOW });
    expect(JSON.parse(empty.body).markdown.title).toBe('G1');
  });

  it('a long post: one request per part, each titled (i/n), each under DingTalk’s 20,000-byte body limit', () => {
    const markdown = Array.from({ length: 60 }, (_, i) => `第${i + 1}段：${'今天的打卡任务是读完一章书并写下三点收获，'.repeat(12)}`).join(
      '\n\n'
    );
    const requests = dingtalk.requests(post({ signingSecret: SIGNING }, markdown), { settings: { baseUrl: BASE }, now: NOW });
    expect(requests.length).toBeGreaterThan(1);
    requests.forEach((q, i) => {
      const body = JSON.parse(q.body);
      expect(body.markdown.title).toBe(`Daily report (${i + 1}/${requests.length})`);
      expect(Buffer.byteLength(body.markdown.text, 'utf8')).toBeLessThanOrEqual(16000);
      expect(Buffer.byteLength(q.body, 'utf8')).toBeLessThanOrEqual(20000);
    });
  });

  it('without an access_token the group cannot work: a configuration error, not a retry', () => {
    expect(() => dingtalk.requests(post({ secret: null }), { settings: { baseUrl: BASE }, now: NOW })).toThrow(PlatformConfigError);
    expect(() => dingtalk.requests(post({ secret: null }), { settings: { baseUrl: BASE }, now: NOW })).toThrow('robot access_token');
  });
});

describe('dingtalk: settings, pacing, renditions', () => {
  it('DINGTALK_BASE_URL: oapi.dingtalk.com in production, loopback otherwise', () => {
    expect(defaultSettings(dingtalk, true)).toEqual({ baseUrl: 'https://oapi.dingtalk.com' });
    expect(defaultSettings(dingtalk, false)).toEqual({ baseUrl: 'http://127.0.0.1:4010/dingtalk' });
    expect(dingtalk.settings.baseUrl.env).toBe('DINGTALK_BASE_URL');
  });

  it('20 a minute per robot, counted across instances; every group talks to the one API', () => {
    expect(dingtalk.rateLimit).toEqual({ perMinute: 20, env: 'SCHEDULER_PACING_DINGTALK', shared: true });
    expect(dingtalk.receiver).toBe('platform');
    expect(dingtalk.delivery).toBe('sent-by-us');
  });

  it('the dingtalk rendition at 16,000 bytes; one preview row "DingTalk / 钉钉"; labels in both languages', () => {
    expect(renditionsFor(dingtalk, { baseUrl: BASE })).toEqual([{ format: 'dingtalk', limit: { unit: 'bytes', max: 16000 } }]);
    expect(dingtalk.previews).toEqual([
      { id: 'dingtalk', labels: { en: 'DingTalk', 'zh-Hans': '钉钉' }, format: 'dingtalk', limit: { unit: 'bytes', max: 16000 } },
    ]);
    expect(dingtalk.labels).toEqual({ en: 'DingTalk', 'zh-Hans': '钉钉' });
  });

  it('a demo access_token has the real shape: 64 hexadecimal characters', () => {
    const demo = dingtalk.demoSecret(crypto.randomBytes(24));
    expect(demo).toMatch(/^[0-9a-f]{64}$/);
    expect(dingtalk.demoSecret(crypto.randomBytes(24))).not.toBe(demo);
  });
});

describe('dingtalk: what an answer means', () => {
  const outcome = (body: unknown, status = 200) => dingtalk.outcome(answer(body, status), NOW);

  it('HTTP 200 with errcode 0 is sent', () => {
    expect(outcome({ errcode: 0, errmsg: 'ok' })).toEqual({ kind: 'ok' });
  });

  it.each([130101, 410100])('errcode %i (too fast): rate limited, tried again after 10 minutes', (errcode) => {
    const o = outcome({ errcode, errmsg: 'send too fast' });
    expect(o).toMatchObject({ kind: 'rate-limited', delayMs: 600_000 });
  });

  it.each([
    [300001, 'token is not exist', 'access_token'],
    [310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]', 'signature'],
    [310000, 'keywords not in content', 'keyword'],
    [310000, 'ip 203.0.113.7 not in whitelist', 'IP address'],
    [400101, 'access_token不存在', 'access_token'],
    [460101, 'message too long, exceed 20000 bytes', '20,000-byte'],
  ])('errcode %i (%s): dead, saying why', (errcode, errmsg, says) => {
    const o = outcome({ errcode, errmsg });
    expect(o.kind).toBe('permanent');
    expect((o as { reason: string }).reason).toContain(`errcode ${errcode}`);
    expect((o as { reason: string }).reason).toContain(says);
  });

  it('an errcode the pages do not list is dead too (the same message would be refused again)', () => {
    expect(outcome({ errcode: 999999, errmsg: 'new check' }).kind).toBe('permanent');
  });

  it('errcode -1 (busy), HTTP 5xx and an unreadable 200 are retried; 429 is rate limited', () => {
    expect(outcome({ errcode: -1, errmsg: '系统繁忙' }).kind).toBe('retry');
    expect(outcome('<html>bad gateway</html>', 502)).toMatchObject({ kind: 'retry', down: true });
    expect(outcome('oops', 500).kind).toBe('retry');
    expect(outcome('<html>not json</html>').kind).toBe('retry');
    expect(outcome('', 429).kind).toBe('rate-limited');
  });

  it('the reason holds neither the token nor the signing secret (the answer does not echo them here)', () => {
    const o = outcome({ errcode: 310000, errmsg: 'sign not match' }) as { reason: string };
    expect(o.reason).not.toContain(TOKEN);
    expect(o.reason).not.toContain(SIGNING);
  });
});

describe('dingtalk: URLs as stored, and fields on save', () => {
  it('masks access_token, timestamp and sign', () => {
    expect(dingtalk.redactUrl(`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}&timestamp=${NOW}&sign=abc%2B%3D`)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=***&sign=***'
    );
    expect(dingtalk.redactUrl(`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=***'
    );
  });

  it.each([
    [{ endpoint: null, secret: TOKEN, signingSecret: SIGNING }, null],
    [{ endpoint: null, secret: TOKEN }, null],
    [{ endpoint: null, secret: `${TOKEN} x` }, 'secret'],
    [{ endpoint: null, secret: `${TOKEN}\n` }, 'secret'],
    [{ endpoint: null, secret: TOKEN, signingSecret: 'SEC abc' }, 'signingSecret'],
    [{ endpoint: 'https://oapi.dingtalk.com/robot/send', secret: TOKEN }, 'endpoint'],
  ] as const)('%j → %s, never echoing a value', (fields, field) => {
    const problem = dingtalk.validate(fields);
    expect(problem?.field ?? null).toBe(field);
    if (problem) {
      expect(problem.message).toContain(field);
      expect(problem.message).not.toContain(TOKEN);
      expect(problem.message).not.toContain('SEC abc');
    }
  });
});
