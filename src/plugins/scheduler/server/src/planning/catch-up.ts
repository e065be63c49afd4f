/**
 * What happens to posts whose time passed while nobody could send them (the scheduler was
 * down, or the post was planned only after its time). Pure.
 *
 * A row is late when it is more than its grace past due. Late rows follow their schedule's
 * `catchUp`, per origin (schedule or playbook step, and group):
 *  - skip:   every late row is skipped;
 *  - latest: only the newest is sent, and none when a newer row of the same origin is
 *            still within its grace (it goes out anyway);
 *  - all:    all are sent, at most ALL_CAP per origin (the newest).
 * Rows within their grace are left alone: they are simply sent now.
 */
export const DEFAULT_GRACE_SECONDS = 300;
export const ALL_CAP = 20;

export interface CatchUpRow {
  id: number;
  dueAt: Date;
  graceSeconds: number | null;
  catchUp: string | null;
  /** Rows of one origin and group share this key. */
  origin: string;
}

export type CatchUpDecision =
  { id: number; action: 'send' } | { id: number; action: 'skip'; why: 'skip' | 'newer' | 'cap'; reason: string };

const REASONS = {
  skip: 'missed (catchUp=skip)',
  newer: 'missed: a later occurrence is sent instead (catchUp=latest)',
  cap: `missed: more than ${ALL_CAP} missed occurrences (catchUp=all cap)`,
} as const;

/** Decisions for the late rows among `rows` (rows within their grace get none). */
export function decideCatchUp(rows: CatchUpRow[], now: Date): CatchUpDecision[] {
  const byOrigin = new Map<string, CatchUpRow[]>();
  for (const r of rows) byOrigin.set(r.origin, [...(byOrigin.get(r.origin) ?? []), r]);
  const out: CatchUpDecision[] = [];
  const isLate = (r: CatchUpRow) => now.getTime() - r.dueAt.getTime() > (r.graceSeconds ?? DEFAULT_GRACE_SECONDS) * 1000;
  const skip = (r: CatchUpRow, why: 'skip' | 'newer' | 'cap'): CatchUpDecision => ({ id: r.id, action: 'skip', why, reason: REASONS[why] });
  for (const group of byOrigin.values()) {
    const newestFirst = [...group].sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime() || b.id - a.id);
    const newerOnTime = !isLate(newestFirst[0]);
    let kept = 0;
    for (const r of newestFirst) {
      if (!isLate(r)) continue;
      const policy = r.catchUp ?? 'skip';
      if (policy === 'latest') {
        if (newerOnTime || kept > 0) out.push(skip(r, 'newer'));
        else {
          kept += 1;
          out.push({ id: r.id, action: 'send' });
        }
      } else if (policy === 'all') {
        if (kept >= ALL_CAP) out.push(skip(r, 'cap'));
        else {
          kept += 1;
          out.push({ id: r.id, action: 'send' });
        }
      } else out.push(skip(r, 'skip'));
    }
  }
  return out;
}
