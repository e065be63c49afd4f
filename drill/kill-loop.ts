/**
 * SIGKILL one instance every few seconds while three deliver a burst of posts (the planner's
 * holder included, so planning fails over too), restarting each at once. Nothing may be
 * lost; a post may arrive twice only if it was in flight when its sender was killed, and
 * then always with the same webhook-id.
 */
import { makeWorld, row, sleep, tally, waitFor, type DrillResult } from './lib/world';
import { envNumber, profile } from './lib/profile';

export async function killLoopDrill(pgUrl: string, log: (s: string) => void): Promise<DrillResult> {
  // Full: 100 groups, 10 schedules due at each of 2 minutes, a kill every 4 s, at least 10 kills.
  const { groups: GROUPS, bursts: BURSTS, perBurst: PER_BURST, burstEveryMs: BURST_EVERY_MS, leadMs, minKills } = profile.kill;
  const KILL_EVERY_MS = envNumber('DRILL_KILL_EVERY_MS', profile.kill.killEveryMs);
  const w = await makeWorld({ pgUrl, groups: GROUPS, prefix: 'kill' });
  try {
    // Slower answers keep more posts in flight at each kill.
    w.receiver.latency(20);
    const first = profile.firstDue(leadMs);
    await w.burst(first, BURSTS, PER_BURST, BURST_EVERY_MS);
    await w.cluster.start(3);
    log(
      `kill loop: 3 instances, ${w.expected.length} posts due from ${new Date(first).toISOString()}; one SIGKILL every ${KILL_EVERY_MS / 1000} s`
    );
    const kills: { at: number; owner: string }[] = [];
    const lastDue = first + (BURSTS - 1) * BURST_EVERY_MS;
    let victim = 0;
    let plannerKills = 0;
    // Kill from 10 s before the first post until the last minute's posts are out.
    await sleep(Math.max(0, first - 10_000 - Date.now()));
    while (Date.now() < lastDue + 30_000 && w.receiver.arrivals.length < w.expected.length) {
      const target = w.cluster.instances[victim];
      if (target) {
        const lease = await w.setup.strapi.plugin('scheduler').service('leases').holder('planner');
        if (lease?.current && lease.owner === target.owner) plannerKills += 1;
        kills.push({ at: Date.now(), owner: target.owner });
        await w.cluster.kill(victim);
        // Restart in the background: it boots while the others go on.
        void w.cluster.restart(victim).catch((err) => log(`restart failed: ${err.message}`));
      }
      victim = (victim + 1) % 3;
      await sleep(KILL_EVERY_MS);
    }
    const all = await waitFor(
      'every post to arrive',
      () => new Set(w.receiver.arrivals.map((a) => a.id)).size >= w.expected.length,
      180_000,
      log
    );
    await sleep(5000);
    const t = tally(w.expected, w.receiver.arrivals);
    // A duplicate is explained when its first copy arrived shortly before a kill (the sender
    // died before it recorded the outcome) and the second after that kill.
    const explained = t.duplicates.filter((copies) => {
      const [firstCopy, second] = [...copies].sort((a, b) => a.at - b.at);
      return kills.some((k) => firstCopy.at <= k.at && k.at - firstCopy.at <= 5000 && second.at >= k.at);
    });
    const counts = await w.statusCounts();
    return {
      name: 'kill loop',
      ok: all && t.lost.length === 0 && t.twoIds.length === 0 && explained.length === t.duplicates.length && t.unexpected === 0,
      rows: [
        row(
          'SIGKILL one of 3 instances, restart it at once',
          kills.length,
          `${kills.length} kills, ${plannerKills} of them of the planner's holder`,
          kills.length >= minKills && plannerKills >= 1
        ),
        row(
          'posts due',
          w.expected.length,
          `${t.distinct} arrived, ${t.lost.length} lost; rows ${JSON.stringify(counts)}`,
          t.lost.length === 0 && all
        ),
        row(
          'duplicates',
          w.expected.length,
          `${t.duplicates.length} posts arrived twice, ${explained.length} of them sent just before a kill of their sender and again after`,
          explained.length === t.duplicates.length
        ),
        row(
          'one webhook-id per post',
          w.expected.length,
          `${t.twoIds.length} posts with two ids, ${t.unexpected} unexpected posts`,
          t.twoIds.length === 0 && t.unexpected === 0
        ),
      ],
    };
  } finally {
    await w.close();
  }
}
