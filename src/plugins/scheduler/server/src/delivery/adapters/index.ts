/**
 * Platform adapters: how one post becomes HTTP requests, and what the answers mean.
 * Pure: the dispatcher does the I/O. Base URLs are configurable so tests and demos
 * point at local servers.
 */
import { webhookHeaders } from '../standard-webhooks';
import { plainOutcome, telegramOutcome, wecomOutcome, type HttpAnswer, type Outcome } from '../outcome';

export interface PostForDelivery {
  /** The delivery's idempotency key: `webhook-id`, identical on every retry. */
  id: string;
  scheduledFor: string;
  source: string;
  title: string | null;
  group: { slug: string; name: string; platform: string; endpoint: string | null; secret: string | null };
  markdown: string;
  /** Parts per format, already split to each platform's limit. */
  parts: { text: string[]; wecom: string[]; wecomText: string[]; telegram: string[]; slack: string[] };
  html: string;
  text: string;
}

export interface AdapterOptions {
  wecomBaseUrl: string; // https://qyapi.weixin.qq.com in production
  telegramBaseUrl: string; // https://api.telegram.org
  wecomMsgtype: 'markdown' | 'text';
  now?: number;
}

export interface HttpRequestSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Adapter {
  requests(post: PostForDelivery, opts: AdapterOptions): HttpRequestSpec[];
  outcome(answer: HttpAnswer): Outcome;
}

const json = { 'content-type': 'application/json' };
const trimSlash = (s: string) => s.replace(/\/+$/, '');

function need(value: string | null, what: string, group: string): string {
  if (!value) throw new AdapterConfigError(`group ${group} has no ${what}`);
  return value;
}

/** A group that can never be delivered to as configured: the row is dead, not retried. */
export class AdapterConfigError extends Error {}

const webhook: Adapter = {
  requests(post, opts) {
    const body = JSON.stringify({
      type: 'post.scheduled',
      id: post.id,
      group: { slug: post.group.slug, name: post.group.name },
      scheduledFor: post.scheduledFor,
      source: post.source,
      content: { title: post.title, markdown: post.markdown, text: post.text, html: post.html },
    });
    const secret = need(post.group.secret, 'webhook signing secret (whsec_...)', post.group.slug);
    return [
      {
        url: need(post.group.endpoint, 'endpoint URL', post.group.slug),
        headers: { ...json, ...webhookHeaders(secret, post.id, body, opts.now) },
        body,
      },
    ];
  },
  outcome: (a) => plainOutcome(a),
};

const wecom: Adapter = {
  requests(post, opts) {
    const key = need(post.group.secret, 'robot key', post.group.slug);
    // The endpoint may override the base (a proxy per group); the key is always the secret.
    const base = trimSlash(post.group.endpoint || opts.wecomBaseUrl);
    const url = `${base}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
    const parts = opts.wecomMsgtype === 'text' ? post.parts.wecomText : post.parts.wecom;
    return parts.map((content) => ({
      url,
      headers: json,
      body: JSON.stringify(
        opts.wecomMsgtype === 'text' ? { msgtype: 'text', text: { content } } : { msgtype: 'markdown', markdown: { content } }
      ),
    }));
  },
  outcome: (a) => wecomOutcome(a),
};

const telegram: Adapter = {
  requests(post, opts) {
    const token = need(post.group.secret, 'bot token', post.group.slug);
    const chatId = need(post.group.endpoint, 'chat id (endpoint)', post.group.slug);
    return post.parts.telegram.map((text) => ({
      url: `${trimSlash(opts.telegramBaseUrl)}/bot${token}/sendMessage`,
      headers: json,
      body: JSON.stringify({ chat_id: chatId, text, parse_mode: 'HTML', disable_web_page_preview: true }),
    }));
  },
  outcome: (a) => telegramOutcome(a),
};

const slack: Adapter = {
  requests(post) {
    // The incoming-webhook URL is the credential: kept as the sealed secret, or in endpoint.
    const url = need(post.group.secret || post.group.endpoint, 'incoming webhook URL', post.group.slug);
    return post.parts.slack.map((text) => ({ url, headers: json, body: JSON.stringify({ text, mrkdwn: true }) }));
  },
  outcome: (a) => plainOutcome(a),
};

export const ADAPTERS: Record<string, Adapter> = { webhook, wecom, telegram, slack };
