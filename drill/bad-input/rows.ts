/** The report's rows on the answers (per category, round 1, later rounds) and on rows written (none may be). */
import type { BadInputOptions, Category, DrillRow } from './types';
import type { Outcome } from './send';
import { counts, diffCounts, example } from './format';

const CATEGORY_TEXT: Record<Category, string> = {
  'bad-json': 'bad JSON (truncated, trailing commas, binary garbage, too deep)',
  'wrong-content-type': 'wrong or broken content type / encoding',
  'wrong-type': 'wrong types (string for integer, object for string, arrays, null for required)',
  'unknown-field': 'unknown fields (body, components, query)',
  oversized: 'oversized bodies (5 MB JSON, 2 MB field, 900 KB field)',
  rrule: 'invalid RRULE strings',
  zone: 'invalid IANA zones',
  date: 'bad dates, times and date-times',
  enum: 'out-of-range enums',
  range: 'numbers out of range',
  injection: 'injection strings in fields with a format',
  query: 'bad filters, sort, pagination, populate, fields, locale',
  'bad-id': 'malformed ids and slugs in the path',
  method: 'wrong HTTP method',
};

/** One row per category of round 1, then round 1 as a whole, then the later rounds. */
export function answerRows(o: BadInputOptions, rounds: Outcome[][], endpoints: Set<string>): DrillRow[] {
  const rows: DrillRow[] = [];
  const first = rounds[0];
  const categories = [...new Set(first.map((x) => x.req.category))].sort();
  for (const c of categories) {
    const xs = first.filter((x) => x.req.category === c);
    const failed = xs.filter((x) => x.problem);
    rows.push({
      what: `${c}: ${CATEGORY_TEXT[c]}`,
      tried: xs.length,
      found: `${counts(xs)}${failed.length ? `; ${failed.length} failed, e.g. ${failed.slice(0, 3).map(example).join(' | ')}` : ''}`,
      ok: failed.length === 0,
    });
  }
  const failures = first.filter((x) => x.problem);
  const five = failures.filter((x) => x.status >= 500).length;
  const two = failures.filter((x) => x.status >= 200 && x.status < 300).length;
  const net = failures.filter((x) => x.status === 0).length;
  rows.push({
    what: `${o.count} malformed requests (seed ${o.seed}, ${endpoints.size} endpoints, ${categories.length} categories) answer 4xx with a clear message`,
    tried: first.length,
    found: failures.length
      ? `${failures.length} failed (5xx ${five}, 2xx ${two}, network ${net}, other ${failures.length - five - two - net}): ${failures.slice(0, 10).map(example).join(' | ')}`
      : `all ${counts(first)}; no 5xx, no 2xx, every body in Strapi's error shape with a message, validation errors name the field`,
    ok: failures.length === 0,
  });
  const later = rounds
    .slice(1)
    .flat()
    .filter((x) => x.problem);
  rows.push({
    what: `the same requests ${rounds.length - 1} times more answer the same way`,
    tried: rounds.slice(1).flat().length,
    found: later.length ? `${later.length} failed: ${later.slice(0, 10).map(example).join(' | ')}` : 'no failures',
    ok: later.length === 0,
  });
  return rows;
}

/** No table gained or lost a row after round 1 or the last round, and no fixture changed. */
export function noPartialRow(input: {
  before: Record<string, number>;
  after: Record<string, number>[];
  rounds: Outcome[][];
  created: [string, string][];
  fixturesBefore: Record<string, string>;
  fixturesAfter: Record<string, string>;
  moving: string[];
}): DrillRow {
  const { before, after, rounds, created, fixturesBefore, fixturesAfter, moving } = input;
  const d1 = diffCounts(before, after[0]);
  const d3 = diffCounts(before, after[after.length - 1]);
  const changed = [...Object.entries(fixturesBefore)].filter(([k, v]) => fixturesAfter[k] !== v).map(([k]) => k);
  return {
    what: 'no partial row: every table keeps its row count, the fixtures the updates aimed at are unchanged',
    tried: Object.keys(before).length + created.length,
    found:
      d1.length || d3.length || changed.length
        ? [
            d1.length ? `after round 1: ${d1.join(', ')}` : '',
            d3.length ? `after round ${rounds.length}: ${d3.join(', ')}` : '',
            changed.length ? `fixtures changed: ${changed.join(', ')}` : '',
            moving.length ? `(changed while idle too: ${moving.join(', ')})` : '',
          ]
            .filter(Boolean)
            .join('; ')
        : `${Object.keys(before).length} tables unchanged after rounds 1 and ${rounds.length}; ${created.length} fixtures unchanged`,
    ok: d1.length === 0 && d3.length === 0 && changed.length === 0,
  };
}
