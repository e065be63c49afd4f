/**
 * The Feishu / Lark custom-bot module, against Feishu's own description (自定义机器人使用指南):
 * the hook URL, the signature recomputed here with node's crypto from the documented
 * construction (and one vector computed by hand with Python), the card body, what each code
 * means, the masked URL and the checks on save. Expected values are written out, not read
 * from the module.
 */
import crypto from 'crypto';
import { defaultLimits, defaultSettings, getPlatform, renditionsFor } from '../registry';
import { PlatformConfigError, type PostForDelivery } from '../types';
import { renderAll } from '../../rendering';

const feishu = getPlatform('feishu')!;
const BASE = 'http://127.0.0.1:9/feishu/';
const HOOK = '2f1c6a3e-7b4d-4e2a-9c1f-5d8e7a6b4c3d';
const SIGNING = 'nIMtb7r3N9pkXyXdtAbx6eDemoSigningKey';
const NOW = Date.parse('2026-12-02T08:00:00.400Z');
const NOW_S = Math.floor(NOW / 1000);

const post = (group: Partial<PostForDelivery['group']>, markdown = 'Hello **{{group.name}}**', title: string | null = 'Daily report') => {
  const r = renderAll(markdown, { values: { 'group.name': 'G1' }, limits: defaultLimits() });
  return {
    id: 'post-1',
    scheduledFor: '2026-12-02T08:00:00.000Z',
    source: 'text',
    title,
    group: { slug: 'g1', name: 'G1', endpoint: null, secret: HOOK, ...group },
    markdown,
    renditions: r,
  } satisfies PostForDelivery;
};

/**
 * The documented construction, written again here: the string `timestamp + "\n" + secret` is
 * the HmacSHA256 KEY, the data signed is empty, then Base64 (seconds, not milliseconds).
 */
const documentedSign = (timestampSeconds: number, secret: string) =>
  crypto
    .createHmac('sha256', Buffer.from(`${timestampSeconds}\n${secret}`, 'utf8'))
    .update(Buffer.alloc(0))
    .digest('base64');

const answer = (body: unknown, status = 200) => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
const run = (p: PostForDelivery, now = NOW) => feishu.requests(p, { settings: { baseUrl: BASE }, now });

describe('feishu: requests', () => {
  it('POST {base}/open-apis/bot/v2/hook/<hook id>, JSON, no query', () => {
    const [q, ...rest] = run(post({}));
    expect(rest).toEqual([]);
    expect(q.url).toBe(`http://127.0.0.1:9/feishu/open-apis/bot/v2/hook/${HOOK}`);
    expect(q.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('the hook id is one path segment: it can never reach another path or add a query', () => {
    const [q] = run(post({ secret: '../x?y=1#z' }));
    expect(q.url).toBe('http://127.0.0.1:9/feishu/open-apis/bot/v2/hook/..%2Fx%3Fy%3D1%23z');
  });

  it('unsigned bot: an interactive card with the title as header and the feishu rendition in a markdown element, no timestamp or sign', () => {
    const [q] = run(post({}));
    expect(JSON.parse(q.body)).toEqual({
      msg_type: 'interactive',
      card: {
        config: { wide_screen_mode: true },
        header: { title: { tag: 'plain_text', content: 'Daily report' }, template: 'blue' },
        elements: [{ tag: 'markdown', content: 'Hello **G1**' }],
      },
    });
  });

  it('signed bot: timestamp (seconds, a string) and sign in the body, exactly as documented', () => {
    const [q] = run(post({ signingSecret: SIGNING }));
    const body = JSON.parse(q.body);
    expect(body.timestamp).toBe(String(NOW_S));
    expect(body.timestamp).toBe('1796198400');
    expect(body.sign).toBe(documentedSign(NOW_S, SIGNING));
    // Not DingTalk's construction (secret as key over timestamp + "\n" + secret).
    expect(body.sign).not.toBe(crypto.createHmac('sha256', SIGNING).update(`${NOW_S}\n${SIGNING}`).digest('base64'));
    expect(body.msg_type).toBe('interactive');
  });

  it('the signature matches a vector computed by hand, with the guide’s example timestamp', () => {
    // Python 3:
    //   base64.b64encode(hmac.new(b'1599360473\nthis is secret', b'', hashlib.sha256).digest())
    //   → /eYKrXQBzTjUZJ3s6NX16VxGbTwmK7AEs8/FnvC1CSw=
    const [q] = run(post({ signingSecret: 'this is secret' }), 1599360473_000);
    const body = JSON.parse(q.body);
    expect([body.timestamp, body.sign]).toEqual(['1599360473', '/eYKrXQBzTjUZJ3s6NX16VxGbTwmK7AEs8/FnvC1CSw=']);
  });

  it('signs each attempt with its own time: a retry a minute later carries a fresh timestamp and sign', () => {
    const [first] = run(post({ signingSecret: SIGNING }));
    const [retry] = run(post({ signingSecret: SIGNING }), NOW + 60_000);
    expect(JSON.parse(retry.body).timestamp).toBe(String(NOW_S + 60));
    expect(JSON.parse(retry.body).sign).toBe(documentedSign(NOW_S + 60, SIGNING));
    expect(JSON.parse(retry.body).sign).not.toBe(JSON.parse(first.body).sign);
  });

  it('without a title, the first line of the markdown as plain text, at most 64 characters', () => {
    const header = (p: PostForDelivery) => JSON.parse(run(p)[0].body).card.header.title.content;
    expect(header(post({}, '## **Morning** [check-in](https://x.test)\n\nBody', null))).toBe('Morning check-in');
    expect(header(post({}, '今'.repeat(100), null))).toBe(`${'今'.repeat(63)}…`);
    expect(header(post({}, '', null))).toBe('G1');
  });

  it('a long post: one request per part, headers numbered (i/n), each body under Feishu’s 20 KB', () => {
    const markdown = Array.from(
      { length: 60 },
      (_, i) => `第${i + 1}段："引号"\\反斜杠\n${'今天的打卡任务是读完一章书并写下三点收获，'.repeat(6)}`
    ).join('\n\n');
    const requests = run(post({ signingSecret: SIGNING }, markdown));
    expect(requests.length).toBeGreaterThan(2);
    requests.forEach((q, i) => {
      const body = JSON.parse(q.body);
      expect(body.card.header.title.content).toBe(`Daily report (${i + 1}/${requests.length})`);
      const content = body.card.elements[0].content as string;
      expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(9000);
      expect(content.endsWith(`(${i + 1}/${requests.length})`)).toBe(true);
      expect(Buffer.byteLength(q.body, 'utf8')).toBeLessThanOrEqual(20000);
    });
  });

  it('the worst case for JSON escaping: 9,000 bytes of quotes, backslashes and line breaks still fit 20,000 bytes', () => {
    // A part at the limit made only of characters JSON writes as two bytes each.
    const content = '"\\\n'.repeat(3000);
    const p = post({ signingSecret: SIGNING });
    const worst = {
      ...p,
      title: `${'"'.repeat(63)}"`,
      renditions: { feishu: { ...p.renditions.feishu, parts: [content, content] } },
    } as PostForDelivery;
    for (const q of run(worst)) expect(Buffer.byteLength(q.body, 'utf8')).toBeLessThanOrEqual(20000);
    // Control characters JSON would write as six bytes are dropped; line breaks and tabs stay.
    const ctl = { ...p, renditions: { feishu: { ...p.renditions.feishu, parts: ['a\u0007b\tc\nd'] } } } as PostForDelivery;
    expect(JSON.parse(run(ctl)[0].body).card.elements[0].content).toBe('ab\tc\nd');
  });

  it('without a hook id the group cannot work: a configuration error naming it, not a retry', () => {
    expect(() => run(post({ secret: null }))).toThrow(PlatformConfigError);
    expect(() => run(post({ secret: null }))).toThrow('bot hook id');
  });
});

describe('feishu: settings, pacing, renditions', () => {
  it('FEISHU_BASE_URL: open.feishu.cn in production (Lark: open.larksuite.com), loopback otherwise', () => {
    expect(defaultSettings(feishu, true)).toEqual({ baseUrl: 'https://open.feishu.cn' });
    expect(defaultSettings(feishu, false)).toEqual({ baseUrl: 'http://127.0.0.1:4010/feishu' });
    expect(feishu.settings.baseUrl.env).toBe('FEISHU_BASE_URL');
    const [lark] = feishu.requests(post({}), { settings: { baseUrl: 'https://open.larksuite.com' }, now: NOW });
    expect(lark.url).toBe(`https://open.larksuite.com/open-apis/bot/v2/hook/${HOOK}`);
  });

  it('100 a minute and 5 a second per bot, counted across instances; every group talks to the one API', () => {
    expect(feishu.rateLimit).toEqual({ perMinute: 100, perSecond: 5, env: 'SCHEDULER_PACING_FEISHU', shared: true });
    expect(feishu.receiver).toBe('platform');
    expect(feishu.delivery).toBe('sent-by-us');
  });

  it('the feishu rendition at 9,000 bytes, in the editor panel as "Feishu / Lark"', () => {
    expect(renditionsFor(feishu, defaultSettings(feishu, true))).toEqual([{ format: 'feishu', limit: { unit: 'bytes', max: 9000 } }]);
    expect(feishu.previews).toEqual([
      { id: 'feishu', labels: { en: 'Feishu / Lark', 'zh-Hans': '飞书' }, format: 'feishu', limit: { unit: 'bytes', max: 9000 } },
    ]);
    expect(feishu.labels).toEqual({ en: 'Feishu / Lark', 'zh-Hans': '飞书' });
  });

  it('a demo secret is a UUID-shaped hook id, different per seed', () => {
    const a = feishu.demoSecret(Buffer.from('one'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feishu.demoSecret(Buffer.from('two'))).not.toBe(a);
  });
});

describe('feishu: answers', () => {
  const REASON_FREE_OF = [HOOK, SIGNING];

  it.each([
    ['code 0', { code: 0, msg: 'success', data: {} }, 'ok'],
    ['the older hook’s StatusCode 0', { Extra: null, StatusCode: 0, StatusMessage: 'success' }, 'ok'],
  ])('%s is sent', (_name, body, kind) => {
    expect(feishu.outcome(answer(body), NOW).kind).toBe(kind);
  });

  it('11232 (frequency limited): waits a minute, not an attempt', () => {
    expect(feishu.outcome(answer({ code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]' }), NOW)).toEqual({
      kind: 'rate-limited',
      delayMs: 60_000,
      reason: 'Feishu code 11232 (frequency limited): frequency limited psm[lark.oapi.app_platform_runtime]appID[1]',
    });
  });

  it.each([
    [19021, 'sign match fail or timestamp is not within one hour from current time', 'signature does not match'],
    [19022, 'Ip Not Allowed', 'IP allow list'],
    [19024, 'Key Words Not Found', 'custom keyword'],
    [19001, 'param invalid: incoming webhook access token invalid', 'not a custom bot'],
    [9499, 'Bad Request', 'malformed'],
    [12345, 'something new', 'does not list'],
  ])('code %d is dead at once, with its meaning and Feishu’s msg, naming no credential', (code, msg, meaning) => {
    const o = feishu.outcome(answer({ code, msg, data: {} }), NOW);
    expect(o.kind).toBe('permanent');
    expect(o.kind === 'permanent' && o.reason).toContain(`Feishu code ${code}: `);
    expect(o.kind === 'permanent' && o.reason).toContain(meaning);
    expect(o.kind === 'permanent' && o.reason).toContain(`(${msg})`);
    for (const c of REASON_FREE_OF) expect(JSON.stringify(o)).not.toContain(c);
  });

  it('Feishu’s msg is cut short in the reason', () => {
    const o = feishu.outcome(answer({ code: 19024, msg: 'x'.repeat(5000) }), NOW);
    expect(o.kind === 'permanent' && o.reason.length).toBeLessThan(500);
  });

  it('a 4xx carrying Feishu’s code is dead with the code’s meaning', () => {
    const o = feishu.outcome(answer({ code: 9499, msg: 'Bad Request' }, 400), NOW);
    expect(o).toEqual({
      kind: 'permanent',
      reason: expect.stringContaining('Feishu HTTP 400, code 9499: Feishu refused the request as malformed'),
    });
  });

  it('HTTP 5xx, 429 and unreadable answers follow the shared rules', () => {
    expect(feishu.outcome(answer('upstream error', 502), NOW)).toMatchObject({ kind: 'retry', down: true });
    expect(feishu.outcome({ status: 429, headers: { 'retry-after': '7' }, body: '' }, NOW)).toMatchObject({
      kind: 'rate-limited',
      delayMs: 7000,
    });
    expect(feishu.outcome(answer('<html>gateway</html>'), NOW)).toMatchObject({ kind: 'retry' });
    expect(feishu.outcome(answer({ data: {} }), NOW)).toMatchObject({ kind: 'retry' });
  });
});

describe('feishu: masked URL and checks on save', () => {
  it('masks the hook id in a URL (Feishu and Lark)', () => {
    expect(feishu.redactUrl(`https://open.feishu.cn/open-apis/bot/v2/hook/${HOOK}`)).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/***'
    );
    expect(feishu.redactUrl(`https://open.larksuite.com/open-apis/bot/v2/hook/${HOOK}?x=1`)).toBe(
      'https://open.larksuite.com/open-apis/bot/v2/hook/***?x=1'
    );
  });

  it.each([
    [{ endpoint: null, secret: HOOK, signingSecret: SIGNING }, null],
    [{ endpoint: null, secret: HOOK, signingSecret: null }, null],
    [{ endpoint: 'https://open.feishu.cn', secret: HOOK }, 'endpoint'],
    [{ endpoint: null, secret: 'hook with-space' }, 'secret'],
    [{ endpoint: null, secret: `https://open.feishu.cn/open-apis/bot/v2/hook/${HOOK}` }, 'secret'],
    [{ endpoint: null, secret: HOOK, signingSecret: 'line\nbreak-signing' }, 'signingSecret'],
  ] as const)('%j → %s, the message never echoing a value', (fields, field) => {
    const problem = feishu.validate(fields);
    expect(problem?.field ?? null).toBe(field);
    if (problem) {
      expect(problem.message).not.toContain(HOOK);
      expect(problem.message).not.toContain('with-space');
      expect(problem.message).not.toContain('break-signing');
    }
  });
});
