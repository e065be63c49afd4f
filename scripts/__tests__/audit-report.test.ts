/**
 * .ci/audit-report.js, the judge of CI's audit stage, over hand-written `npm audit --json`
 * reports: a critical advisory fails, anything less is printed and passes, and an advisory
 * service that could not be asked is said out loud without failing.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const script = path.resolve(__dirname, '../../.ci/audit-report.js');

function judge(report: unknown) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-')), 'report.json');
  fs.writeFileSync(file, JSON.stringify(report));
  const run = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout + run.stderr };
}

const advisory = (severity: string) => ({
  severity,
  range: '<1.2.3',
  via: [{ title: `a ${severity} problem`, url: 'https://github.com/advisories/GHSA-test' }],
});

it('a critical advisory fails and is named', () => {
  const { code, out } = judge({
    metadata: { vulnerabilities: { critical: 1, high: 0 } },
    vulnerabilities: { 'left-pad': advisory('critical') },
  });
  expect(code).toBe(1);
  expect(out).toContain('1 critical');
  expect(out).toContain('left-pad <1.2.3 a critical problem (https://github.com/advisories/GHSA-test)');
});

it('high and lower advisories are printed and pass', () => {
  const { code, out } = judge({
    metadata: { vulnerabilities: { critical: 0, high: 2, moderate: 1 } },
    vulnerabilities: { qs: advisory('high') },
  });
  expect(code).toBe(0);
  expect(out).toContain('0 critical, 2 high, 1 moderate');
  expect(out).toContain('high     qs');
});

it('an unreachable advisory service is reported as not checked, not as clean', () => {
  const { code, out } = judge({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk' });
  expect(code).toBe(0);
  expect(out).toContain('dependencies NOT checked this run');
  expect(out).not.toContain('0 critical');
});
