/**
 * npm run bench:render   (npx tsx bench/render.ts)
 *
 * Renders per second of each rendition format on a week of realistic morning and
 * evening reports in English and Chinese (src/plugins/scheduler/server/src/rendering/
 * __tests__/fixtures/reports.ts), placeholders filled, side by side in one run with
 * plain `marked.parse` on the same markdown: the floor this work builds on.
 * Goal: every format within 3x of plain marked.parse (at least 1/3 of its throughput).
 *
 * Then one report sent to 500 groups with different group names (platform limits): a
 * renderAll per group vs one prepareTemplate and a fillTemplate per group (what compose
 * does), for every format and for a webhook's html + text + markdown.
 */
import { marked } from 'marked';
import {
  fillTemplate,
  prepareTemplate,
  render,
  renderAll,
  RENDITION_FORMATS,
  type RenditionFormat,
} from '../src/plugins/scheduler/server/src/rendering';
import { defaultLimits } from '../src/plugins/scheduler/server/src/platforms/registry';
import { REPORTS, VALUES } from '../src/plugins/scheduler/server/src/rendering/__tests__/fixtures/reports';

const GOAL = 3;
const WARMUP_MS = 300;
const MEASURE_MS = 1500;
const ROUNDS = 3;

const inputs = REPORTS.map((r) => ({ markdown: r.markdown, values: VALUES[r.lang] }));
type Input = (typeof inputs)[number];

/** Renders per second: warm up, then the best of a few timed runs of whole passes over the inputs. */
function perSecond(fn: (input: Input) => unknown, passInputs: Input[] = inputs): number {
  let sink = 0;
  const pass = () => {
    for (const input of passInputs) sink += (fn(input) as any) ? 1 : 0;
  };
  const warmUntil = process.hrtime.bigint() + BigInt(WARMUP_MS * 1e6);
  while (process.hrtime.bigint() < warmUntil) pass();
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let renders = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(MEASURE_MS * 1e6);
    let now = start;
    while (now < end) {
      pass();
      renders += passInputs.length;
      now = process.hrtime.bigint();
    }
    best = Math.max(best, renders / (Number(now - start) / 1e9));
  }
  if (sink < 0) console.log(sink); // keep the work observable
  return best;
}

const chars = inputs.reduce((n, i) => n + i.markdown.length, 0);
console.log(
  `inputs: ${inputs.length} reports (${REPORTS.filter((r) => r.lang === 'en').length} en, ${REPORTS.filter((r) => r.lang === 'zh').length} zh), ${Math.round(chars / inputs.length)} characters on average`
);
console.log(`timing: ${WARMUP_MS} ms warm-up, best of ${ROUNDS} × ${MEASURE_MS} ms, process.hrtime.bigint()\n`);

const floor = perSecond((i) => marked.parse(i.markdown));
const rows: { name: string; rate: number; slowdown: number; goal: boolean }[] = RENDITION_FORMATS.map((format: RenditionFormat) => {
  const rate = perSecond((i) => render(i.markdown, format, { values: i.values }));
  return { name: format, rate, slowdown: floor / rate, goal: true };
});
const allRate = perSecond((i) => renderAll(i.markdown, { values: i.values }));
rows.push({ name: 'renderAll (6)', rate: allRate, slowdown: floor / allRate, goal: false });

const line = (a: string, b: string, c: string, d: string) =>
  console.log(`${a.padEnd(16)}${b.padStart(12)}${c.padStart(14)}${d.padStart(12)}`);
line('format', 'renders/s', 'vs marked', 'goal ≤3x');
line('marked.parse', floor.toFixed(0), '1.00x', 'floor');
for (const r of rows)
  line(r.name, r.rate.toFixed(0), `${r.slowdown.toFixed(2)}x`, r.goal ? (r.slowdown <= GOAL ? 'ok' : 'MISSED') : '(info)');

const measured = rows.filter((r) => r.goal);
const worst = measured.reduce((a, b) => (b.slowdown > a.slowdown ? b : a));
const missed = measured.filter((r) => r.slowdown > GOAL);
console.log(
  `\nrender: ${missed.length === 0 ? 'all' : `${measured.length - missed.length}/${measured.length}`} formats within ${GOAL}x of plain marked.parse; slowest ${worst.name} at ${worst.slowdown.toFixed(2)}x (${worst.rate.toFixed(0)} renders/s vs ${floor.toFixed(0)})`
);
if (missed.length) process.exitCode = 1;

// One report, 500 groups: render per group vs render once and fill per group.
const GROUPS = 500;
const report = REPORTS.find((r) => r.lang === 'en')!;
const limits = defaultLimits();
const groups = Array.from({ length: GROUPS }, (_, i) => ({ ...VALUES.en, 'group.name': `Habit Camp ${i + 1}` }));
console.log(`\none report (${report.name}, ${report.markdown.length} characters) to ${GROUPS} groups, a different group name each:`);
line('formats', 'renderAll/s', 'template/s', 'speed-up');
for (const [name, formats] of [
  ['all 8', RENDITION_FORMATS],
  ['html+text+md', ['html', 'text', 'markdown'] as RenditionFormat[]],
] as const) {
  // A "render" is one group's renditions; the template is prepared once per burst of 500.
  const perGroup =
    perSecond(() => groups.map((values) => renderAll(report.markdown, { values, limits, formats })).length, [inputs[0]]) * GROUPS;
  const filled =
    perSecond(() => {
      const t = prepareTemplate(report.markdown, { limits, formats });
      return groups.map((values) => fillTemplate(t, values)).length;
    }, [inputs[0]]) * GROUPS;
  line(name, perGroup.toFixed(0), filled.toFixed(0), `${(filled / perGroup).toFixed(1)}x`);
}
