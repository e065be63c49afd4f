/**
 * Summarises a V8 .cpuprofile: where the samples fall, by package (node_modules/<pkg>,
 * our dist/src files, node internals) and by function (self time).
 *   npx tsx bench/lib/profile-summary.ts /path/instance-123.cpuprofile [top]
 */
import fs from 'fs';

export function summarise(file: string, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const bucket = (url: string, name: string) => {
    if (!url) return name.startsWith('(') ? name : '(native)';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    if (url.includes('/dist/src/plugins/scheduler/'))
      return 'ours: ' + url.split('/dist/src/plugins/scheduler/server/src/')[1]?.split('/')[0];
    if (url.includes('/dist/')) return 'ours: app';
    if (url.startsWith('node:'))
      return url.split('/')[0].replace(/^node:/, 'node:') + (url.includes('internal/deps/undici') ? ' (undici/fetch)' : '');
    return url;
  };
  const byBucket = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const { url, functionName, lineNumber } = n.callFrame;
    const b = bucket(url, functionName);
    byBucket.set(b, (byBucket.get(b) ?? 0) + us);
    const f = `${functionName || '(anonymous)'} ${url ? url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/') : ''}:${lineNumber + 1}`;
    byFn.set(f, (byFn.get(f) ?? 0) + us);
  }
  const lines = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${(v / 1e6).toFixed(2).padStart(7)} s  ${k}`);
  return { totalSeconds: total / 1e6, byPackage: lines(byBucket), byFunction: lines(byFn) };
}

if (require.main === module) {
  const s = summarise(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(
    `total sampled: ${s.totalSeconds.toFixed(2)} s\n\nby package:\n${s.byPackage.join('\n')}\n\nby function (self):\n${s.byFunction.join('\n')}`
  );
}
