/**
 * Groups no bot can post to (WeCom customer groups, personal WeChat groups): a person posts
 * by hand. Nothing is sent by us: at its due time each post becomes a **task** for the
 * group's `owners` (admin users), who copy its text from the admin or a team tool
 * (`GET /api/tasks`), paste it into the group, and mark it done or skipped
 * (services/tasks.ts; states and tolerances in docs/delivery.md#staff-tasks).
 *
 * Rendition: plain text (what pastes cleanly into a chat app), split into parts of at most
 * 2,000 characters. WeChat itself takes far longer messages, but a long paste is cut or
 * folded ("全文") on phones and is hard to check before sending; 2,000 characters is about
 * one phone screen of Chinese text, and keeps every part under WeCom's 2,048-byte
 * markdown and text limits should the team paste it into an internal group too.
 */
import { PlatformConfigError, type Platform } from './types';

export const MANUAL_TEXT_LIMIT = { unit: 'chars', max: 2000 } as const;

export const manual: Platform = {
  id: 'manual',
  labels: { en: 'Manual (staff post by hand)', 'zh-Hans': '人工发送' },
  delivery: 'task',
  fields: {
    endpoint: { en: 'not used', 'zh-Hans': '不使用' },
    secret: { en: 'not used', 'zh-Hans': '不使用' },
  },
  settings: {},
  // Nothing is sent by us, so nothing is rate-limited.
  rateLimit: { perMinute: 600, env: 'SCHEDULER_PACING_MANUAL', shared: false },
  receiver: 'platform',
  renditions: () => [{ format: 'text', limit: MANUAL_TEXT_LIMIT }],
  previews: [{ id: 'manual', labels: { en: 'Posted by hand', 'zh-Hans': '人工发送' }, format: 'text', limit: MANUAL_TEXT_LIMIT }],
  requests() {
    throw new PlatformConfigError('posts of manual groups are tasks for their owners, never sent');
  },
  outcome: () => ({ kind: 'ok' }),
  redactUrl: (url) => url,
  validate({ endpoint, secret }) {
    if (endpoint) return { field: 'endpoint', message: 'must be empty for a manual group (its owners post by hand)' };
    if (secret) return { field: 'secret', message: 'must be empty for a manual group (its owners post by hand)' };
    return null;
  },
  demoSecret: () => null,
};
