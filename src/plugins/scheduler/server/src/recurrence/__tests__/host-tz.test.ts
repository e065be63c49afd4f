/**
 * Results must not depend on the machine's time zone. A process cannot reliably change
 * its own TZ, so the same digest of engine results (fingerprint.ts) is computed here and in
 * child processes started with other TZ values; all must be equal. (The whole suite is also
 * run under TZ=UTC, Asia/Shanghai and America/New_York by `npm test`.)
 */
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { fingerprint } from './fingerprint';

const root = join(__dirname, '../../../../../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const script = join(__dirname, 'fingerprint.ts');

(existsSync(tsx) ? describe : describe.skip)('the same results under any host time zone', () => {
  const here = fingerprint();

  it.each(['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Chatham', 'Asia/Kolkata'])(
    'TZ=%s',
    (tz) => {
      const child = JSON.parse(
        execFileSync(tsx, [script], { cwd: root, env: { ...process.env, TZ: tz }, encoding: 'utf8', timeout: 60_000 })
      );
      expect(child.tz).toBe(tz);
      // The child really runs in that zone (its July offset is that zone's), yet computes the same.
      const july = { UTC: 0, 'Asia/Shanghai': -480, 'America/New_York': 240, 'Pacific/Chatham': -765, 'Asia/Kolkata': -330 }[tz];
      expect(child.offset).toBe(july);
      expect(child.lines).toBe(here.lines);
      expect(child.digest).toBe(here.digest);
    },
    60_000
  );
});
