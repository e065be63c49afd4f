import { ALL_CAP, decideCatchUp, type CatchUpRow } from '../catch-up';

const now = new Date('2026-12-01T12:30:00Z');
/** Hourly rows of one origin from 09:00 to `lastHour`:00, each with its id = hour. */
const hourly = (catchUp: string, lastHour = 12, graceSeconds = 300, origin = 's1|7'): CatchUpRow[] =>
  Array.from({ length: lastHour - 8 }, (_, i) => ({
    id: 9 + i,
    dueAt: new Date(Date.UTC(2026, 11, 1, 9 + i)),
    graceSeconds,
    catchUp,
    origin,
  }));
const byId = (ds: ReturnType<typeof decideCatchUp>) =>
  Object.fromEntries(ds.map((d) => [d.id, d.action === 'send' ? 'send' : `skip:${d.why}`]));

describe('decideCatchUp', () => {
  it('skip: every late row is skipped', () => {
    expect(byId(decideCatchUp(hourly('skip'), now))).toEqual({ 9: 'skip:skip', 10: 'skip:skip', 11: 'skip:skip', 12: 'skip:skip' });
  });

  it('latest: only the newest late row is sent', () => {
    expect(byId(decideCatchUp(hourly('latest'), now))).toEqual({ 9: 'skip:newer', 10: 'skip:newer', 11: 'skip:newer', 12: 'send' });
  });

  it('latest: nothing late is sent when a newer row is still within its grace (it goes anyway)', () => {
    // 12:27 is 3 minutes ago, inside a 5-minute grace.
    const rows = [
      ...hourly('latest', 11),
      { id: 99, dueAt: new Date('2026-12-01T12:27:00Z'), graceSeconds: 300, catchUp: 'latest', origin: 's1|7' },
    ];
    expect(byId(decideCatchUp(rows, now))).toEqual({ 9: 'skip:newer', 10: 'skip:newer', 11: 'skip:newer' });
  });

  it('all: every late row is sent, at most the newest ALL_CAP', () => {
    expect(byId(decideCatchUp(hourly('all'), now))).toEqual({ 9: 'send', 10: 'send', 11: 'send', 12: 'send' });
    const many: CatchUpRow[] = Array.from({ length: 25 }, (_, i) => ({
      id: i,
      dueAt: new Date(now.getTime() - (25 - i) * 600_000),
      graceSeconds: 60,
      catchUp: 'all',
      origin: 'x',
    }));
    const ds = decideCatchUp(many, now);
    expect(
      ds
        .filter((d) => d.action === 'send')
        .map((d) => d.id)
        .sort((a, b) => a - b)
    ).toEqual(Array.from({ length: ALL_CAP }, (_, i) => 5 + i));
    expect(
      ds
        .filter((d) => d.action === 'skip')
        .map((d) => d.id)
        .sort((a, b) => a - b)
    ).toEqual([0, 1, 2, 3, 4]);
  });

  it('rows within their grace get no decision; grace is per row (null = 300 s)', () => {
    const rows: CatchUpRow[] = [
      { id: 1, dueAt: new Date('2026-12-01T12:26:00Z'), graceSeconds: 300, catchUp: 'skip', origin: 'a' }, // 4 min late, grace 5: untouched
      { id: 2, dueAt: new Date('2026-12-01T12:26:00Z'), graceSeconds: 120, catchUp: 'skip', origin: 'b' }, // grace 2: skipped
      { id: 3, dueAt: new Date('2026-12-01T12:24:00Z'), graceSeconds: null, catchUp: null, origin: 'c' }, // 6 min, default grace and policy: skipped
      { id: 4, dueAt: new Date('2026-12-01T12:25:00Z'), graceSeconds: null, catchUp: 'skip', origin: 'd' }, // exactly 300 s: not later than grace
    ];
    expect(byId(decideCatchUp(rows, now))).toEqual({ 2: 'skip:skip', 3: 'skip:skip' });
  });

  it('origins are independent: each has its own newest row', () => {
    const rows = [...hourly('latest', 12, 300, 's1|7'), ...hourly('latest', 10, 300, 's1|8').map((r) => ({ ...r, id: r.id + 100 }))];
    expect(byId(decideCatchUp(rows, now))).toEqual({
      9: 'skip:newer',
      10: 'skip:newer',
      11: 'skip:newer',
      12: 'send',
      109: 'skip:newer',
      110: 'send',
    });
  });
});
