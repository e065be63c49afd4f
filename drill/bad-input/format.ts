/** Text for the report: printable excerpts, an example failure, status counts, row-count differences. */
import type { Outcome } from './send';

export const printable = (s: string, n: number) => JSON.stringify(s.length > n ? `${s.slice(0, n)}…` : s).slice(1, -1);
export const example = (o: Outcome) =>
  `${o.req.method} ${printable(o.req.path, 100)} → ${o.status === 0 ? 'ERR' : o.status} ${printable(o.text, 200)} [${o.problem}]`;
export const counts = (xs: Outcome[]) => {
  const byStatus = new Map<number, number>();
  for (const o of xs) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  return [...byStatus.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s === 0 ? 'ERR' : s}×${n}`)
    .join(' ');
};

export function diffCounts(before: Record<string, number>, after: Record<string, number>): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const t of [...tables].sort()) {
    const d = (after[t] ?? 0) - (before[t] ?? 0);
    if (d !== 0 || !(t in before) || !(t in after)) out.push(`${t} ${d > 0 ? '+' : ''}${d}`);
  }
  return out;
}
