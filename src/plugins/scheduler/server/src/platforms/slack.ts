/**
 * Slack incoming webhooks: `POST <webhook URL>` with `{ text, mrkdwn: true }`; the URL is
 * the credential (kept as the sealed secret, or in endpoint). Texts up to 40,000
 * characters; about one message per second per webhook (429 with Retry-After beyond).
 * Pages followed: api.slack.com/messaging/webhooks, api.slack.com/reference/surfaces/formatting
 * and api.slack.com/apis/rate-limits.
 */
import { plainOutcome } from '../delivery/outcome';
import { httpUrlProblem, JSON_HEADERS, need, type Platform } from './types';

export const SLACK_LIMIT = { unit: 'chars', max: 40000 } as const;

export const slack: Platform = {
  id: 'slack',
  labels: { en: 'Slack', 'zh-Hans': 'Slack' },
  delivery: 'sent-by-us',
  fields: {
    endpoint: { en: 'incoming webhook URL (or keep it in the secret)', 'zh-Hans': 'Incoming Webhook 地址（或填在密钥中）' },
    secret: { en: 'incoming webhook URL', 'zh-Hans': 'Incoming Webhook 地址' },
  },
  settings: {},
  rateLimit: { perMinute: 60, env: 'SCHEDULER_PACING_SLACK', shared: true },
  receiver: 'platform',
  renditions: () => [{ format: 'slack', limit: SLACK_LIMIT }],
  previews: [{ id: 'slack', labels: { en: 'Slack', 'zh-Hans': 'Slack' }, format: 'slack', limit: SLACK_LIMIT }],
  requests(post) {
    const url = need(post.group.secret || post.group.endpoint, 'incoming webhook URL', post.group.slug);
    return (post.renditions.slack?.parts ?? []).map((text) => ({
      url,
      headers: JSON_HEADERS,
      body: JSON.stringify({ text, mrkdwn: true }),
    }));
  },
  outcome: (answer, now) => plainOutcome(answer, now),
  // The webhook URL's path is the credential: only the host is kept.
  redactUrl: (url) => url.replace(/^(https?:\/\/[^/?#]+).*$/i, '$1/***'),
  validate({ endpoint, secret }) {
    const endpointProblem = endpoint ? httpUrlProblem(endpoint) : null;
    if (endpointProblem) return { field: 'endpoint', message: `endpoint (the incoming webhook URL) ${endpointProblem}` };
    // The secret's value is never echoed: it is the credential.
    if (secret && httpUrlProblem(secret))
      return { field: 'secret', message: 'secret (the incoming webhook URL) must be an http:// or https:// URL' };
    return null;
  },
  demoSecret: () => null,
};
