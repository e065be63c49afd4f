import { decideMissing, holdMinutesOf } from '../when-missing';

const at = (s: string) => new Date(`2026-12-02T${s}:00Z`);
const due = at('00:00');

describe('decideMissing', () => {
  it.each([
    ['no policy', {}, at('00:00'), { action: 'skip', reason: 'gone' }],
    ['unknown mode', { whenMissing: 'later' }, at('00:00'), { action: 'skip', reason: 'gone' }],
    ['skip', { whenMissing: 'skip', fallbackText: 'x' }, at('00:00'), { action: 'skip', reason: 'gone' }],
    [
      'fallback',
      { whenMissing: 'fallback', fallbackText: ' Hi {{group.name}} ' },
      at('00:00'),
      { action: 'fallback', text: 'Hi {{group.name}}', reason: 'gone' },
    ],
    [
      'fallback without text',
      { whenMissing: 'fallback', fallbackText: ' ' },
      at('00:00'),
      { action: 'skip', reason: 'gone (no fallbackText)' },
    ],
    ['hold, start', { whenMissing: 'hold' }, at('00:00'), { action: 'hold', until: at('01:00'), recheckAt: at('00:01') }],
    [
      'hold, last minute',
      { whenMissing: 'hold', holdMinutes: 10 },
      new Date(at('00:09').getTime() + 30_000),
      { action: 'hold', until: at('00:10'), recheckAt: at('00:10') },
    ],
    ['hold, over', { whenMissing: 'hold', holdMinutes: 10 }, at('00:10'), { action: 'skip', reason: 'held 10 min; gone' }],
    ['hold, long over', { whenMissing: 'hold', holdMinutes: 10 }, at('05:00'), { action: 'skip', reason: 'held 10 min; gone' }],
  ])('%s', (_name, policy, now, expected) => {
    expect(decideMissing(policy, 'gone', now, due)).toEqual(expected);
  });
});

describe('holdMinutesOf', () => {
  it.each([
    [undefined, 60],
    [null, 60],
    [0, 60],
    [1, 1],
    [1440, 1440],
    [1441, 60],
    [1.5, 60],
  ])('%p → %p', (m, expected) => expect(holdMinutesOf({ holdMinutes: m as number | null | undefined })).toBe(expected));
});
