/**
 * PostgreSQL stopped and started while three instances deliver a burst: the instances stay
 * up, reconnect on their own, and deliver every post (a post may arrive twice, always with
 * the same webhook-id, if its outcome could not be recorded while the database was away).
 */
import type { TempPostgres } from './lib/postgres';
import { makeWorld, row, sleep, tally, waitFor, type DrillResult } from './lib/world';
import { envNumber, profile } from './lib/profile';

export async function dbRestartDrill(pg: TempPostgres, log: (s: string) => void): Promise<DrillResult> {
  // Full: 100 groups, 10 schedules due at each of 2 minutes, PostgreSQL down for 15 s.
  const { groups, bursts, perBurst, leadMs } = profile.db;
  const DOWN_MS = envNumber('DRILL_DB_DOWN_MS', profile.db.downMs);
  // Production's lease (60 s): a restart shorter than it costs no duplicate.
  const w = await makeWorld({ pgUrl: pg.url, groups, prefix: 'dbre', env: { SCHEDULER_LEASE_SECONDS: '60' } });
  let down = false;
  try {
    // A slow receiver keeps the burst in flight when the database goes away.
    w.receiver.latency(100);
    const first = profile.firstDue(leadMs);
    await w.burst(first, bursts, perBurst);
    await w.cluster.start(3);
    log(
      `database restart: 3 instances, ${w.expected.length} posts due from ${new Date(first).toISOString()}; PostgreSQL down for ${DOWN_MS / 1000} s from 2 s after the first`
    );
    await sleep(Math.max(0, first + 2_000 - Date.now()));
    const before = w.receiver.arrivals.length;
    const stoppedAt = Date.now();
    pg.stop();
    down = true;
    log(`PostgreSQL stopped (${before} of ${w.expected.length} posts had arrived)`);
    await sleep(DOWN_MS);
    pg.start();
    down = false;
    const startedAt = Date.now();
    const whileDown = w.receiver.arrivals.filter((a) => a.at > stoppedAt && a.at < startedAt).length;
    log(`PostgreSQL started again after ${((startedAt - stoppedAt) / 1000).toFixed(1)} s`);
    const all = await waitFor(
      'every post to arrive',
      () => new Set(w.receiver.arrivals.map((a) => a.id)).size >= w.expected.length,
      240_000,
      log
    );
    await sleep(5000);
    const firstAfter = w.receiver.arrivals.find((a) => a.at >= startedAt);
    const t = tally(w.expected, w.receiver.arrivals);
    const alive = w.cluster.live().length;
    const counts = await w.statusCounts();
    return {
      name: 'database restart',
      ok: all && alive === 3 && t.lost.length === 0 && t.twoIds.length === 0 && t.unexpected === 0,
      rows: [
        row(
          `PostgreSQL stopped for ${DOWN_MS / 1000} s mid-run`,
          1,
          `${alive} of 3 instances still running; first post after the restart ${firstAfter ? `${((firstAfter.at - startedAt) / 1000).toFixed(1)} s later` : 'never'}; ${whileDown} posts arrived while it was down`,
          alive === 3 && Boolean(firstAfter)
        ),
        row(
          'posts due',
          w.expected.length,
          `${t.distinct} arrived, ${t.lost.length} lost; rows ${JSON.stringify(counts)}`,
          all && t.lost.length === 0
        ),
        row(
          'duplicates (same webhook-id)',
          w.expected.length,
          `${t.duplicates.length} posts arrived twice; ${t.twoIds.length} posts with two ids`,
          t.twoIds.length === 0 && t.unexpected === 0
        ),
      ],
    };
  } finally {
    if (down) pg.start();
    await w.close();
  }
}
