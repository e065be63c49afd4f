import { decideQuiet, windowAt } from '../quiet-hours';

/**
 * Expected instants are worked out by hand from the zones' UTC offsets:
 * Asia/Shanghai is UTC+8 all year; Europe/Berlin is UTC+1 in winter, UTC+2 in summer
 * (2026: summer time from 29 March 01:00Z to 25 October 01:00Z).
 */
describe('quiet hours', () => {
  const night = [{ start: '23:00', end: '07:00' }];

  it('knows which minutes are inside a wrapping window', () => {
    expect(windowAt(23 * 60, night)).toBe(night[0]);
    expect(windowAt(2 * 60, night)).toBe(night[0]);
    expect(windowAt(7 * 60, night)).toBeNull(); // end is exclusive
    expect(windowAt(22 * 60 + 59, night)).toBeNull();
  });

  it('lets posts outside the window through', () => {
    // 2026-12-01 08:00 Shanghai = 00:00Z.
    expect(decideQuiet(new Date('2026-12-01T00:00:00Z'), 'Asia/Shanghai', night, 'defer')).toEqual({ action: 'none' });
  });

  it('defers a post at 23:30 to 07:00 the next local day', () => {
    // 2026-12-01 23:30 Shanghai = 15:30Z; 2026-12-02 07:00 Shanghai = 2026-12-01 23:00Z.
    const d = decideQuiet(new Date('2026-12-01T15:30:00Z'), 'Asia/Shanghai', night, 'defer');
    expect(d.action).toBe('defer');
    expect(d.action === 'defer' && d.movedTo.toISOString()).toBe('2026-12-01T23:00:00.000Z');
  });

  it('defers a post at 02:00 to 07:00 the same local day', () => {
    // 2026-12-02 02:00 Shanghai = 2026-12-01 18:00Z; 07:00 = 23:00Z.
    const d = decideQuiet(new Date('2026-12-01T18:00:00Z'), 'Asia/Shanghai', night, 'defer');
    expect(d.action === 'defer' && d.movedTo.toISOString()).toBe('2026-12-01T23:00:00.000Z');
  });

  it('skips when the policy says so', () => {
    expect(decideQuiet(new Date('2026-12-01T15:30:00Z'), 'Asia/Shanghai', night, 'skip')).toEqual({ action: 'skip', window: night[0] });
  });

  it('follows chained windows to the last end', () => {
    const windows = [
      { start: '21:00', end: '22:00' },
      { start: '22:00', end: '07:30' },
    ];
    // 2026-07-01 21:15 Berlin (UTC+2) = 19:15Z → 2026-07-02 07:30 Berlin = 05:30Z.
    const d = decideQuiet(new Date('2026-07-01T19:15:00Z'), 'Europe/Berlin', windows, 'defer');
    expect(d.action === 'defer' && d.movedTo.toISOString()).toBe('2026-07-02T05:30:00.000Z');
  });

  it('uses the offset of the day the window ends, across a DST change', () => {
    // 2026-03-28 23:30 Berlin (UTC+1) = 22:30Z; the window ends 2026-03-29 07:00 Berlin, now UTC+2 = 05:00Z.
    const d = decideQuiet(new Date('2026-03-28T22:30:00Z'), 'Europe/Berlin', night, 'defer');
    expect(d.action === 'defer' && d.movedTo.toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('skips when the windows cover the whole day', () => {
    const always = [
      { start: '00:00', end: '12:00' },
      { start: '12:00', end: '00:00' },
    ];
    expect(decideQuiet(new Date('2026-12-01T04:00:00Z'), 'UTC', always, 'defer').action).toBe('skip');
  });
});
