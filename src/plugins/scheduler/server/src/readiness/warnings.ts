/**
 * Warnings ahead of time (issue 16): which lead time, if any, a not-ready item's notice is
 * due for now. Pure.
 */
import type { ReadinessLine } from './index';

const HOUR = 3_600_000;

/**
 * The smallest lead (hours) with firstDue − lead ≤ now < firstDue, or null: only the closest
 * warning fires when several apply at once (content that went missing 1 h before its post
 * gets the 2 h warning, not the 24 h one too).
 */
export function leadDue(firstDue: Date, leads: number[], now: Date): number | null {
  const left = firstDue.getTime() - now.getTime();
  if (left <= 0) return null;
  const applying = leads.filter((l) => left <= l * HOUR);
  return applying.length ? Math.min(...applying) : null;
}

/** One item however many groups need it: its line's identity (the same across rounds and instances). */
export function itemKey(line: ReadinessLine): string {
  return [line.source, line.date, line.fallbackFrom ?? line.locale, line.course ?? '', line.day ?? '', line.time ?? ''].join(':');
}

/** The lines to warn about now, with their lead: drafts and missing content whose lead has come. */
export function warningsDue(lines: ReadinessLine[], leads: number[], now: Date): { line: ReadinessLine; lead: number }[] {
  const out: { line: ReadinessLine; lead: number }[] = [];
  for (const line of lines) {
    if (line.state !== 'draft' && line.state !== 'missing') continue;
    const lead = leadDue(new Date(line.firstDue), leads, now);
    if (lead !== null) out.push({ line, lead });
  }
  return out;
}
