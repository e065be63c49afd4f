/**
 * npm run bench:render
 *
 * Renders of the seeded reports (7 days × morning/evening × en/zh-Hans, composed exactly
 * as the scheduler composes them) per second, for each format, side by side in one run
 * with plain `marked.parse` on the same markdown (the floor this work adds to).
 * Goal: every format within 3× of plain marked.parse.
 */
import { marked } from 'marked';
import { render, type RenditionFormat } from '../src/plugins/scheduler/server/src/rendering';
import { reportMarkdown } from '../src/plugins/scheduler/server/src/composing/markdown';
import { morningReport, eveningReport, type LocaleCode } from '../src/seed/content';

const inputs: string[] = [];
for (let offset = -1; offset <= 5; offset++) {
  for (const locale of ['en', 'zh-Hans'] as LocaleCode[]) {
    const date = `2026-12-0${offset + 2}`;
    inputs.push(reportMarkdown(morningReport(locale, date, offset)), reportMarkdown(eveningReport(locale, date, offset)));
  }
}
const values = { 'group.name': '21天习惯营·上海12期', date: '2026年12月1日星期二' };
const ROUNDS = 400;

function perSecond(fn: (md: string) => unknown): number {
  for (let i = 0; i < 50; i++) for (const md of inputs) fn(md); // warm-up
  const t = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) for (const md of inputs) fn(md);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  return (ROUNDS * inputs.length) / seconds;
}

const floor = perSecond((md) => marked.parse(md));
const formats: RenditionFormat[] = ['html', 'text', 'wecom', 'telegram', 'slack', 'markdown'];
const rows = formats.map((format) => {
  const rate = perSecond((md) => render(md, format, { values }));
  return { format, rate, ratio: floor / rate };
});

console.log(`inputs: ${inputs.length} seeded reports, ${ROUNDS} rounds each\n`);
console.log('format            renders/s   slowdown vs marked.parse');
console.log(`marked.parse      ${floor.toFixed(0).padStart(9)}   1.00x (floor)`);
for (const r of rows) console.log(`${r.format.padEnd(16)}  ${r.rate.toFixed(0).padStart(9)}   ${r.ratio.toFixed(2)}x`);
const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
console.log(`\nrender: slowest format ${worst.format} at ${worst.ratio.toFixed(2)}x of plain marked.parse (goal ≤ 3x)`);
