/**
 * Renditions: one piece of markdown rendered for each chat platform and for web apps,
 * with placeholders filled and escaped per format, and split to platform limits.
 * Pure: no Strapi import. Markdown is parsed once per render with marked's lexer.
 */
import { blocks, lex, type FormatSpec } from './walk';
import { escapeMarkdown } from './escape';
import { fillSentinels, findPlaceholders, KNOWN_PLACEHOLDERS, toSentinels } from './placeholders';
import { splitBlocks } from './split';
import { measure, PLATFORM_LIMITS, type Limit } from './limits';
import { html } from './renderers/html';
import { text } from './renderers/text';
import { telegram } from './renderers/telegram';
import { slack } from './renderers/slack';
import { wecom } from './renderers/wecom';

export type RenditionFormat = 'html' | 'text' | 'wecom' | 'telegram' | 'slack' | 'markdown';
export const RENDITION_FORMATS: RenditionFormat[] = ['html', 'text', 'wecom', 'telegram', 'slack', 'markdown'];
export { KNOWN_PLACEHOLDERS, findPlaceholders, splitBlocks, PLATFORM_LIMITS };
export type { Limit };

export interface RenderOptions {
  values?: Record<string, string | number | null | undefined>;
  fallbacks?: Record<string, string>;
  limit?: Limit;
}

export interface Rendition {
  format: RenditionFormat;
  body: string;
  parts: string[];
  unknown: string[];
  missing: string[];
  size: { bytes: number; chars: number };
}

const SPECS: Record<Exclude<RenditionFormat, 'markdown'>, FormatSpec> = { html, text, wecom, telegram, slack };
const SEPARATOR: Record<RenditionFormat, string> = { html: '\n', text: '\n\n', wecom: '\n\n', telegram: '\n\n', slack: '\n\n', markdown: '\n\n' };

/** The default limit of each format's platform (text and html have none). */
export const DEFAULT_LIMITS: Partial<Record<RenditionFormat, Limit>> = {
  wecom: PLATFORM_LIMITS['wecom-markdown'],
  telegram: PLATFORM_LIMITS.telegram,
  slack: PLATFORM_LIMITS.slack,
};

function renderPrepared(prepared: ReturnType<typeof toSentinels>, tokens: ReturnType<typeof lex> | null, format: RenditionFormat, limit: Limit | undefined): Rendition {
  let parts: string[];
  if (format === 'markdown') {
    const filled = fillSentinels(prepared.markdown, prepared.values, escapeMarkdown);
    const paragraphs = filled.split(/\n{2,}/);
    parts = limit ? splitBlocks(paragraphs, limit) : [filled];
  } else {
    const spec = SPECS[format];
    const rendered = blocks(tokens ?? lex(prepared.markdown), { spec, values: prepared.values });
    parts = limit ? splitBlocks(rendered, limit, { separator: SEPARATOR[format], tags: format === 'telegram' || format === 'html' }) : splitBlocks(rendered, { unit: 'chars', max: Number.MAX_SAFE_INTEGER }, { separator: SEPARATOR[format] });
  }
  const body = parts.length === 1 ? parts[0] : parts.join(SEPARATOR[format]);
  return { format, body, parts, unknown: prepared.unknown, missing: prepared.missing, size: { bytes: measure(body, 'bytes'), chars: body.length } };
}

export function render(markdown: string, format: RenditionFormat, opts: RenderOptions = {}): Rendition {
  const prepared = toSentinels(markdown ?? '', opts.values, opts.fallbacks);
  return renderPrepared(prepared, null, format, opts.limit);
}

/** Every format at once (markdown parsed once), each split to its platform's default limit. */
export function renderAll(markdown: string, opts: Omit<RenderOptions, 'limit'> & { formats?: RenditionFormat[] } = {}): Record<RenditionFormat, Rendition> {
  const prepared = toSentinels(markdown ?? '', opts.values, opts.fallbacks);
  const tokens = lex(prepared.markdown);
  const out = {} as Record<RenditionFormat, Rendition>;
  for (const format of opts.formats ?? RENDITION_FORMATS) out[format] = renderPrepared(prepared, tokens, format, DEFAULT_LIMITS[format]);
  return out;
}
