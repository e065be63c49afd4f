/**
 * npm run bench:recurrence
 *
 * (1) Expanding 1,000 schedules for one year (mixed daily/weekly/monthly rules in ten
 *     zones) with our engine vs the `rrule` package's own `tzid` path on the same rules.
 * (2) next-10 for a daily rule whose DTSTART is 20 years back vs one started yesterday.
 * Goals: engine ≥ 5× faster than rrule+tzid; 20-year/yesterday ratio ≤ 2×.
 */
import { RRule, rrulestr } from 'rrule';
import { parseRecurrence } from '../src/plugins/scheduler/server/src/recurrence';

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Europe/London', 'Asia/Tokyo', 'Pacific/Chatham', 'America/Los_Angeles'];
const RULES = [
  'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
  'FREQ=DAILY;BYHOUR=21;BYMINUTE=30',
  'FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=12;BYMINUTE=30',
  'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0',
  'FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=10;BYMINUTE=0',
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=18;BYMINUTE=0',
  'FREQ=DAILY;INTERVAL=2;BYHOUR=19;BYMINUTE=55',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=20;BYMINUTE=0',
];

const FROM = new Date('2027-01-01T00:00:00Z');
const TO = new Date('2027-12-31T23:59:59Z');
const schedules = Array.from({ length: 1000 }, (_, i) => ({ rule: RULES[i % RULES.length], zone: ZONES[(i * 7) % ZONES.length] }));

const ms = (ns: bigint) => Number(ns) / 1e6;

function timeIt(fn: () => number, warmUp = true): { ms: number; count: number } {
  if (warmUp) fn();
  const t = process.hrtime.bigint();
  const count = fn();
  return { ms: ms(process.hrtime.bigint() - t), count };
}

// Ours: parse + expand one year per schedule (the planner's work).
const ours = timeIt(() => {
  let n = 0;
  for (const s of schedules) n += parseRecurrence({ rule: s.rule, timezone: s.zone, dtstart: '2026-01-01T00:00:00' }).between(FROM, TO).length;
  return n;
});

// rrule with tzid, the same rules, the same window.
const theirs = timeIt(() => {
  let n = 0;
  for (const s of schedules) {
    const rule = rrulestr(`DTSTART;TZID=${s.zone}:20260101T000000\nRRULE:${s.rule}`) as RRule;
    n += rule.between(FROM, TO, true).length;
  }
  return n;
}, false); // a minute or more per run: JIT warm-up is noise at that scale

// next-10: 20 years back vs yesterday (same rule and zone), many calls each.
function nextTen(dtstart: string) {
  const r = parseRecurrence({ rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', timezone: 'Europe/Berlin', dtstart });
  const from = new Date('2026-11-22T00:00:00Z');
  return () => {
    let n = 0;
    for (let i = 0; i < 2000; i++) n += r.list({ from, count: 10 }).length;
    return n;
  };
}
const old = timeIt(nextTen('2006-11-22T08:00:00'));
const fresh = timeIt(nextTen('2026-11-21T08:00:00'));

const speedup = theirs.ms / ours.ms;
const historyRatio = old.ms / fresh.ms;
const rows = [
  ['expand 1,000 schedules × 1 year', 'engine (rrule floating + luxon)', ours.ms.toFixed(0) + ' ms', `${ours.count} occurrences`],
  ['', 'rrule with tzid', theirs.ms.toFixed(0) + ' ms', `${theirs.count} occurrences`],
  ['next-10, 2,000 calls', 'DTSTART 20 years back', old.ms.toFixed(0) + ' ms', `${((old.ms * 1000) / 2000).toFixed(1)} µs/call`],
  ['', 'DTSTART yesterday', fresh.ms.toFixed(0) + ' ms', `${((fresh.ms * 1000) / 2000).toFixed(1)} µs/call`],
];
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
console.log(`\nrecurrence: engine ${speedup.toFixed(1)}x faster than rrule tzid (goal ≥ 5x); 20-year/yesterday next-10 ratio ${historyRatio.toFixed(2)}x (goal ≤ 2x)`);
