/**
 * The floor, in its own process like an instance: a bare loop of signed POSTs (Standard
 * Webhooks signing as the dispatcher does it, the same body, Node fetch) at a fixed
 * concurrency against the same receiver. Driven over IPC by bench/dispatch/floor.ts.
 */
import { webhookHeaders } from '../../src/plugins/scheduler/server/src/platforms/standard-webhooks';
import { groupName, groupSlug, renderPost, webhookBody, type RenderedPost } from '../lib/payload';

let receiverUrl = '';
let secret = '';
let contents: RenderedPost[] = [];

async function run(prefix: string, from: number, to: number, groups: number, concurrency: number, scheduledFor: string) {
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < to) {
        const i = next++;
        const g = i % groups;
        const id = `${prefix}${i}`;
        const body = webhookBody(id, { slug: groupSlug(g), name: groupName(g) }, scheduledFor, contents[g]);
        const res = await fetch(`${receiverUrl}/hook/${groupSlug(g)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...webhookHeaders(secret, id, body) },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.text();
      }
    })
  );
}

process.on('message', async (msg: any) => {
  if (msg.type === 'prepare') {
    receiverUrl = msg.receiverUrl;
    secret = msg.secret;
    contents = Array.from({ length: msg.groups }, (_, g) => renderPost(groupName(g)));
    process.send!({ type: 'ready' });
  } else if (msg.type === 'go') {
    try {
      await run(msg.prefix, msg.from, msg.to, msg.groups, msg.concurrency, msg.scheduledFor);
      process.send!({ type: 'done' });
    } catch (err) {
      process.send!({ type: 'error', message: (err as Error).stack });
    }
  } else if (msg.type === 'exit') process.exit(0);
});
