#!/usr/bin/env node
/**
 * `npm test`: unit tests under three host time zones (the code must never depend on
 * the machine's zone), then the API tests (each file boots a real Strapi on its own
 * temporary SQLite database). Prints one closing line: "tests: N passed, N failed".
 *
 * `--only unit`, `--only api` (SQLite, then PostgreSQL when TEST_DATABASE_URL is set),
 * `--only api-sqlite`, `--only api-postgres`, or a comma list: run those parts only (CI runs
 * each as a stage of its own); the default is all of them. Each invocation still ends with
 * its own "tests: N passed, N failed" line.
 *
 * Other arguments go to every jest run (e.g. `npm test -- -t seed`).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const outDir = path.join(root, '.tmp', 'test-results');
fs.mkdirSync(outDir, { recursive: true });

// This script's own flags are taken out first; everything else goes to jest.
const PARTS = ['unit', 'api-sqlite', 'api-postgres'];
const ALIASES = {
  all: PARTS,
  unit: ['unit'],
  api: ['api-sqlite', 'api-postgres'],
  'api-sqlite': ['api-sqlite'],
  'api-postgres': ['api-postgres'],
};
const extra = [];
let only = null;
let askedForPostgres = false;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--') {
    extra.push(...argv.slice(i));
    break;
  }
  if (arg !== '--only' && !arg.startsWith('--only=')) {
    extra.push(arg);
    continue;
  }
  const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
  const names = String(value ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !ALIASES[n]);
  if (!names.length || unknown.length) {
    process.stderr.write(`run-tests: --only takes ${Object.keys(ALIASES).join(', ')} (comma-separated); got "${value ?? ''}"\n`);
    process.exit(2);
  }
  if (names.includes('api-postgres')) askedForPostgres = true;
  only = new Set([...(only ?? []), ...names.flatMap((n) => ALIASES[n])]);
}
const wanted = only ?? new Set(PARTS);
if (askedForPostgres && !process.env.TEST_DATABASE_URL) {
  process.stderr.write('run-tests: --only api-postgres needs TEST_DATABASE_URL=postgres://… (CI starts one with .ci/postgres.sh)\n');
  process.exit(2);
}

const runs = [
  { part: 'unit', name: 'unit (TZ=UTC)', tz: 'UTC', args: ['--selectProjects', 'unit'] },
  { part: 'unit', name: 'unit (TZ=Asia/Shanghai)', tz: 'Asia/Shanghai', args: ['--selectProjects', 'unit'] },
  { part: 'unit', name: 'unit (TZ=America/New_York)', tz: 'America/New_York', args: ['--selectProjects', 'unit'] },
  {
    part: 'api-sqlite',
    name: 'api on SQLite (TZ=Asia/Shanghai)',
    tz: 'Asia/Shanghai',
    args: ['--selectProjects', 'api', '--runInBand'],
    env: { TEST_DATABASE_URL: '' },
  },
];
// Production mode: the API tests again on a real PostgreSQL when one is given (CI starts one).
if (process.env.TEST_DATABASE_URL) {
  runs.push({
    part: 'api-postgres',
    name: 'api on PostgreSQL (TZ=America/New_York)',
    tz: 'America/New_York',
    // Separate processes sharing one SQLite file are a SQLite-only scenario.
    // pg's pool keeps a socket open after the last Strapi is destroyed; the results are in.
    args: ['--selectProjects', 'api', '--runInBand', '--forceExit'],
    patterns: [
      'tests/(content-model|schedules|renditions|delivery|receiver-outage|bad-input|seed|admin-api|leader|cluster|access|destinations|credentials|retention|tasks|notices|task-feed|readiness|publications|content-missing|china-calendar|discord|dingtalk|feishu|calendar-entries|history-scale|today)\\.test',
    ],
    env: {},
  });
}

let passed = 0;
let failed = 0;
let broken = false;
for (const run of runs.filter((r) => wanted.has(r.part))) {
  process.stdout.write(`\n=== ${run.name} ===\n`);
  const outputFile = path.join(outDir, `${run.name.replace(/[^a-z0-9]+/gi, '-')}.json`);
  fs.rmSync(outputFile, { force: true });
  const patterns = run.patterns ? ['--', ...run.patterns] : [];
  const result = spawnSync(process.execPath, [jest, ...run.args, '--json', `--outputFile=${outputFile}`, ...extra, ...patterns], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: run.tz, ...run.env },
  });
  if (fs.existsSync(outputFile)) {
    const report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numRuntimeErrorTestSuites > 0) broken = true;
  } else {
    broken = true;
  }
  if (result.status !== 0) broken = true;
}

process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(broken || failed > 0 ? 1 : 0);
