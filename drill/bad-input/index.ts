/**
 * Drill: bad input at volume.
 *
 * 1,000 malformed REST requests, generated deterministically from a seed and spread over
 * every writable or parameterised endpoint (core content types, the scheduler plugin, the
 * group and welcome-script actions): bad JSON, wrong types, unknown fields, oversized
 * bodies, invalid RRULEs and zones, bad dates, out-of-range enums, injection strings in
 * fields that have a format, bad query parameters and wrong methods. Each must be a 4xx
 * (400, 404, 405, 413 or 415) in Strapi's error shape with a message; validation errors
 * must name the field. No table may gain or lose a row and the fixtures the requests aim
 * at must be unchanged. The same 1,000 run twice more, and what the server still holds
 * after a full GC (asked with SIGUSR2) may not grow by 10 MB from the warm-up to the last
 * round (memory.ts). RSS is reported beside it; when it grew by 40 MB or more over three
 * rounds, more rounds run until it is back or two major GCs were seen (see the rounds).
 *
 * Separately, injection strings in every free-text field of valid creates must be stored
 * and read back byte for byte; those entries are deleted again.
 */
import type { BadInputContext, BadInputOptions, DrillResult, DrillRow } from './types';
import { buildRequests } from './cases';
import { runAll, type Outcome } from './send';
import { memoryRow, RssSampler, rssMb } from './memory';
import { Api } from './api';
import { createFixtures, deleteAll, snapshot } from './fixtures';
import { freeTextRoundTrip } from './free-text';
import { answerRows, noPartialRow } from './rows';
import { diffCounts } from './format';

export type { BadInputContext, BadInputOptions, DrillResult, DrillRow } from './types';
export { buildRequests } from './cases';
export { judge } from './judge';

const DEFAULTS: BadInputOptions = {
  seed: 20261122,
  count: 1000,
  warmup: 200,
  concurrency: 8,
  timeoutMs: 15_000,
  maxRssGrowthMb: 40,
  extraRounds: 30,
};

export async function badInputDrill(ctx: BadInputContext): Promise<DrillResult> {
  const o = { ...DEFAULTS, ...(ctx.options ?? {}) };
  const log = ctx.log ?? (() => undefined);
  const base = ctx.url.replace(/\/+$/, '');
  const api = new Api(base, ctx.token, o.timeoutMs);
  const rows: DrillRow[] = [];
  const suffix = (Date.now() % 36 ** 6).toString(36);

  const initialCounts = await ctx.rowCounts();
  log(`bad-input: creating fixtures (suffix ${suffix})`);
  const created: [string, string][] = [];
  let cleanup: string[];
  try {
    const { fx } = await createFixtures(api, suffix, created);
    const reqs = buildRequests(o.seed, o.count, fx);
    const warm = buildRequests(o.seed + 1, o.warmup, fx);
    const endpoints = new Set(reqs.map((r) => r.endpoint));

    log(`bad-input: warm-up, ${warm.length} requests`);
    await runAll(base, ctx.token, warm, o.concurrency, o.timeoutMs);
    const rss0 = rssMb(ctx.pid);
    const retained0 = await ctx.retainedMb();
    const fixturesBefore = await snapshot(api, created);
    const before = await ctx.rowCounts();
    const idle = await ctx.rowCounts();
    const moving = diffCounts(before, idle);

    const rounds: Outcome[][] = [];
    const rss: number[] = [];
    const after: Record<string, number>[] = [];
    const sampler = new RssSampler(ctx.pid);
    const round = async (n: number) => {
      const t0 = Date.now();
      sampler.round = n;
      const outcomes = await runAll(base, ctx.token, reqs, o.concurrency, o.timeoutMs);
      rounds.push(outcomes);
      rss.push(rssMb(ctx.pid));
      const bad = outcomes.filter((x) => x.problem).length;
      log(
        `bad-input: round ${n}: ${outcomes.length} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${bad} failed, RSS ${rss[n - 1].toFixed(1)} MB`
      );
    };
    try {
      for (let n = 1; n <= 3; n++) {
        await round(n);
        if (n === 1 || n === 3) after.push(await ctx.rowCounts());
      }
      // V8 frees old garbage in major collections whose timing the load decides: under
      // these requests RSS climbs 15-45 MB a round for 5-15 rounds, then falls by 50-250 MB,
      // and V8 keeps more pages after each (the heap after a forced GC stays flat: +0.6 MB
      // per 3,000 requests in-process). So when three rounds grew too much, more rounds
      // run (at most extraRounds) until RSS is back within the limit of round 1's, or two
      // major GCs have been seen: then the floor after the later one may not be the limit
      // or more above the floor after the first (a leak keeps raising the floor).
      const back = () => sampler.min(4) - rss[0] < o.maxRssGrowthMb;
      if (rss[2] - rss[0] >= o.maxRssGrowthMb) {
        for (let n = 4; n <= 3 + o.extraRounds && !back() && sampler.collections.length < 2; n++) {
          await round(n);
          await sampler.settle();
        }
        after.push(await ctx.rowCounts());
      }
    } finally {
      sampler.stop();
    }
    const retained = await ctx.retainedMb();
    const fixturesAfter = await snapshot(api, created);

    // The answers (per category, round 1, later rounds), no partial row, memory.
    rows.push(...answerRows(o, rounds, endpoints));
    rows.push(noPartialRow({ before, after, rounds, created, fixturesBefore, fixturesAfter, moving }));
    rows.push(memoryRow(o, rss0, rss, sampler, { before: retained0, after: retained }));

    // Free text is kept literally.
    log('bad-input: free-text round trip');
    const trip = await freeTextRoundTrip(api, fx, suffix);
    const tripCleanup = await deleteAll(api, trip.created);
    rows.push({
      what: 'injection strings in every free-text field of valid creates are stored and read back byte for byte (then deleted)',
      tried: trip.compared,
      found:
        trip.problems.length || tripCleanup.length
          ? [...trip.problems, ...tripCleanup].slice(0, 10).join(' | ')
          : `${trip.compared} fields in ${trip.created.length} entries identical; deleted again`,
      ok: trip.problems.length === 0 && tripCleanup.length === 0,
    });
  } finally {
    cleanup = await deleteAll(api, created);
  }
  const finalCounts = await ctx.rowCounts();
  const left = diffCounts(initialCounts, finalCounts);
  rows.push({
    what: 'fixtures and round-trip entries are removed again',
    tried: created.length,
    found:
      cleanup.length || left.length
        ? [...cleanup, left.length ? `row counts differ from before the drill: ${left.join(', ')}` : ''].filter(Boolean).join('; ')
        : 'row counts back to where they were before the drill',
    ok: cleanup.length === 0 && left.length === 0,
  });

  return { name: 'bad input at volume', ok: rows.every((r) => r.ok), rows };
}
