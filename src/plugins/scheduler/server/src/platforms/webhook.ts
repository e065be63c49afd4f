/**
 * Any HTTPS receiver of ours or a customer's: one signed JSON POST per post, carrying the
 * markdown, plain text and HTML (receivers render what they need). Signed per Standard
 * Webhooks (standard-webhooks.ts): the `webhook-id` is the post's key, identical on every
 * retry, so a receiver drops duplicates. Pages followed: https://www.standardwebhooks.com
 * (spec, headers, signature scheme).
 */
import { plainOutcome } from '../delivery/outcome';
import { webhookHeaders } from './standard-webhooks';
import { httpUrlProblem, JSON_HEADERS, need, type Platform } from './types';

export const webhook: Platform = {
  id: 'webhook',
  labels: { en: 'Webhook', 'zh-Hans': 'Webhook' },
  delivery: 'sent-by-us',
  fields: {
    endpoint: { en: 'receiver URL', 'zh-Hans': '接收地址' },
    secret: { en: 'signing secret (whsec_…)', 'zh-Hans': '签名密钥（whsec_…）' },
  },
  settings: {},
  rateLimit: { perMinute: 600, env: 'SCHEDULER_PACING_WEBHOOK', shared: false },
  receiver: 'endpoint-origin',
  renditions: () => [{ format: 'text' }, { format: 'html' }, { format: 'markdown' }],
  previews: [],
  requests(post, { now }) {
    const r = post.renditions;
    // A notice to a team group: its own envelope (docs/delivery.md#team-groups-and-notices), signed the same way.
    const message = post.notice
      ? { type: 'notice', notice: post.notice }
      : {
          type: 'post.scheduled',
          id: post.id,
          group: { slug: post.group.slug, name: post.group.name },
          scheduledFor: post.scheduledFor,
          source: post.source,
          content: { title: post.title, markdown: r.markdown?.body ?? '', text: r.text?.body ?? '', html: r.html?.body ?? '' },
        };
    const body = JSON.stringify(message);
    const secret = need(post.group.secret, 'webhook signing secret (whsec_...)', post.group.slug);
    const url = need(post.group.endpoint, 'endpoint URL', post.group.slug);
    const secrets = post.group.previousSecret ? [secret, post.group.previousSecret] : [secret];
    return [{ url, headers: { ...JSON_HEADERS, ...webhookHeaders(secrets, post.id, body, now) }, body }];
  },
  outcome: (answer, now) => plainOutcome(answer, now),
  // The secret signs and is never sent; a receiver URL may still carry a key of its own.
  redactUrl: (url) => url.replace(/(key=)[^&]+/, '$1***'),
  validate({ endpoint }) {
    const problem = endpoint ? httpUrlProblem(endpoint) : null;
    return problem ? { field: 'endpoint', message: `endpoint ${problem}` } : null;
  },
  demoSecret: (random) => `whsec_${random.toString('base64')}`,
};
