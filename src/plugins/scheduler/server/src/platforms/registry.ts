/**
 * Every delivery platform, in one list: the rest of the code asks here. Adding a platform
 * is a module beside this file and one line in PLATFORMS (see docs/architecture.md).
 */
import { GENERIC_FORMATS, RENDITION_FORMATS, type Limit, type RenditionFormat } from '../rendering';
import type { Labels, Platform, PlatformSettings, PreviewSpec, RenditionSpec } from './types';
import { webhook } from './webhook';
import { wecom } from './wecom';
import { telegram } from './telegram';
import { slack } from './slack';
import { pull } from './pull';

export const PLATFORMS: readonly Platform[] = [webhook, wecom, telegram, slack, pull];

const BY_ID = new Map(PLATFORMS.map((p) => [p.id, p]));

export const platformIds = (): string[] => PLATFORMS.map((p) => p.id);

export function getPlatform(id: string): Platform | undefined {
  return BY_ID.get(id);
}

/** Platforms whose posts bots lease over the API (no requests from us). */
export const botLeasedPlatformIds = (): string[] => PLATFORMS.filter((p) => p.delivery === 'leased-by-bot').map((p) => p.id);

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
 * markdown) have none unless a platform asks for one.
 */
export function defaultLimits(): Partial<Record<RenditionFormat, Limit>> {
  const out: Partial<Record<RenditionFormat, Limit>> = {};
  for (const platform of PLATFORMS) {
    for (const spec of platform.renditions(defaultSettings(platform, true), [])) {
      if (spec.limit && !GENERIC_FORMATS.includes(spec.format)) out[spec.format] = spec.limit;
    }
  }
  return out;
}

/** Every format at its default limit (REST renditions, bots). */
export const everyFormat = (): RenditionSpec[] => {
  const limits = defaultLimits();
  return RENDITION_FORMATS.map((format) => ({ format, limit: limits[format] }));
};

/** The renditions a group on `platform` receives under `settings`. */
export function renditionsFor(platform: Platform, settings: PlatformSettings): RenditionSpec[] {
  return platform.renditions(settings, everyFormat());
}

/** The editor's renditions panel: one row per preview of every platform, in registry order. */
export const previews = (): PreviewSpec[] => PLATFORMS.flatMap((p) => p.previews);

/** What the admin shows for each platform. */
export const platformLabels = (): { id: string; labels: Labels; fields: Platform['fields'] }[] =>
  PLATFORMS.map((p) => ({ id: p.id, labels: p.labels, fields: p.fields }));
