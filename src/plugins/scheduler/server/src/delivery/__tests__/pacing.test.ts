/**
 * The pacing windows (delivery/pacing.ts), against the rule written out: at most perMinute
 * sends in any 60 s and at most perSecond in any 1.2 s (a second and a margin for the time a
 * request takes to leave). The simulations below send as early as the rule allows and then
 * count every window independently of the module, with the platform's own 1 s.
 */
import { paceWait } from '../pacing';

/** Sends `count` posts that are all due at `start`, each as soon as paceWait allows; their times. */
function sendAllAsap(count: number, limit: { perMinute: number; perSecond?: number }, start = 0): number[] {
  const sent: number[] = [];
  let now = start;
  while (sent.length < count) {
    const wait = paceWait(sent, now, limit);
    if (wait === 0) sent.push(now);
    else now += wait;
  }
  return sent;
}

/** The most sends in any window of `ms` (a window [t, t + ms) starting at each send). */
const maxIn = (times: number[], ms: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));

describe('paceWait', () => {
  it('no earlier sends: go now', () => {
    expect(paceWait([], 1000, { perMinute: 100, perSecond: 5 })).toBe(0);
  });

  it('the minute only (no perSecond): 100 may go in the same instant, the 101st waits for the first to leave the minute', () => {
    const t0 = 1_000_000;
    const hundred = Array(100).fill(t0);
    expect(paceWait(hundred.slice(0, 99), t0, { perMinute: 100 })).toBe(0);
    expect(paceWait(hundred, t0 + 10, { perMinute: 100 })).toBe(60_000 - 10);
  });

  it('with perSecond 5: the sixth waits until the first of the five is 1.2 s old', () => {
    const t0 = 1_000_000;
    const five = [t0, t0 + 100, t0 + 200, t0 + 300, t0 + 400];
    expect(paceWait(five.slice(0, 4), t0 + 450, { perMinute: 100, perSecond: 5 })).toBe(0);
    expect(paceWait(five, t0 + 450, { perMinute: 100, perSecond: 5 })).toBe(750);
    expect(paceWait(five, t0 + 1000, { perMinute: 100, perSecond: 5 })).toBe(200);
    // A send exactly 1.2 s after the first no longer counts it: (now - 1.2 s, now].
    expect(paceWait(five, t0 + 1200, { perMinute: 100, perSecond: 5 })).toBe(0);
  });

  it('the longer wait wins when both windows are full', () => {
    const t0 = 1_000_000;
    // Both full: the minute frees a place in 500 ms, the second in 700 ms.
    const both = [...Array(95).fill(t0), t0 + 59_000, t0 + 59_100, t0 + 59_200, t0 + 59_300, t0 + 59_400];
    expect(paceWait(both, t0 + 59_500, { perMinute: 100, perSecond: 5 })).toBe(700);
    // Only the minute full: its 500 ms.
    const minute = [...Array(96).fill(t0), t0 + 58_000, t0 + 58_100, t0 + 58_200, t0 + 58_300];
    expect(paceWait(minute, t0 + 59_500, { perMinute: 100, perSecond: 5 })).toBe(500);
  });

  it('250 posts due at once at 100/min and 5/s: never more than 5 in any second nor 100 in any minute, none later than needed', () => {
    const times = sendAllAsap(250, { perMinute: 100, perSecond: 5 });
    expect(times).toHaveLength(250);
    expect(maxIn(times, 1000)).toBe(5);
    expect(maxIn(times, 60_000)).toBe(100);
    // Five every 1.2 s: the 100th at 19 × 1.2 s; the 101st when the first five are a minute
    // old (60 s), the 201st at 120 s, and the 250th 9 × 1.2 s later.
    expect(times[99]).toBe(22_800);
    expect(times[100]).toBe(60_000);
    expect(times[200]).toBe(120_000);
    expect(times[249]).toBe(130_800);
  });

  it('without perSecond the same queue is one burst of 100 (what the second window prevents)', () => {
    const times = sendAllAsap(150, { perMinute: 100 });
    expect(maxIn(times, 1000)).toBe(100);
    expect(maxIn(times, 60_000)).toBe(100);
  });

  it('sends at an uneven pace (a dispatcher tick every 130 ms): both windows hold', () => {
    const limit = { perMinute: 100, perSecond: 5 };
    const sent: number[] = [];
    for (let now = 0; now < 300_000; now += 130) {
      // Up to 3 posts tried per tick.
      for (let k = 0; k < 3; k++) if (paceWait(sent, now, limit) === 0) sent.push(now);
    }
    expect(maxIn(sent, 1000)).toBeLessThanOrEqual(5);
    expect(maxIn(sent, 60_000)).toBeLessThanOrEqual(100);
    expect(sent.length).toBeGreaterThan(400);
  });
});
