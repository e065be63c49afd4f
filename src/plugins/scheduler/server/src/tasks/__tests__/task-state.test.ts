import type { DeliveryStatus } from '../../constants';
import { decideMark, isOnTime, isPastCutoff, localDue, taskStatus, type TaskAction } from '../task-state';

const MIN = 60_000;
const tol = { onTimeMs: 10 * MIN, cutoffMs: 6 * 60 * MIN };
// Due 08:00 in Shanghai = 00:00 UTC.
const due = new Date('2026-12-02T00:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('taskStatus', () => {
  it.each<[DeliveryStatus, string, string]>([
    ['planned', '2026-12-01T23:59:59.999Z', 'planned'],
    ['planned', '2026-12-02T00:00:00.000Z', 'waiting'],
    ['planned', '2026-12-02T05:00:00.000Z', 'waiting'],
    ['sent', '2026-12-02T00:05:00.000Z', 'done'],
    ['skipped', '2026-12-01T12:00:00.000Z', 'skipped'],
    ['missed', '2026-12-02T07:00:00.000Z', 'missed'],
    ['cancelled', '2026-12-01T12:00:00.000Z', 'cancelled'],
  ])('%s at %s → %s', (status, now, expected) => {
    expect(taskStatus({ status, dueAt: due }, at(now))).toBe(expected);
  });
});

describe('on time and cut-off', () => {
  it.each<[string, boolean]>([
    ['2026-12-01T23:40:00.000Z', true], // 20 min early
    ['2026-12-02T00:00:00.000Z', true],
    ['2026-12-02T00:10:00.000Z', true], // exactly the tolerance
    ['2026-12-02T00:10:00.001Z', false],
    ['2026-12-02T03:00:00.000Z', false],
  ])('done at %s: onTime %s', (doneAt, expected) => {
    expect(isOnTime(due, at(doneAt), tol.onTimeMs)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['2026-12-02T05:59:59.999Z', false],
    ['2026-12-02T06:00:00.000Z', true],
    ['2026-12-03T00:00:00.000Z', true],
  ])('at %s past the 6 h cut-off: %s', (now, expected) => {
    expect(isPastCutoff(due, at(now), tol.cutoffMs)).toBe(expected);
  });
});

describe('decideMark', () => {
  const done: TaskAction = { kind: 'done', by: 'ann@example.com' };
  const skip: TaskAction = { kind: 'skip', by: null, reason: 'group muted today' };
  const row = (status: DeliveryStatus) => ({ status, dueAt: due, timezone: 'Asia/Shanghai' });

  it.each<[string, DeliveryStatus, TaskAction, string, string]>([
    ['done while waiting, on time', 'planned', done, '2026-12-02T00:04:00.000Z', 'apply'],
    ['done 29 min early', 'planned', done, '2026-12-01T23:31:00.000Z', 'apply'],
    ['done 31 min early', 'planned', done, '2026-12-01T23:29:00.000Z', 'conflict'],
    ['done again', 'sent', done, '2026-12-02T00:30:00.000Z', 'same'],
    ['skip after done', 'sent', skip, '2026-12-02T00:30:00.000Z', 'conflict'],
    ['skip again', 'skipped', skip, '2026-12-02T00:30:00.000Z', 'same'],
    ['done after skip', 'skipped', done, '2026-12-02T00:30:00.000Z', 'conflict'],
    ['done after missed', 'missed', done, '2026-12-02T07:00:00.000Z', 'conflict'],
    ['skip after missed', 'missed', skip, '2026-12-02T07:00:00.000Z', 'conflict'],
    ['done past the cut-off, before the loop marked it', 'planned', done, '2026-12-02T06:00:00.000Z', 'conflict'],
    ['done just before the cut-off', 'planned', done, '2026-12-02T05:59:00.000Z', 'apply'],
    ['done when cancelled', 'cancelled', done, '2026-12-02T00:00:00.000Z', 'conflict'],
  ])('%s', (_name, status, action, now, expected) => {
    expect(decideMark(row(status), action, at(now), tol).kind).toBe(expected);
  });

  it('done on time records who, when, on time', () => {
    expect(decideMark(row('planned'), done, at('2026-12-02T00:04:00.000Z'), tol)).toEqual({
      kind: 'apply',
      patch: { status: 'sent', sentAt: at('2026-12-02T00:04:00.000Z'), onTime: true, doneBy: 'ann@example.com' },
    });
  });

  it('done late is not on time', () => {
    expect(decideMark(row('planned'), done, at('2026-12-02T02:00:00.000Z'), tol)).toEqual({
      kind: 'apply',
      patch: { status: 'sent', sentAt: at('2026-12-02T02:00:00.000Z'), onTime: false, doneBy: 'ann@example.com' },
    });
  });

  it('skip keeps the reason', () => {
    expect(decideMark(row('planned'), skip, at('2026-12-02T00:01:00.000Z'), tol)).toEqual({
      kind: 'apply',
      patch: { status: 'skipped', doneBy: null, reason: 'skipped: group muted today' },
    });
  });

  it('too early names the due time and the first allowed time in the group zone', () => {
    const d = decideMark(row('planned'), done, at('2026-12-01T20:00:00.000Z'), tol);
    expect(d).toEqual({
      kind: 'conflict',
      message:
        'the task is not yet due (due 2026-12-02 08:00 Asia/Shanghai); it can be marked done from 2026-12-02 07:30, 30 minutes before',
    });
  });
});

describe('localDue', () => {
  it.each<[string, string, string, string]>([
    // 00:00 UTC: 08:00 the same day in Shanghai (UTC+8), 19:00 the day before in New York (EST, UTC−5).
    ['2026-12-02T00:00:00.000Z', 'Asia/Shanghai', '2026-12-02', '08:00'],
    ['2026-12-02T00:00:00.000Z', 'America/New_York', '2026-12-01', '19:00'],
    // 16:30 UTC: 00:30 the next day in Shanghai.
    ['2026-12-01T16:30:00.000Z', 'Asia/Shanghai', '2026-12-02', '00:30'],
    // Summer in New York (EDT, UTC−4): 12:00 UTC is 08:00.
    ['2026-07-01T12:00:00.000Z', 'America/New_York', '2026-07-01', '08:00'],
    // New York's spring-forward day 2026-03-08: 07:30 UTC is 03:30 EDT (02:30 does not exist).
    ['2026-03-08T07:30:00.000Z', 'America/New_York', '2026-03-08', '03:30'],
    ['2026-12-02T00:00:00.000Z', 'Not/AZone', '2026-12-02', '00:00'],
  ])('%s in %s → %s %s', (utc, zone, date, time) => {
    expect(localDue(new Date(utc), zone)).toEqual({ localDate: date, localTime: time });
  });
});
