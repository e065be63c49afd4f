/**
 * The common Strapi plugin approach, re-implemented: a cron job every full minute (as
 * strapi.cron '* * * * *' runs it, with croner and its defaults: no overlap protection)
 * selects the due, unpublished items and, one by one, POSTs the signed webhook and then
 * marks the item published. No lease, no lock: every process that ticks sends what it read.
 *
 * knex directly (a real plugin would go through Strapi's document or entity service, which
 * is slower), the same signing, body and HTTP client as ours. Env: BENCH_CRON_DB (JSON knex
 * connection config), BENCH_CRON_SECRET, BENCH_CRON_PATTERN ('* * * * *').
 */
import { Cron } from 'croner';
import { webhookHeaders } from '../../src/plugins/scheduler/server/src/platforms/standard-webhooks';
import { webhookBody } from '../lib/payload';
import { TABLE } from './items';

const knex = require('knex')(JSON.parse(process.env.BENCH_CRON_DB!));
const secret = process.env.BENCH_CRON_SECRET!;

async function tick() {
  const due = await knex(TABLE).whereNull('published_at').where('publish_at', '<=', new Date()).orderBy('publish_at').orderBy('id');
  for (const item of due) {
    try {
      const body = webhookBody(
        item.key,
        { slug: item.group_slug, name: item.group_name },
        new Date(item.publish_at).toISOString(),
        { markdown: item.markdown, text: item.text, html: item.html },
        item.title
      );
      const res = await fetch(item.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...webhookHeaders(secret, item.key, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.text();
      if (res.ok) await knex(TABLE).where('id', item.id).update({ published_at: new Date() });
    } catch (err) {
      process.stderr.write(`cron-tick: ${item.key}: ${(err as Error).message}\n`);
    }
  }
}

knex
  .raw('select 1')
  .then(() => {
    new Cron(process.env.BENCH_CRON_PATTERN ?? '* * * * *', () => {
      tick().catch((err) => process.stderr.write(`cron-tick failed: ${err.message}\n`));
    });
    process.stdout.write('READY\n');
  })
  .catch((err: Error) => {
    process.stderr.write(`cron-tick worker failed to start: ${err.stack}\n`);
    process.exit(1);
  });
