/**
 * What the product knows about one delivery platform. Each platform is one module in this
 * folder (webhook.ts, wecom.ts, …) and one line in registry.ts; the dispatcher, calendar,
 * editor preview, compose, validation, config and admin ask the registry, never a platform
 * by name.
 */
import type { Limit, Rendition, RenditionFormat } from '../rendering';
import type { HttpAnswer, Outcome } from '../delivery/outcome';
import type { NoticeEnvelope } from '../notices/texts';

/** Texts shown to people, in the admin's languages. */
export interface Labels {
  en: string;
  'zh-Hans': string;
}

/** A rendition a platform's requests carry, split to its limit (none: one part). */
export interface RenditionSpec {
  format: RenditionFormat;
  limit?: Limit;
}

/** One row of the editor's renditions panel: how a group on this platform sees the entry. */
export interface PreviewSpec {
  /** Stable id (the admin's test hooks use it). */
  id: string;
  labels: Labels;
  format: RenditionFormat;
  limit: Limit;
}

/** A platform setting read from the environment (an API base, a message type). */
export interface SettingSpec {
  env: string;
  /** In production. */
  production: string;
  /** Outside production, when it differs: loopback, so made-up demo credentials never reach a real platform. */
  development?: string;
  /** The values allowed (startup fails naming the variable otherwise). */
  oneOf?: readonly string[];
}

/** A platform's settings as configured: setting name → value. */
export type PlatformSettings = Record<string, string>;

/** What the dispatcher hands a platform: one post, rendered as the platform asked. */
export interface PostForDelivery {
  /** The delivery's idempotency key: identical on every retry (receivers deduplicate by it). */
  id: string;
  scheduledFor: string;
  source: string;
  title: string | null;
  /**
   * `previousSecret`: the secret before a rotation, while its grace period lasts (opened;
   * platforms that sign send both signatures, so receivers still on the old one accept).
   * `signingSecret`: the key the platform's requests are signed with beside the credential
   * in `secret` (a DingTalk robot's 加签 secret, a Feishu bot's 签名校验 secret), opened; null:
   * the requests are not signed.
   */
  group: {
    slug: string;
    name: string;
    endpoint: string | null;
    secret: string | null;
    previousSecret?: string | null;
    signingSecret?: string | null;
  };
  markdown: string;
  /** The renditions of `renditions(settings)`, each split to its limit. */
  renditions: Partial<Record<RenditionFormat, Rendition>>;
  /** A notice to a team group (source `notice`): platforms with a structured body send this instead of a post. */
  notice?: NoticeEnvelope;
}

export interface HttpRequestSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A field of a group that cannot work on this platform: the 400 names it. */
export interface FieldProblem {
  field: 'endpoint' | 'secret' | 'signingSecret';
  message: string;
}

export interface Platform {
  /** The group's `platform` value. */
  id: string;
  labels: Labels;
  /**
   * `sent-by-us`: the dispatcher sends requests; `leased-by-bot`: a bot leases posts over the
   * API (no requests from us); `task`: a person posts by hand and marks the task done
   * (services/tasks.ts; no requests from us, never claimed).
   */
  delivery: 'sent-by-us' | 'leased-by-bot' | 'task';
  /** What `endpoint` and `secret` hold on this platform (shown in the admin and in errors). */
  fields: { endpoint: Labels; secret: Labels };
  settings: Record<string, SettingSpec>;
  /**
   * Posts per minute per target (robot, chat, URL), enforced before sending. `shared`: the
   * platform blocks robots that exceed it, so the count holds across all instances (in the
   * database); otherwise it is a courtesy to our own receivers, counted per instance.
   * `perSecond`: the platform also limits each second (Feishu: 5), so a queue of posts due at
   * once never goes out as one burst (delivery/pacing.ts).
   */
  rateLimit: { perMinute: number; env: string; shared: boolean; perSecond?: number };
  /**
   * Which posts share a receiver, for outages and probes: `endpoint-origin` (each URL
   * origin is its own receiver) or `platform` (every group talks to the platform's one API).
   */
  receiver: 'endpoint-origin' | 'platform';
  /**
   * The renditions the requests carry under these settings. `everyFormat` is every format at
   * its default limit (what REST and bots are offered).
   */
  renditions(settings: PlatformSettings, everyFormat: RenditionSpec[]): RenditionSpec[];
  /** What the editor's renditions panel shows for this platform (none: not shown). */
  previews: PreviewSpec[];
  /** The HTTP requests of one post (platforms sent by us). Throws PlatformConfigError when the group cannot work. */
  requests(post: PostForDelivery, ctx: { settings: PlatformSettings; now: number }): HttpRequestSpec[];
  /** What an answer means for the post. */
  outcome(answer: HttpAnswer, now: number): Outcome;
  /** A request URL as stored and shown: credentials in it masked. */
  redactUrl(url: string): string;
  /** Checks `endpoint`, `secret` and `signingSecret` on save (values as given; null or absent when not given). */
  validate(fields: { endpoint: string | null; secret: string | null; signingSecret?: string | null }): FieldProblem | null;
  /** A made-up credential for demo groups (the seed), shaped like a real one. */
  demoSecret(random: Buffer): string | null;
}

/** A group that can never be delivered to as configured: the post is dead, not retried. */
export class PlatformConfigError extends Error {}

/** The field's value, or PlatformConfigError naming what the group lacks. */
export function need(value: string | null, what: string, group: string): string {
  if (!value) throw new PlatformConfigError(`group ${group} has no ${what}`);
  return value;
}

export const JSON_HEADERS = { 'content-type': 'application/json' };
export const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** An absolute http(s) URL, or a message saying what it is not. */
export function httpUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an absolute URL (http:// or https://); got ${JSON.stringify(value.slice(0, 100))}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be an http:// or https:// URL; got ${url.protocol}`;
  return null;
}
