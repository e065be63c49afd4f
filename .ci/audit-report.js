#!/usr/bin/env node
// Reads `npm audit --json` output (file given as the argument) for .ci/audit.sh: prints the
// advisories, exits 1 on a critical one, 0 when the advisory service could not be asked.
const fs = require('fs');
const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8') || '{}');
if (!report.metadata) {
  const why = report.message || (report.error && report.error.summary) || 'no report';
  console.log(`npm audit: the advisory service could not be asked (${why}); dependencies NOT checked this run`);
  process.exit(0);
}
const counts = report.metadata.vulnerabilities || {};
console.log(`npm audit --omit=dev: ${['critical', 'high', 'moderate', 'low', 'info'].map((s) => `${counts[s] || 0} ${s}`).join(', ')}`);
for (const [name, v] of Object.entries(report.vulnerabilities || {})) {
  const titles = (v.via || []).filter((x) => typeof x === 'object').map((x) => `${x.title} (${x.url})`);
  console.log(`  ${v.severity.padEnd(8)} ${name} ${v.range || ''} ${titles.join('; ')}`);
}
if ((counts.critical || 0) > 0) {
  console.error('a critical advisory affects a production dependency: update it (npm audit fix) or replace it');
  process.exit(1);
}
