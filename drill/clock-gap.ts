/**
 * A server started with a 3-hour gap since the last run: an instance plans and runs, is
 * stopped, and the next one starts with its clock 3 hours on (SCHEDULER_CLOCK_OFFSET_MS, a
 * drill-only setting). Three schedules every 15 minutes, one per catchUp policy, must come
 * out exactly as the policy says. The expected occurrences are computed here from the
 * times alone (every 15 minutes from the first), not by the app's recurrence engine.
 */
import { Cluster } from '../tests/helpers/cluster';
import { makeWorld, row, sleep, waitFor, type DrillResult } from './lib/world';

const MIN = 60_000;
const GAP_MS = 3 * 60 * MIN;
const GRACE_MS = 300_000;

export async function clockGapDrill(pgUrl: string, log: (s: string) => void): Promise<DrillResult> {
  const w = await makeWorld({ pgUrl, groups: 3, prefix: 'gap' });
  try {
    // First occurrence 7 minutes after the next full minute: well away from the gap's edges.
    const firstMark = Math.ceil(Date.now() / MIN) * MIN + 7 * MIN;
    const policies = ['skip', 'latest', 'all'] as const;
    for (const [i, catchUp] of policies.entries()) {
      await w.docs('plugin::scheduler.schedule').create({
        data: {
          name: `gap ${catchUp}`,
          rule: 'FREQ=MINUTELY;INTERVAL=15',
          timezone: 'UTC',
          startsAt: new Date(firstMark).toISOString(),
          source: 'text',
          text: `catchUp ${catchUp}`,
          groups: [w.groups[i].documentId],
          catchUp,
          graceSeconds: GRACE_MS / 1000,
        },
      });
    }
    await w.cluster.start(1);
    const s = w.setup.strapi.plugin('scheduler').service('delivery-store');
    const planned = async () => Number((await s.knex()(s.table()).count({ n: '*' }).first()).n);
    await waitFor('the first instance to plan the horizon', async () => (await planned()) >= 3 * 190, 60_000, log);
    await sleep(2000);
    // A clean stop: its last heartbeat is the last moment a scheduler ran.
    await w.cluster.stopAll('SIGTERM');
    const stoppedAt = Date.now();
    log(`clock gap: first instance stopped; the next starts 3 h later by its clock`);
    const later = new Cluster({
      SCHEDULER_CLOCK_OFFSET_MS: String(GAP_MS),
      DATABASE_POOL_MAX: '10',
      SCHEDULER_PLANNER_INTERVAL_MS: '1000',
      SCHEDULER_DISPATCH_INTERVAL_MS: '250',
      WORKER_LOG_LEVEL: 'error',
    });
    await later.start(1);
    const restartedAt = Date.now() + GAP_MS; // the new instance's "now"
    await sleep(8000);
    await later.stopAll();

    // Occurrences every 15 min from firstMark that fell in the gap and are now past grace.
    const late: string[] = [];
    for (let t = firstMark; t < restartedAt - GRACE_MS; t += 15 * MIN) if (t > stoppedAt) late.push(new Date(t).toISOString());
    const expectSent: Record<string, string[]> = { skip: [], latest: late.slice(-1), all: late };
    const rows: DrillResult['rows'] = [];
    let ok = late.length === 12;
    for (const [i, policy] of policies.entries()) {
      const arrived = w.receiver.arrivals
        .filter((a) => a.group === w.groups[i].slug)
        .map((a) => a.scheduledFor)
        .sort();
      const statuses = await s
        .knex()(s.table())
        .select(s.col('scheduledFor'), s.col('status'))
        .where(s.col('groupSlug'), w.groups[i].slug)
        .whereIn(
          s.col('scheduledFor'),
          late.map((x) => new Date(x))
        );
      const skipped = statuses.filter((r: any) => r[s.col('status')] === 'skipped').length;
      const good = JSON.stringify(arrived) === JSON.stringify(expectSent[policy]) && skipped === late.length - expectSent[policy].length;
      ok &&= good;
      rows.push(
        row(
          `catchUp=${policy} after a 3 h gap`,
          late.length,
          `${arrived.length} sent (expected ${expectSent[policy].length}${policy === 'latest' ? `: ${expectSent.latest[0]?.slice(11, 16)}` : ''}), ${skipped} skipped`,
          good
        )
      );
    }
    return { name: 'clock gap', ok, rows };
  } finally {
    await w.close();
  }
}
