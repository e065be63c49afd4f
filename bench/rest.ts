/**
 * Part: the REST reads other apps make, with autocannon, against one instance of ours
 * (web-only: SCHEDULER_WORKER=false; the demo content; SQLite) and a stock Strapi app
 * (bench/rest/stock-app.ts) holding the same daily-report rows, each in its own process.
 * - /api/daily-reports?filters[date][$eq]=…&filters[edition][$eq]=morning&locale=zh-Hans&populate=items
 *   ours vs stock, read-only API token on both: req/s and p99 (goal: ours ≥ 90% of stock).
 * - /api/groups/:slug/today (full-access token) vs /api/groups?filters[slug][$eq]=… on our
 *   own app (the stock core find of the same collection), for reference.
 * Rounds alternate between the two sides of a pair; the best round (req/s) of each counts.
 */
import fs from 'fs';
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { DateTime } from 'luxon';
import { createApiToken, startStrapi } from '../tests/helpers/strapi';
import { freePort, startInstance } from '../tests/helpers/cluster';
import { main, partInput } from './lib/part';
import { progress } from './lib/progress';
import { writeStockApp } from './rest/stock-app';

const autocannon = require('autocannon');

export interface RestInput {
  connections: number;
  seconds: number;
  rounds: number;
}

export interface Measured {
  label: string;
  path: string;
  rps: number[];
  p99: number[];
  best: { rps: number; p50: number; p99: number };
  errors: number;
}

export interface RestResult {
  connections: number;
  seconds: number;
  reports: { ours: Measured; stock: Measured };
  today: { ours: Measured; baseline: Measured };
  sameBody: boolean;
  /** /today (from the planner's rows) answered the same as the day recomputed from the rules. */
  sameDay: boolean;
}

const REPORT = 'api::daily-report.daily-report';

async function cannon(url: string, token: string, seconds: number, connections: number, label: string) {
  const bar = progress(label, seconds, 's');
  const started = Date.now();
  const timer = setInterval(() => bar.update(Math.min(seconds, Math.round((Date.now() - started) / 1000))), 1000);
  try {
    const r = await autocannon({ url, connections, duration: seconds, headers: { authorization: `Bearer ${token}` } });
    bar.update(seconds);
    bar.end(`${r.requests.average.toFixed(0)} req/s, p99 ${r.latency.p99} ms`);
    return {
      rps: r.requests.average as number,
      p50: r.latency.p50 as number,
      p99: r.latency.p99 as number,
      errors: (r.non2xx as number) + (r.errors as number) + (r.timeouts as number),
    };
  } finally {
    clearInterval(timer);
  }
}

/** Alternating rounds of two targets (after a short warm-up of each); the best round of each. */
async function pair(
  input: RestInput,
  a: { label: string; base: string; path: string; token: string },
  b: { label: string; base: string; path: string; token: string }
) {
  const out = [a, b].map((t) => ({
    label: t.label,
    path: t.path,
    rps: [] as number[],
    p99: [] as number[],
    rounds: [] as { rps: number; p50: number; p99: number }[],
    errors: 0,
  }));
  for (const [i, t] of [a, b].entries())
    out[i].errors += (
      await cannon(`${t.base}${t.path}`, t.token, Math.min(3, input.seconds), input.connections, `warm-up ${t.label}`)
    ).errors;
  for (let round = 0; round < input.rounds; round++) {
    for (const [i, t] of (round % 2 ? [b, a] : [a, b]).entries()) {
      const k = round % 2 ? 1 - i : i;
      const r = await cannon(
        `${t.base}${t.path}`,
        t.token,
        input.seconds,
        input.connections,
        `round ${round + 1}/${input.rounds} ${t.label}`
      );
      out[k].rps.push(r.rps);
      out[k].p99.push(r.p99);
      out[k].rounds.push(r);
      out[k].errors += r.errors;
    }
  }
  return out.map(({ rounds, ...m }) => ({ ...m, best: rounds.reduce((x, y) => (y.rps > x.rps ? y : x)) })) as [Measured, Measured];
}

function startStock(dir: string, env: Record<string, string>): Promise<{ child: ChildProcess; token: string }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'rest', 'stock-process.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      const m = /READY (\S+)/.exec(String(d));
      if (m) resolve({ child, token: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`stock app exited (${code}) before it was ready`)));
  });
}

const get = async (url: string, token: string): Promise<any> => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
};

async function run(): Promise<RestResult> {
  const input = partInput<RestInput>();
  console.log(`\n▶ REST: autocannon, ${input.connections} connections, ${input.rounds} alternating rounds × ${input.seconds} s per side`);
  delete process.env.TEST_DATABASE_URL;
  const setup = await startStrapi();
  const strapi = setup.strapi;
  const stockDir = writeStockApp();
  let ours: Awaited<ReturnType<typeof startInstance>> | null = null;
  let stock: ChildProcess | null = null;
  try {
    const { seedDemo } = require(path.join(strapi.dirs.dist.src, 'seed', 'seed'));
    await seedDemo(strapi);
    const readToken = await createApiToken(strapi, 'read-only');
    const fullToken = await createApiToken(strapi, 'full-access');

    // The same rows for the stock app: every published report, per locale.
    const reports = new Map<string, Record<string, unknown>>();
    for (const locale of ['en', 'zh-Hans']) {
      for (const r of await (strapi.documents(REPORT) as any).findMany({
        locale,
        status: 'published',
        populate: { items: true },
        limit: 10_000,
      })) {
        const data = {
          date: r.date,
          edition: r.edition,
          title: r.title,
          greeting: r.greeting,
          task: r.task,
          closing: r.closing,
          items: (r.items ?? []).map((i: any) => ({ title: i.title, summary: i.summary, link: i.link })),
        };
        reports.set(r.documentId, { ...(reports.get(r.documentId) ?? {}), [locale]: data });
      }
    }
    const seedFile = path.join(stockDir, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify([...reports.values()]));
    const date = (
      await (strapi.documents(REPORT) as any).findFirst({
        locale: 'zh-Hans',
        status: 'published',
        filters: { edition: 'morning' },
        sort: 'date:desc',
      })
    ).date;
    const group = await strapi.db.query('api::group.group').findOne({ select: ['slug', 'timezone'], orderBy: { id: 'asc' } });
    // The planner's rows, as a worker keeps them: one planning round as of the start of the
    // group's local day, so all of today is in rows (as on a day the planner ran throughout)
    // and /today reads them instead of computing the plan.
    const dayStart = DateTime.now().setZone(group.timezone).startOf('day');
    await strapi.plugin('scheduler').service('planner').planAll({ now: dayStart.toJSDate(), force: true });

    ours = await startInstance(0, { DATABASE_FILENAME: setup.dbFile, SCHEDULER_WORKER: 'false' }, { http: true });
    const port = await freePort();
    const stockDb = path.join(path.dirname(setup.dbFile), 'stock.db');
    const s = await startStock(stockDir, {
      STOCK_APP_DIR: stockDir,
      STOCK_SEED_FILE: seedFile,
      STOCK_DB_FILE: stockDb,
      PORT: String(port),
      NODE_ENV: 'test',
    });
    stock = s.child;
    const stockBase = `http://127.0.0.1:${port}`;

    const reportPath = `/api/daily-reports?filters[date][$eq]=${date}&filters[edition][$eq]=morning&locale=zh-Hans&populate=items`;
    // Both sides answer the same report, with the same items.
    const strip = (body: any) =>
      JSON.stringify(
        body.data.map((d: any) => ({
          date: d.date,
          edition: d.edition,
          title: d.title,
          items: d.items.map((i: any) => [i.title, i.summary, i.link]),
        }))
      );
    const [a, b] = [await get(`${ours.url}${reportPath}`, readToken), await get(`${stockBase}${reportPath}`, s.token)];
    const sameBody = strip(a) === strip(b) && a.data.length === 1;
    console.log(
      `  ${reportPath} → ${a.data.length} report with ${a.data[0]?.items?.length} items on ours; stock ${sameBody ? 'answers the same' : 'DIFFERS'}`
    );

    const [oursReports, stockReports] = await pair(
      input,
      { label: 'ours  daily-reports', base: ours.url!, path: reportPath, token: readToken },
      { label: 'stock daily-reports', base: stockBase, path: reportPath, token: s.token }
    );
    const todayPath = `/api/groups/${group.slug}/today`;
    const served = await get(`${ours.url}${todayPath}`, fullToken);
    const recomputed = await strapi.plugin('scheduler').service('group-plan').recomputedDay(group.slug, served.data.date);
    const sameDay = JSON.stringify(served.data) === JSON.stringify(recomputed);
    console.log(
      `  ${todayPath} → ${served.data.posts.length} posts from the planner's rows; ${sameDay ? 'the same as' : 'DIFFERS from'} the day recomputed from the rules`
    );
    const [oursToday, baseline] = await pair(
      input,
      { label: 'ours  groups/:slug/today', base: ours.url!, path: todayPath, token: fullToken },
      { label: 'ours  groups?filters[slug]', base: ours.url!, path: `/api/groups?filters[slug][$eq]=${group.slug}`, token: fullToken }
    );
    return {
      connections: input.connections,
      seconds: input.seconds,
      reports: { ours: oursReports, stock: stockReports },
      today: { ours: oursToday, baseline },
      sameBody,
      sameDay,
    };
  } finally {
    ours?.child.kill('SIGKILL');
    stock?.kill('SIGKILL');
    await setup.stop();
    fs.rmSync(stockDir, { recursive: true, force: true });
  }
}

main(run);
