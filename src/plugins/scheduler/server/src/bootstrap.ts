import type { Core } from '@strapi/strapi';
import { ADMIN_ACTIONS, HEARTBEAT_INTERVAL_MS, PLANNER_LEASE, PLUGIN_ID, plannerLeaseMs } from './constants';
import type { SchedulerConfig } from './config';
import { getService } from './utils/get-service';

const timers: NodeJS.Timeout[] = [];
/** The dispatcher's wake-up at the next due post (between its interval rounds). */
let wake: NodeJS.Timeout | null = null;
const RETENTION_CHECK_MS = 60_000;
/** False once stopLoops() ran: a draining dispatcher stops too. */
const loopsRunning = () => timers.length > 0;

/**
 * Starts the planner and dispatcher loops (unless `worker` is off, e.g. in API tests or
 * for web-only processes). Planning runs first, so missed rows follow catchUp before any
 * dispatch; each loop waits for its previous round to finish.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTIONS);

  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  if (!config.worker) return;
  const planner = getService('planner', strapi);
  const dispatcher = getService('dispatcher', strapi);
  const clock = getService('clock', strapi);

  const loop = (name: string, intervalMs: number, fn: () => Promise<unknown>) => {
    let running = false;
    let again = false;
    let failing = 0;
    /** One round; `whenFree` asks for one more right after the round under way instead of none. */
    const run = async (opts: { whenFree?: boolean } = {}) => {
      if (running) {
        if (opts.whenFree) again = true;
        return;
      }
      running = true;
      try {
        await fn();
        if (failing > 0) strapi.log.info(`[scheduler] ${name} rounds work again after ${failing} failed`);
        failing = 0;
      } catch (err) {
        // The first failure, then one line a minute: a database that is away fails every round.
        if (failing % Math.max(1, Math.round(60_000 / intervalMs)) === 0) {
          strapi.log.error(`[scheduler] ${name} round failed${failing ? ` (${failing} in a row)` : ''}: ${(err as Error).message}`);
        }
        failing += 1;
      } finally {
        running = false;
        if (again && loopsRunning()) {
          again = false;
          setImmediate(() => void run());
        }
      }
    };
    timers.push(setInterval(run, intervalMs));
    return run;
  };

  // One planner in the cluster (a lease in the database), every instance dispatches.
  const leader = getService('leases', strapi);
  const plan = loop('planner', config.plannerIntervalMs, async () => {
    if (await leader.acquire(PLANNER_LEASE, plannerLeaseMs(config))) await planner.planAll();
  });
  // A round that claimed a full batch goes again at once: the interval paces an idle
  // dispatcher, it must not cap a busy one.
  const dispatch = loop('dispatcher', config.dispatchIntervalMs, async () => {
    for (let round = 0; round < 100 && loopsRunning(); round++) {
      if ((await dispatcher.tick()) < config.batchSize) break;
    }
    await wakeAtNextDue();
  });
  // Posts go out when they fall due, not at the next interval round after: when the next
  // planned post or retry falls due before that round, a timer wakes the dispatcher then.
  const store = getService('delivery-store', strapi);
  async function wakeAtNextDue() {
    const now = clock.now();
    const next = await store.nextDueAfter(now);
    const delay = next ? next.getTime() - now.getTime() : Infinity;
    if (delay >= config.dispatchIntervalMs || !loopsRunning()) return;
    if (wake) clearTimeout(wake);
    wake = setTimeout(() => {
      wake = null;
      void dispatch({ whenFree: true });
    }, delay);
  }
  // Scheduled publications: every instance claims due ones (each runs once, storage/publications.ts).
  const publisher = getService('publisher', strapi);
  loop('publisher', config.publishIntervalMs, async () => {
    for (let round = 0; round < 20 && loopsRunning(); round++) if ((await publisher.tick()) < 50) break;
  });
  // The heartbeat on its own loop too: a long dispatch round is not downtime.
  const heartbeat = getService('heartbeat', strapi);
  loop('heartbeat', HEARTBEAT_INTERVAL_MS, () => heartbeat.beat(clock.now()));
  // Bounded history: a cheap check a minute; the planner lease holder prunes once an hour.
  const retention = getService('retention', strapi);
  loop('retention', RETENTION_CHECK_MS, () => retention.runIfDue());
  // After the server is up: plan once, then dispatch.
  setImmediate(async () => {
    await plan();
    await dispatch();
  });
  strapi.log.info(`[scheduler] worker ${dispatcher.owner} started (horizon ${config.horizonHours} h)`);
};

/** Stops the loops; true when this process was running them. */
export function stopLoops() {
  const running = loopsRunning();
  while (timers.length) clearInterval(timers.pop());
  if (wake) clearTimeout(wake);
  wake = null;
  return running;
}
