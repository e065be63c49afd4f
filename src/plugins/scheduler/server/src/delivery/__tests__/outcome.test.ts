import { httpOutcome, plainOutcome } from '../outcome';
import { wecomOutcome } from '../../platforms/wecom';
import { telegramOutcome } from '../../platforms/telegram';

const answer = (status: number, body = '', headers: Record<string, string> = {}) => ({ status, body, headers });

describe('delivery outcomes', () => {
  it('treats 2xx as sent for plain webhooks and Slack', () => {
    expect(plainOutcome(answer(200, 'ok'))).toEqual({ kind: 'ok' });
    expect(plainOutcome(answer(204))).toEqual({ kind: 'ok' });
  });

  it('retries 5xx, 408 and 409; other 4xx are permanent', () => {
    expect(plainOutcome(answer(500)).kind).toBe('retry');
    expect(plainOutcome(answer(503)).kind).toBe('retry');
    expect(plainOutcome(answer(408)).kind).toBe('retry');
    expect(plainOutcome(answer(409)).kind).toBe('retry');
    expect(plainOutcome(answer(400, 'bad')).kind).toBe('permanent');
    expect(plainOutcome(answer(404)).kind).toBe('permanent');
    expect(plainOutcome(answer(410)).kind).toBe('permanent');
  });

  it('marks gateway errors as the receiver being down (not this post), and 410 as the endpoint gone', () => {
    for (const status of [502, 503, 504]) expect(plainOutcome(answer(status))).toMatchObject({ kind: 'retry', down: true });
    for (const status of [500, 408, 409])
      expect(plainOutcome(answer(status)).kind === 'retry' && (plainOutcome(answer(status)) as any).down).toBeFalsy();
    expect(plainOutcome(answer(410, 'hook deleted'))).toEqual({ kind: 'permanent', gone: true, reason: 'HTTP 410 Gone: hook deleted' });
    expect((plainOutcome(answer(404)) as any).gone).toBeUndefined();
    expect(telegramOutcome(answer(410))).toMatchObject({ kind: 'permanent', gone: true });
  });

  it('delays on 429 by Retry-After without counting a failure', () => {
    expect(httpOutcome(answer(429, '', { 'retry-after': '7' }))).toMatchObject({ kind: 'rate-limited', delayMs: 7000 });
    expect(httpOutcome(answer(429, '{"ok":false,"error_code":429,"parameters":{"retry_after":3}}'))).toMatchObject({
      kind: 'rate-limited',
      delayMs: 3000,
    });
    expect(httpOutcome(answer(429))).toMatchObject({ kind: 'rate-limited', delayMs: 60000 });
  });

  it('reads WeCom errcode from a 200', () => {
    expect(wecomOutcome(answer(200, '{"errcode":0,"errmsg":"ok"}'))).toEqual({ kind: 'ok' });
    expect(wecomOutcome(answer(200, '{"errcode":45009,"errmsg":"api freq out of limit"}'))).toMatchObject({ kind: 'rate-limited' });
    expect(wecomOutcome(answer(200, '{"errcode":93000,"errmsg":"invalid webhook url"}'))).toMatchObject({ kind: 'permanent' });
    expect(wecomOutcome(answer(200, '{"errcode":-1,"errmsg":"system busy"}')).kind).toBe('retry');
    expect(wecomOutcome(answer(200, '<html>')).kind).toBe('retry');
  });

  it('requires ok:true from Telegram', () => {
    expect(telegramOutcome(answer(200, '{"ok":true,"result":{}}'))).toEqual({ kind: 'ok' });
    expect(telegramOutcome(answer(400, '{"ok":false,"description":"chat not found"}')).kind).toBe('permanent');
  });
});

describe('what a receiver cannot make the dispatcher do', () => {
  // Expected waits written out from the rule: at least 1 s, at most 1 h, else as asked.
  it.each([
    [{ 'retry-after': '0' }, '', 1000],
    [{ 'retry-after': '0.2' }, '', 1000],
    [{ 'retry-after': '-5' }, '', 60_000],
    [{ 'retry-after': '999999999' }, '', 3_600_000],
    [{ 'retry-after': 'Thu, 01 Jan 1970 00:00:00 GMT' }, '', 1000],
    [{}, '{"parameters":{"retry_after":0}}', 1000],
    [{}, '{"parameters":{"retry_after":1e300}}', 3_600_000],
    [{ 'retry-after': '30' }, '', 30_000],
  ])('429 with %j %s waits %i ms', (headers, body, delayMs) => {
    expect(httpOutcome(answer(429, body, headers as Record<string, string>))).toMatchObject({ kind: 'rate-limited', delayMs });
  });

  it.each([301, 302, 303, 307, 308])('a %i is a failed attempt that names where it pointed, never followed', (status) => {
    const outcome = plainOutcome(answer(status, '', { location: 'http://169.254.169.254/latest/meta-data/' }));
    expect(outcome.kind).toBe('retry');
    expect(outcome.kind === 'retry' && outcome.reason).toBe(
      `HTTP ${status}: redirect not followed (Location: http://169.254.169.254/latest/meta-data/)`
    );
  });
});
