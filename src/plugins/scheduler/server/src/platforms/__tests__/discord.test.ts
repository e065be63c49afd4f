/**
 * The Discord platform: requests as Discord's Execute Webhook expects them, answers as its
 * rate-limit and error documentation describes them. Expected values are written out from
 * those pages, not read from the module.
 */
import { discord, discordOutcome, webhookParts } from '../discord';
import { defaultSettings, getPlatform, renditionsFor } from '../registry';
import { PlatformConfigError, type PostForDelivery } from '../types';
import { renderAll } from '../../rendering';

const ID = '1234567890123456789';
const TOKEN = 'AbC-dEf_123456789012345678901234567890123456789012345678901234567890';
const SECRET = `https://discord.com/api/webhooks/${ID}/${TOKEN}`;
const BASE = 'http://127.0.0.1:9/discord';

const post = (markdown: string, secret: string | null = SECRET, values: Record<string, string> = {}): PostForDelivery => ({
  id: 'post-1',
  scheduledFor: '2026-12-01T08:00:00.000Z',
  source: 'text',
  title: null,
  group: { slug: 'd1', name: 'D1', endpoint: null, secret },
  markdown,
  renditions: renderAll(markdown, { values, formats: ['discord'], limits: { discord: { unit: 'chars', max: 2000 } } }),
});

const answer = (status: number, body = '', headers: Record<string, string> = {}) => ({ status, body, headers });

describe('discord in the registry', () => {
  it('is sent by us, 30 a minute per group counted across instances, one receiver (the API)', () => {
    expect(getPlatform('discord')).toBe(discord);
    expect(discord.delivery).toBe('sent-by-us');
    expect(discord.rateLimit).toEqual({ perMinute: 30, env: 'SCHEDULER_PACING_DISCORD', shared: true });
    expect(discord.receiver).toBe('platform');
    expect(discord.labels).toEqual({ en: 'Discord', 'zh-Hans': 'Discord' });
  });

  it('DISCORD_BASE_URL: discord.com in production, loopback elsewhere', () => {
    expect(discord.settings.baseUrl.env).toBe('DISCORD_BASE_URL');
    expect(defaultSettings(discord, true)).toEqual({ baseUrl: 'https://discord.com' });
    expect(defaultSettings(discord, false).baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('asks for the discord rendition at 2,000 characters and previews it as "Discord"', () => {
    expect(renditionsFor(discord, { baseUrl: BASE })).toEqual([{ format: 'discord', limit: { unit: 'chars', max: 2000 } }]);
    expect(discord.previews).toEqual([
      { id: 'discord', labels: { en: 'Discord', 'zh-Hans': 'Discord' }, format: 'discord', limit: { unit: 'chars', max: 2000 } },
    ]);
  });
});

describe('requests', () => {
  it('POST {DISCORD_BASE_URL}/api/webhooks/<id>/<token>?wait=true, JSON content with no mentions allowed', () => {
    const requests = discord.requests(post('Hello **{{group.name}}** @everyone', SECRET, { 'group.name': 'D1' }), {
      settings: { baseUrl: `${BASE}/` },
      now: 0,
    });
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe(`http://127.0.0.1:9/discord/api/webhooks/${ID}/${TOKEN}?wait=true`);
    expect(requests[0].headers).toEqual({ 'content-type': 'application/json' });
    // JSON.stringify leaves U+200B as is: the zero-width space after the @ travels raw.
    expect(requests[0].body).toBe('{"content":"Hello **D1** @\u200beveryone","allowed_mentions":{"parse":[]}}');
    expect(JSON.parse(requests[0].body)).toEqual({ content: 'Hello **D1** @\u200beveryone', allowed_mentions: { parse: [] } });
  });

  it("the secret's own host is never used: only its id and token go to the configured base", () => {
    const [q] = discord.requests(post('x', `http://evil.example:8080/api/webhooks/${ID}/${TOKEN}`), {
      settings: { baseUrl: BASE },
      now: 0,
    });
    expect(q.url).toBe(`${BASE}/api/webhooks/${ID}/${TOKEN}?wait=true`);
    // The versioned URL Discord's API returns is the same webhook.
    const [v] = discord.requests(post('x', `https://discord.com/api/v10/webhooks/${ID}/${TOKEN}`), { settings: { baseUrl: BASE }, now: 0 });
    expect(v.url).toBe(`${BASE}/api/webhooks/${ID}/${TOKEN}?wait=true`);
  });

  it('one request per part, in order, each content at most 2,000 characters', () => {
    const paragraph = (i: number) => `Paragraph ${i}: ${'word '.repeat(80).trim()}.`; // 413 or 414 chars
    const markdown = Array.from({ length: 12 }, (_, i) => paragraph(i + 1)).join('\n\n');
    const requests = discord.requests(post(markdown), { settings: { baseUrl: BASE }, now: 0 });
    // 12 × ~414 chars + separators ≈ 5,000: three parts.
    expect(requests).toHaveLength(3);
    const contents = requests.map((q) => JSON.parse(q.body).content as string);
    contents.forEach((c, i) => {
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(c.endsWith(`(${i + 1}/3)`)).toBe(true);
    });
    const order = contents
      .join('\n\n')
      .match(/Paragraph \d+/g)!
      .map((m) => Number(m.split(' ')[1]));
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const q of requests) expect(JSON.parse(q.body).allowed_mentions).toEqual({ parse: [] });
  });

  it('a group without a secret, or with a secret that is no webhook URL, is a configuration error', () => {
    expect(() => discord.requests(post('x', null), { settings: { baseUrl: BASE }, now: 0 })).toThrow(PlatformConfigError);
    let message = '';
    try {
      discord.requests(post('x', 'https://discord.com/not-a-webhook/secret-value-123'), { settings: { baseUrl: BASE }, now: 0 });
    } catch (err) {
      expect(err).toBeInstanceOf(PlatformConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/not a Discord webhook URL/);
    expect(message).not.toContain('secret-value-123');
  });
});

describe('answers', () => {
  const NOW = Date.parse('2026-12-01T08:00:00Z');

  it('200 with the message (wait=true) and 204 are sent', () => {
    expect(discordOutcome(answer(200, '{"id":"1","content":"hi"}'), NOW)).toEqual({ kind: 'ok' });
    expect(discordOutcome(answer(204), NOW)).toEqual({ kind: 'ok' });
  });

  it("429 waits the body's fractional retry_after, rounded up to the millisecond", () => {
    const o = discordOutcome(
      answer(429, '{"message":"You are being rate limited.","retry_after":1.337,"global":false}', {
        'retry-after': '2',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '1.337',
      }),
      NOW
    );
    expect(o).toEqual({ kind: 'rate-limited', delayMs: 1337, reason: 'Discord HTTP 429: You are being rate limited.' });
    const tiny = discordOutcome(answer(429, '{"message":"x","retry_after":4.0001,"global":false}'), NOW);
    expect(tiny.kind === 'rate-limited' && tiny.delayMs).toBe(4001);
  });

  it('429 without a body falls back to Retry-After; the wait is bounded to 1 s … 1 h', () => {
    expect(discordOutcome(answer(429, 'Too Many Requests', { 'retry-after': '7' }), NOW)).toMatchObject({
      kind: 'rate-limited',
      delayMs: 7000,
    });
    expect(discordOutcome(answer(429, '{"message":"x","retry_after":0.05,"global":false}'), NOW)).toMatchObject({ delayMs: 1000 });
    expect(discordOutcome(answer(429, '{"message":"x","retry_after":999999,"global":true}'), NOW)).toMatchObject({
      delayMs: 3_600_000,
      reason: 'Discord HTTP 429 (global): x',
    });
    // Neither: a minute, as for every platform.
    expect(discordOutcome(answer(429, ''), NOW)).toMatchObject({ kind: 'rate-limited', delayMs: 60_000 });
  });

  it('5xx are retried (502–504: Discord is down), with what Discord said', () => {
    expect(discordOutcome(answer(500, '{"message":"Internal Server Error","code":0}'), NOW)).toEqual({
      kind: 'retry',
      reason: 'Discord HTTP 500: Internal Server Error (code 0)',
    });
    expect(discordOutcome(answer(503, 'upstream connect error'), NOW)).toEqual({
      kind: 'retry',
      reason: 'Discord HTTP 503: upstream connect error',
      down: true,
    });
  });

  it.each([
    [400, '{"message":"Invalid Form Body","code":50035}', 'Discord HTTP 400: Invalid Form Body (code 50035)'],
    [401, '{"message":"401: Unauthorized","code":0}', 'Discord HTTP 401: 401: Unauthorized (code 0)'],
    [403, '{"message":"Missing Access","code":50001}', 'Discord HTTP 403: Missing Access (code 50001)'],
    [404, '{"message":"Unknown Webhook","code":10015}', 'Discord HTTP 404: Unknown Webhook (code 10015)'],
  ])('%i is dead: %s', (status, body, reason) => {
    expect(discordOutcome(answer(status, body), NOW)).toEqual({ kind: 'permanent', reason });
  });

  it('a reason never carries a token an answer echoes', () => {
    const o = discordOutcome(answer(404, `{"message":"Unknown Webhook ${TOKEN}","code":10015}`), NOW);
    expect(o.kind).toBe('permanent');
    expect(JSON.stringify(o)).not.toContain(TOKEN);
    const plain = discordOutcome(answer(404, `no webhook at /api/webhooks/${ID}/${TOKEN}`), NOW);
    expect(JSON.stringify(plain)).not.toContain(TOKEN);
  });
});

describe('stored and shown URLs', () => {
  it('redactUrl masks the token and keeps the webhook id', () => {
    expect(discord.redactUrl(`https://discord.com/api/webhooks/${ID}/${TOKEN}?wait=true`)).toBe(
      `https://discord.com/api/webhooks/${ID}/***?wait=true`
    );
    expect(discord.redactUrl(`${BASE}/api/webhooks/${ID}/${TOKEN}`)).toBe(`${BASE}/api/webhooks/${ID}/***`);
  });
});

describe('validation on save', () => {
  it.each([
    [{ endpoint: null, secret: SECRET }, null],
    [{ endpoint: null, secret: `https://discord.com/api/v10/webhooks/${ID}/${TOKEN}` }, null],
    [{ endpoint: null, secret: `https://discordapp.com/api/webhooks/${ID}/${TOKEN}/` }, null],
    [{ endpoint: null, secret: null }, null],
    [{ endpoint: null, secret: `ftp://discord.com/api/webhooks/${ID}/${TOKEN}` }, 'secret'],
    [{ endpoint: null, secret: `https://discord.com/api/webhooks/not-digits/${TOKEN}` }, 'secret'],
    [{ endpoint: null, secret: `https://discord.com/api/webhooks/${ID}` }, 'secret'],
    [{ endpoint: null, secret: `https://discord.com/api/webhooks/${ID}/${TOKEN}/extra` }, 'secret'],
    [{ endpoint: null, secret: TOKEN }, 'secret'],
    [{ endpoint: 'https://discord.com/api/webhooks/1/x', secret: SECRET }, 'endpoint'],
  ] as const)('%j → %s', (fields, field) => {
    const problem = discord.validate(fields);
    expect(problem?.field ?? null).toBe(field);
    if (problem) expect(problem.message).not.toContain(TOKEN);
  });

  it('webhookParts reads the id and the token', () => {
    expect(webhookParts(SECRET)).toEqual({ id: ID, token: TOKEN });
    expect(webhookParts('not a url')).toBeNull();
  });

  it('the demo secret is a made-up webhook URL of the real shape (and passes validation)', () => {
    const demo = discord.demoSecret(Buffer.alloc(24, 7))!;
    expect(demo).toMatch(/^https:\/\/discord\.com\/api\/webhooks\/\d{19}\/[A-Za-z0-9_-]{68}$/);
    expect(discord.validate({ endpoint: null, secret: demo })).toBeNull();
  });
});
