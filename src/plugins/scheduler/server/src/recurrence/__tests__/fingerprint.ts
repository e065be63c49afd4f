/**
 * A digest of many engine results (helper for host-tz.test.ts; not a test itself). Run as a
 * script it writes the digest to stdout, so a child process with another TZ can be compared.
 */
import { createHash } from 'crypto';
import { parseRecurrence, preview, resolveStep } from '..';

export function fingerprint(): { digest: string; lines: number } {
  const out: string[] = [];
  const zones = [
    'America/New_York',
    'Europe/Berlin',
    'Australia/Sydney',
    'Asia/Shanghai',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/Sao_Paulo',
    'UTC',
  ];
  const rules = [
    'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
    'FREQ=DAILY;BYHOUR=2;BYMINUTE=30',
    'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=30',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;BYHOUR=18;BYMINUTE=0',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=HOURLY;INTERVAL=5;BYDAY=SA,SU',
  ];
  for (const zone of zones) {
    for (const rule of rules) {
      // Offset-less strings everywhere: the inputs a host zone would most easily corrupt.
      const r = parseRecurrence({ rule, timezone: zone, dtstart: '2018-03-01T00:00:00', exceptions: ['2026-12-25'] });
      out.push(...r.list({ from: '2026-03-01', count: 40 }).map((o) => `${o.utc} ${o.local}`));
      out.push(...r.between('2026-10-20T00:00', '2026-11-10T00:00').map((o) => o.local));
      out.push(r.next('2026-04-05T02:30')?.local ?? 'null', JSON.stringify(r.describe()));
    }
  }
  out.push(
    JSON.stringify(preview({ rule: 'DTSTART;TZID=America/New_York:19970902T090000\nRRULE:FREQ=DAILY;UNTIL=19971224T000000Z', count: 200 }))
  );
  out.push(
    ...resolveStep({ cohortStart: '2026-10-30', day: -1, time: '08:00', timezone: 'Europe/Berlin', rule: 'FREQ=DAILY', windowDays: 3 })
      .list({ count: 10 })
      .map((o) => o.local)
  );
  return { digest: createHash('sha256').update(out.join('\n')).digest('hex'), lines: out.length };
}

if (require.main === module)
  process.stdout.write(
    JSON.stringify({ tz: process.env.TZ, offset: new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset(), ...fingerprint() })
  );
