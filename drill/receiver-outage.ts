/**
 * The receiver refuses connections for ten minutes while posts keep falling due (one a
 * minute per group), then comes back: every post arrives after it, in order per group,
 * soon after the receiver is back (a group's later posts waited behind its first failing
 * one; the first success releases all the others). Meanwhile a group whose receiver
 * answers 410 Gone gets its endpoint disabled, and health says so.
 */
import { bySecond, makeWorld, row, sleep, tally, waitFor, type DrillResult } from './lib/world';
import { envNumber, profile } from './lib/profile';

export async function receiverOutageDrill(pgUrl: string, log: (s: string) => void): Promise<DrillResult> {
  // Full: a 10-minute outage, 60 groups, posts for 4 minutes more than the outage lasts.
  const OUTAGE_MS = envNumber('DRILL_OUTAGE_MINUTES', profile.outage.minutes) * 60_000;
  const GROUPS = profile.outage.groups;
  const MINUTES = profile.outage.postMinutes(Math.round(OUTAGE_MS / 60_000));
  const w = await makeWorld({ pgUrl, groups: GROUPS, prefix: 'outage', http: true });
  try {
    const gone = await w.docs('api::group.group').create({
      data: {
        name: 'outage gone',
        slug: 'outage-gone',
        platform: 'webhook',
        endpoint: `${w.receiver.url}/gone/outage-gone`,
        secret: w.secret,
        timezone: 'UTC',
        locale: 'en',
        stage: 'growth',
      },
    });
    w.receiver.gone('/gone/');
    const first = profile.firstDue(profile.outage.leadMs);
    // One post a minute per group, from the first minute on.
    await w.burst(first, MINUTES, 1);
    await w.docs('plugin::scheduler.schedule').create({
      data: {
        name: 'gone',
        rule: `FREQ=MINUTELY;INTERVAL=5${bySecond(first)}`,
        timezone: 'UTC',
        startsAt: new Date(first).toISOString(),
        source: 'text',
        text: 'to a receiver that is gone',
        groups: [gone.documentId],
      },
    });
    const token = await w.token();
    await w.cluster.start(3);
    const downAt = first + 30_000;
    log(
      `receiver outage: ${w.expected.length} posts, one a minute per group for ${MINUTES} min from ${new Date(first).toISOString()}; receiver down from +30 s for ${OUTAGE_MS / 60_000} min`
    );
    await sleep(Math.max(0, downAt - Date.now()));
    await w.receiver.mode('refuse');
    const refusedFrom = Date.now();
    while (Date.now() < refusedFrom + OUTAGE_MS) {
      await sleep(Math.min(60_000, refusedFrom + OUTAGE_MS - Date.now()));
      log(
        `receiver down for ${((Date.now() - refusedFrom) / 60_000).toFixed(1)} of ${OUTAGE_MS / 60_000} min; ${w.receiver.arrivals.length} posts arrived so far`
      );
    }
    await w.receiver.mode('ok');
    const backAt = Date.now();
    log('receiver back');
    const all = await waitFor(
      'every post to arrive',
      () => new Set(w.receiver.arrivals.map((a) => a.id)).size >= w.expected.length,
      Math.max(12 * 60_000, first + MINUTES * 60_000 + 6 * 60_000 - Date.now()),
      log
    );
    await sleep(3000);

    const t = tally(w.expected, w.receiver.arrivals);
    // In order per group: a group's posts (first copy of each) arrive in scheduled order.
    const firstCopies = w.receiver.arrivals.filter((a, i, xs) => xs.findIndex((b) => b.id === a.id) === i);
    const outOfOrder = w.groups.filter((g) => {
      const seq = firstCopies.filter((a) => a.group === g.slug).map((a) => a.scheduledFor);
      return seq.some((k, i) => i > 0 && k < seq[i - 1]);
    });
    // Posts that fell due during the outage arrived after it, and soon: the first success
    // releases everything waiting on the receiver (the 5-minute retry step at most, +20%).
    const dueDuring = w.expected.filter((p) => Date.parse(p.scheduledFor) >= refusedFrom && Date.parse(p.scheduledFor) < backAt).length;
    const lastHeld = Math.max(...firstCopies.filter((a) => Date.parse(a.scheduledFor) < backAt).map((a) => a.at));
    const recoverySeconds = (lastHeld - backAt) / 1000;

    const health = await fetch(`${w.cluster.live()[0].url}/api/scheduler/health`, { headers: { Authorization: `Bearer ${token}` } }).then(
      (r) => r.json() as any
    );
    const disabled = (health.data?.disabledEndpoints ?? []).map((d: any) => d.group);
    const goneRequests = w.receiver.goneHits();
    return {
      name: 'receiver outage',
      ok:
        all &&
        t.lost.length === 0 &&
        t.duplicates.length === 0 &&
        outOfOrder.length === 0 &&
        recoverySeconds <= 360 &&
        disabled.includes('outage-gone'),
      rows: [
        row(
          `receiver refuses connections for ${OUTAGE_MS / 60_000} min`,
          dueDuring,
          `${dueDuring} posts fell due while it was down; every held post arrived within ${recoverySeconds.toFixed(0)} s of its return`,
          recoverySeconds <= 360
        ),
        row(
          'posts due',
          w.expected.length,
          `${t.distinct} arrived, ${t.lost.length} lost, ${t.duplicates.length} twice`,
          all && t.lost.length === 0 && t.duplicates.length === 0
        ),
        row('order per group', GROUPS, `${outOfOrder.length} groups got posts out of order`, outOfOrder.length === 0),
        row(
          '410 Gone disables the endpoint',
          1,
          `health.disabledEndpoints = ${JSON.stringify(disabled)}; ${goneRequests} requests reached the gone endpoint`,
          disabled.includes('outage-gone') && goneRequests === 1
        ),
      ],
    };
  } finally {
    await w.close();
  }
}
