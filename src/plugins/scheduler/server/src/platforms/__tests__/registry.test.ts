/**
 * The platform registry and each platform's module: the facts in the table below are
 * written out from the platforms' documentation (message limits, rate limits, URL shapes),
 * not read from the modules.
 */
import fs from 'fs';
import path from 'path';
import { Webhook } from 'standardwebhooks';
import {
  botLeasedPlatformIds,
  defaultLimits,
  defaultSettings,
  everyFormat,
  getPlatform,
  notDispatchedPlatformIds,
  PLATFORMS,
  platformIds,
  previews,
  renditionsFor,
  taskPlatformIds,
} from '../registry';
import type { PostForDelivery } from '../types';
import { PlatformConfigError } from '../types';
import { renderAll } from '../../rendering';

const post = (group: Partial<PostForDelivery['group']>, markdown = 'Hello **{{group.name}}**'): PostForDelivery => {
  const r = renderAll(markdown, { values: { 'group.name': 'G1' }, limits: defaultLimits() });
  return {
    id: 'post-1',
    scheduledFor: '2026-12-01T08:00:00.000Z',
    source: 'text',
    title: 'T',
    group: { slug: 'g1', name: 'G1', endpoint: null, secret: null, ...group },
    markdown,
    renditions: r,
  };
};

describe('the registry', () => {
  it("lists exactly the group schema's platforms (a new platform needs its enum value there too)", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../../api/group/content-types/group/schema.json'), 'utf8'));
    expect([...platformIds()].sort()).toEqual([...schema.attributes.platform.enum].sort());
  });

  it('gives each format its platform limit: WeCom markdown 4,096 bytes, Telegram 4,096 chars, Slack 40,000 chars, DingTalk 16,000 bytes, Feishu 9,000 bytes, the generic formats none', () => {
    expect(defaultLimits()).toEqual({
      wecom: { unit: 'bytes', max: 4096 },
      telegram: { unit: 'chars', max: 4096 },
      slack: { unit: 'chars', max: 40000 },
      discord: { unit: 'chars', max: 2000 },
      // DingTalk refuses bodies over 20,000 bytes; the text leaves room for the JSON around it.
      dingtalk: { unit: 'bytes', max: 16000 },
      // Feishu refuses bodies over 20 KB; JSON escaping at most doubles the text, so 9,000 bytes.
      feishu: { unit: 'bytes', max: 9000 },
    });
    expect(
      everyFormat()
        .map((f) => f.format)
        .sort()
    ).toEqual(['dingtalk', 'discord', 'feishu', 'html', 'markdown', 'slack', 'telegram', 'text', 'wecom']);
  });

  it('previews what the editor panel shows: plain text at WeCom text 2,048 bytes, WeCom, Telegram, Slack, Discord, DingTalk, Feishu, by hand 2,000 chars', () => {
    expect(previews().map((p) => [p.id, p.format, p.limit.unit, p.limit.max])).toEqual([
      ['text', 'text', 'bytes', 2048],
      ['wecom', 'wecom', 'bytes', 4096],
      ['telegram', 'telegram', 'chars', 4096],
      ['slack', 'slack', 'chars', 40000],
      ['discord', 'discord', 'chars', 2000],
      ['dingtalk', 'dingtalk', 'bytes', 16000],
      ['feishu', 'feishu', 'bytes', 9000],
      ['manual', 'text', 'chars', 2000],
    ]);
  });

  it('knows which platforms bots lease and which platforms share their rate limit across instances', () => {
    expect(botLeasedPlatformIds()).toEqual(['pull']);
    expect(taskPlatformIds()).toEqual(['manual']);
    // The dispatcher claims neither bots' posts nor people's tasks.
    expect(notDispatchedPlatformIds()).toEqual(['pull', 'manual']);
    expect(PLATFORMS.filter((p) => p.rateLimit.shared).map((p) => [p.id, p.rateLimit.perMinute])).toEqual([
      ['wecom', 20],
      ['telegram', 20],
      ['slack', 60],
      ['discord', 30],
      ['dingtalk', 20],
      ['feishu', 100],
    ]);
    // Feishu also counts each second (5): the only platform with a second's limit.
    expect(PLATFORMS.filter((p) => p.rateLimit.perSecond).map((p) => [p.id, p.rateLimit.perSecond])).toEqual([['feishu', 5]]);
  });

  it('points outside production at loopback and in production at the real APIs', () => {
    expect(defaultSettings(getPlatform('wecom')!, true)).toEqual({ baseUrl: 'https://qyapi.weixin.qq.com', msgtype: 'markdown' });
    expect(defaultSettings(getPlatform('wecom')!, false).baseUrl).toBe('http://127.0.0.1:4010/wecom');
    expect(defaultSettings(getPlatform('telegram')!, true).baseUrl).toBe('https://api.telegram.org');
    expect(defaultSettings(getPlatform('telegram')!, false).baseUrl).toBe('http://127.0.0.1:4010/telegram');
  });

  it('every platform has labels in both languages and a label per field', () => {
    for (const p of PLATFORMS) {
      for (const labels of [p.labels, p.fields.endpoint, p.fields.secret])
        expect([p.id, Boolean(labels.en && labels['zh-Hans'])]).toEqual([p.id, true]);
    }
  });
});

describe('requests per platform', () => {
  it('webhook: one POST to the endpoint, signed so that the standardwebhooks package verifies it', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const [q, ...rest] = getPlatform('webhook')!.requests(post({ endpoint: 'https://example.test/hook', secret }), {
      settings: {},
      now: Date.now(),
    });
    expect(rest).toEqual([]);
    expect(q.url).toBe('https://example.test/hook');
    const body = new Webhook(secret).verify(q.body, q.headers) as { id: string; content: { markdown: string; text: string; html: string } };
    expect(body.id).toBe('post-1');
    expect(body.content.html).toContain('<strong>G1</strong>');
    expect(body.content.text).toContain('G1');
  });

  it('wecom: the robot key in the query of the base URL; markdown or text by the msgtype setting', () => {
    const wecom = getPlatform('wecom')!;
    const md = wecom.requests(post({ secret: 'k/1' }), { settings: { baseUrl: 'http://127.0.0.1:9/wecom/', msgtype: 'markdown' }, now: 0 });
    expect(md.map((q) => q.url)).toEqual(['http://127.0.0.1:9/wecom/cgi-bin/webhook/send?key=k%2F1']);
    expect(JSON.parse(md[0].body).msgtype).toBe('markdown');
    const textPost = { ...post({ secret: 'k' }), renditions: renderAll('Hi **x**', { formats: ['text'] }) };
    const text = wecom.requests(textPost, { settings: { baseUrl: 'http://127.0.0.1:9', msgtype: 'text' }, now: 0 });
    expect(JSON.parse(text[0].body)).toEqual({ msgtype: 'text', text: { content: 'Hi x' } });
    // A group's endpoint never moves the robot key elsewhere: always the configured base.
    expect(
      wecom.requests(post({ secret: 'k', endpoint: 'http://127.0.0.1:8' }), {
        settings: { baseUrl: 'http://127.0.0.1:9', msgtype: 'markdown' },
        now: 0,
      })[0].url
    ).toBe('http://127.0.0.1:9/cgi-bin/webhook/send?key=k');
    expect(wecom.validate({ endpoint: 'https://proxy.example/', secret: null })?.field).toBe('endpoint');
  });

  it('telegram: sendMessage of the bot token, the chat id from the endpoint, HTML', () => {
    const [q] = getPlatform('telegram')!.requests(post({ secret: '123:abc', endpoint: '-1001' }), {
      settings: { baseUrl: 'http://127.0.0.1:9/tg' },
      now: 0,
    });
    expect(q.url).toBe('http://127.0.0.1:9/tg/bot123:abc/sendMessage');
    expect(JSON.parse(q.body)).toMatchObject({ chat_id: '-1001', parse_mode: 'HTML', text: 'Hello <b>G1</b>' });
  });

  it('slack: the incoming-webhook URL (secret first, else endpoint), mrkdwn', () => {
    const [q] = getPlatform('slack')!.requests(post({ secret: 'https://hooks.example.test/T/B/x' }), { settings: {}, now: 0 });
    expect(q.url).toBe('https://hooks.example.test/T/B/x');
    expect(JSON.parse(q.body)).toEqual({ text: 'Hello *G1*', mrkdwn: true });
  });

  it.each([
    ['webhook', { endpoint: 'https://x.test' }, 'webhook signing secret'],
    ['webhook', { secret: 'whsec_eA==' }, 'endpoint URL'],
    ['wecom', {}, 'robot key'],
    ['telegram', { secret: '1:a' }, 'chat id'],
    ['slack', {}, 'incoming webhook URL'],
    ['pull', {}, 'leased by their bot'],
    ['manual', {}, 'tasks for their owners'],
    ['dingtalk', { secret: null }, 'robot access_token'],
    ['feishu', { secret: null }, 'bot hook id'],
  ])('%s without its credentials is a configuration error, not a retry (%j)', (id, group, message) => {
    expect(() =>
      getPlatform(id)!.requests(post(group), { settings: { baseUrl: 'http://127.0.0.1:9', msgtype: 'markdown' }, now: 0 })
    ).toThrow(PlatformConfigError);
    expect(() =>
      getPlatform(id)!.requests(post(group), { settings: { baseUrl: 'http://127.0.0.1:9', msgtype: 'markdown' }, now: 0 })
    ).toThrow(message);
  });
});

describe('credentials never stored in a URL', () => {
  it.each([
    [
      'wecom',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***',
    ],
    ['telegram', 'https://api.telegram.org/bot123:SECRET/sendMessage', 'https://api.telegram.org/bot***/sendMessage'],
    ['webhook', 'https://example.test/hook?key=SECRET&x=1', 'https://example.test/hook?key=***&x=1'],
    ['slack', 'https://hooks.slack.com/services/T000/B000/SECRETPATH', 'https://hooks.slack.com/***'],
    [
      'dingtalk',
      'https://oapi.dingtalk.com/robot/send?access_token=SECRET&timestamp=1&sign=SIG',
      'https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=***&sign=***',
    ],
    [
      'feishu',
      'https://open.feishu.cn/open-apis/bot/v2/hook/2f1c6a3e-7b4d-4e2a-9c1f-5d8e7a6b4c3d',
      'https://open.feishu.cn/open-apis/bot/v2/hook/***',
    ],
  ])('%s masks %s', (id, url, masked) => {
    expect(getPlatform(id)!.redactUrl(url)).toBe(masked);
  });
});

describe('endpoint and secret on save', () => {
  it.each([
    ['webhook', { endpoint: 'https://example.test/hook', secret: 'whsec_eA==' }, null],
    ['webhook', { endpoint: 'ftp://example.test/x', secret: null }, 'endpoint'],
    ['webhook', { endpoint: 'not a url', secret: null }, 'endpoint'],
    ['wecom', { endpoint: null, secret: '693a91f6-7xxx' }, null],
    ['wecom', { endpoint: null, secret: 'two words' }, 'secret'],
    ['wecom', { endpoint: 'javascript:alert(1)', secret: null }, 'endpoint'],
    ['telegram', { endpoint: '-1001234567890', secret: '123456:AAE_x-y' }, null],
    ['telegram', { endpoint: '@my_channel', secret: null }, null],
    ['telegram', { endpoint: 'https://t.me/x', secret: null }, 'endpoint'],
    ['telegram', { endpoint: null, secret: 'no-colon' }, 'secret'],
    ['slack', { endpoint: null, secret: 'https://hooks.slack.com/services/T/B/x' }, null],
    ['slack', { endpoint: null, secret: 'xoxb-not-a-url' }, 'secret'],
    ['pull', { endpoint: 'anything', secret: 'anything' }, null],
    ['manual', { endpoint: null, secret: null }, null],
    ['manual', { endpoint: 'https://example.test/hook', secret: null }, 'endpoint'],
    ['manual', { endpoint: null, secret: 'anything' }, 'secret'],
    ['dingtalk', { endpoint: null, secret: 'a'.repeat(64) }, null],
    ['dingtalk', { endpoint: null, secret: 'two words' }, 'secret'],
    ['dingtalk', { endpoint: 'https://oapi.dingtalk.com/robot/send', secret: null }, 'endpoint'],
    ['feishu', { endpoint: null, secret: '2f1c6a3e-7b4d-4e2a-9c1f-5d8e7a6b4c3d' }, null],
    ['feishu', { endpoint: null, secret: 'two words' }, 'secret'],
    ['feishu', { endpoint: null, secret: 'https://open.feishu.cn/open-apis/bot/v2/hook/x' }, 'secret'],
    ['feishu', { endpoint: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: null }, 'endpoint'],
  ] as const)('%s %j → %s', (id, fields, field) => {
    const problem = getPlatform(id)!.validate({ endpoint: fields.endpoint, secret: fields.secret });
    expect(problem?.field ?? null).toBe(field);
    if (problem?.field === 'secret') expect(problem.message).not.toContain(String(fields.secret));
  });
});

describe('manual (staff post by hand)', () => {
  const manual = getPlatform('manual')!;

  it('is a task platform labelled in both languages', () => {
    expect(manual.delivery).toBe('task');
    expect(manual.labels).toEqual({ en: 'Manual (staff post by hand)', 'zh-Hans': '人工发送' });
  });

  it('asks for plain text in parts of at most 2,000 characters', () => {
    expect(renditionsFor(manual, {})).toEqual([{ format: 'text', limit: { unit: 'chars', max: 2000 } }]);
    // 4,500 characters of Chinese text: three parts, none over 2,000 characters.
    const markdown = Array.from(
      { length: 45 },
      () =>
        '今天的打卡任务是读完一章书并写下三点收获然后在群里分享一下大家互相点评鼓励坚持就是胜利加油今天的打卡任务是读完一章书并写下三点收获然后在群里分享一下大家互相点评鼓励坚持就是胜利加油'
    ).join('\n\n');
    const r = renderAll(markdown, { values: {}, limits: { text: { unit: 'chars', max: 2000 } } });
    expect(r.text.parts.length).toBe(3);
    for (const part of r.text.parts) expect(part.length).toBeLessThanOrEqual(2000);
  });
});
