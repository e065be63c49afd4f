/**
 * Bots that cannot receive webhooks (e.g. one logged into a personal chat account) lease
 * their group's due posts over the API (`POST /api/deliveries/lease`, then ack or nack):
 * no request goes out from us, and every rendition is offered.
 */
import { PlatformConfigError, type Platform } from './types';

export const pull: Platform = {
  id: 'pull',
  labels: { en: 'Pull API (bot leases posts)', 'zh-Hans': '拉取 API（机器人领取）' },
  delivery: 'leased-by-bot',
  fields: {
    endpoint: { en: 'not used', 'zh-Hans': '不使用' },
    secret: { en: 'not used', 'zh-Hans': '不使用' },
  },
  settings: {},
  // Nothing is sent by us, so nothing is rate-limited; bots pace themselves by how many they lease.
  rateLimit: { perMinute: 600, env: 'SCHEDULER_PACING_PULL', shared: false },
  receiver: 'platform',
  renditions: (_settings, everyFormat) => everyFormat,
  previews: [],
  requests() {
    throw new PlatformConfigError('posts of pull groups are leased by their bot, never sent');
  },
  outcome: () => ({ kind: 'ok' }),
  redactUrl: (url) => url,
  validate: () => null,
  demoSecret: () => null,
};
