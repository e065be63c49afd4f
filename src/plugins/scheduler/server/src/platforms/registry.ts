/**
 * Every delivery platform, in one list: the rest of the code asks here. Adding a platform
 * is a module beside this file and one line in PLATFORMS (see docs/architecture.md).
 */
import { GENERIC_FORMATS, RENDITION_FORMATS, type Limit, type RenditionFormat } from '../rendering';
import type { Platform, PlatformSettings, PreviewSpec, RenditionSpec } from './types';
import { webhook } from './webhook';
import { wecom } from './wecom';
import { telegram } from './telegram';
import { slack } from './slack';
import { discord } from './discord';
import { pull } from './pull';
import { manual } from './manual';
import { dingtalk } from './dingtalk';
import { feishu } from './feishu';

export const PLATFORMS: readonly Platform[] = [webhook, wecom, telegram, slack, discord, dingtalk, feishu, pull, manual];

const BY_ID = new Map(PLATFORMS.map((p) => [p.id, p]));

export const platformIds = (): string[] => PLATFORMS.map((p) => p.id);

export function getPlatform(id: string): Platform | undefined {
  return BY_ID.get(id);
}

/** Platforms whose posts bots lease over the API (no requests from us). */
export const botLeasedPlatformIds = (): string[] => PLATFORMS.filter((p) => p.delivery === 'leased-by-bot').map((p) => p.id);

/** Platforms whose posts are tasks for people (no requests from us, never claimed). */
export const taskPlatformIds = (): string[] => PLATFORMS.filter((p) => p.delivery === 'task').map((p) => p.id);

/** Platforms the dispatcher never claims for sending: bots lease theirs, people do tasks. */
export const notDispatchedPlatformIds = (): string[] => PLATFORMS.filter((p) => p.delivery !== 'sent-by-us').map((p) => p.id);

/** Settings as configured when nothing is set: production's, or loopback outside it. */
export function defaultSettings(platform: Platform, production: boolean): PlatformSettings {
  const out: PlatformSettings = {};
  for (const [name, spec] of Object.entries(platform.settings))
    out[name] = production ? spec.production : (spec.development ?? spec.production);
  return out;
}

/**
 * Each format's default limit: the limit of the platform the format is made for (WeCom
 * markdown, Telegram HTML, Slack mrkdwn); formats every receiver can take (text, html,
 * markdown) have none unless a platform asks for one. The platforms are fixed at start, so
 * this is computed once.
 */
const DEFAULT_LIMITS: Partial<Record<RenditionFormat, Limit>> = {};
for (const platform of PLATFORMS) {
  for (const spec of platform.renditions(defaultSettings(platform, true), [])) {
    if (spec.limit && !GENERIC_FORMATS.includes(spec.format)) DEFAULT_LIMITS[spec.format] = spec.limit;
  }
}
const EVERY_FORMAT: RenditionSpec[] = RENDITION_FORMATS.map((format) => ({ format, limit: DEFAULT_LIMITS[format] }));

export const defaultLimits = (): Partial<Record<RenditionFormat, Limit>> => ({ ...DEFAULT_LIMITS });

/** Every format at its default limit (REST renditions, bots). */
export const everyFormat = (): RenditionSpec[] => EVERY_FORMAT;

/** Per configured settings object (the plugin config's, which lives as long as the process) and platform. */
const renditionsBySettings = new WeakMap<PlatformSettings, Map<string, RenditionSpec[]>>();

/** The renditions a group on `platform` receives under `settings` (asked once per post: kept per settings). */
export function renditionsFor(platform: Platform, settings: PlatformSettings): RenditionSpec[] {
  let byPlatform = renditionsBySettings.get(settings);
  if (!byPlatform) renditionsBySettings.set(settings, (byPlatform = new Map()));
  let specs = byPlatform.get(platform.id);
  if (!specs) byPlatform.set(platform.id, (specs = platform.renditions(settings, EVERY_FORMAT)));
  return specs;
}

/** The editor's renditions panel: one row per preview of every platform, in registry order. */
export const previews = (): PreviewSpec[] => PLATFORMS.flatMap((p) => p.previews);
