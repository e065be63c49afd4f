/**
 * The post every part sends, and the webhook body our dispatcher makes of it, so the bare
 * loop and the cron-tick side send the same bytes (same shape, same size) as ours.
 */
import { renderAll } from '../../src/plugins/scheduler/server/src/rendering';

/** A realistic short SOP post (about 500 bytes of markdown): a greeting, a bold line, a list, a link. */
export const POST_TEXT = [
  'Good morning, **{{group.name}}**!',
  '',
  "**Today's task:** write down three things you did for your habit yesterday and post them here before 21:00.",
  '',
  '- Keep it short: one line each',
  '- Reply to two classmates with a tip',
  '- Check in with the emoji of the day',
  '',
  'Tonight at 20:00 the live class covers *keeping streaks through a busy week*. Link: [live room](https://example.com/live/room-42)',
].join('\n');

export const POST_TITLE = 'bench';

export interface RenderedPost {
  markdown: string;
  text: string;
  html: string;
}

/** What compose renders for a `text` post to a webhook group (markdown, text, html). */
export function renderPost(groupName: string): RenderedPost {
  const r = renderAll(POST_TEXT, {
    values: { 'group.name': groupName },
    fallbacks: { 'member.nickname': 'friend' },
    formats: ['markdown', 'text', 'html'],
  });
  return { markdown: r.markdown.body, text: r.text.body, html: r.html.body };
}

/** The webhook platform's body (src/plugins/scheduler/server/src/platforms/webhook.ts). */
export function webhookBody(
  id: string,
  group: { slug: string; name: string },
  scheduledFor: string,
  content: RenderedPost,
  title = POST_TITLE
): string {
  return JSON.stringify({
    type: 'post.scheduled',
    id,
    group: { slug: group.slug, name: group.name },
    scheduledFor,
    source: 'text',
    content: { title, markdown: content.markdown, text: content.text, html: content.html },
  });
}

export const groupSlug = (i: number) => `bench-${i}`;
export const groupName = (i: number) => `Bench group ${i}`;
