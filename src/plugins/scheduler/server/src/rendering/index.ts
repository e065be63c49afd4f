/**
 * Renditions: one piece of markdown rendered for web apps and for each chat platform,
 * with placeholders filled and escaped per format, and split to platform limits.
 *
 * Pure: no Strapi import. The markdown is lexed once per render (once for all formats
 * in renderAll) with marked's lexer; the tokens are walked by walk.ts, which asks one
 * FormatSpec per format (renderers/) for each piece and returns top-level blocks; the
 * splitter (split.ts) packs blocks into parts that fit the platform's limit.
 */
import type { Token } from 'marked';
import { blocks as renderBlocks, lex, type FormatSpec } from './walk';
import { findPlaceholders, KNOWN_PLACEHOLDERS, toSentinels, type Slots } from './placeholders';
import { splitBlocks, stripKeep, type SplitOptions } from './split';
import { measure, type Limit } from './limits';
import { html } from './renderers/html';
import { text } from './renderers/text';
import { telegram } from './renderers/telegram';
import { slack } from './renderers/slack';
import { wecom } from './renderers/wecom';
import { discord } from './renderers/discord';
import { dingtalk } from './renderers/dingtalk';
import { feishu } from './renderers/feishu';
import { markdownBlocks } from './renderers/markdown';

export type RenditionFormat = 'html' | 'text' | 'wecom' | 'telegram' | 'slack' | 'discord' | 'dingtalk' | 'feishu' | 'markdown';
export const RENDITION_FORMATS: RenditionFormat[] = [
  'html',
  'text',
  'wecom',
  'telegram',
  'slack',
  'discord',
  'dingtalk',
  'feishu',
  'markdown',
];
/** Formats every receiver can take; the others are made for one platform's markup. */
export const GENERIC_FORMATS: readonly RenditionFormat[] = ['html', 'text', 'markdown'];
export { KNOWN_PLACEHOLDERS, findPlaceholders, splitBlocks };
export type { Limit, SplitOptions };

export interface RenderOptions {
  values?: Record<string, string | number | null | undefined>;
  fallbacks?: Record<string, string>;
  limit?: Limit;
}

export interface Rendition {
  format: RenditionFormat;
  /** The whole rendition, unsplit. */
  body: string;
  /** What to send: [body] when it fits the limit (or there is none), else numbered parts that each fit. */
  parts: string[];
  /** Unknown placeholders found (rendered as nothing). */
  unknown: string[];
  /** Known placeholders without a value (rendered as their fallback, or nothing). */
  missing: string[];
  size: { bytes: number; chars: number };
}

const SPECS: Record<Exclude<RenditionFormat, 'markdown'>, FormatSpec> = { html, text, wecom, telegram, slack, discord, dingtalk, feishu };

/** How blocks are joined, and how parts are cut and numbered, per format. */
const JOIN: Record<RenditionFormat, SplitOptions> = {
  html: { separator: '\n', tags: true, marker: (i, n) => `\n<p>(${i}/${n})</p>` },
  text: { separator: '\n\n' },
  wecom: { separator: '\n\n' },
  telegram: { separator: '\n\n', tags: true },
  slack: { separator: '\n\n', entities: true },
  discord: { separator: '\n\n' },
  markdown: { separator: '\n\n' },
  dingtalk: { separator: '\n\n' },
  feishu: { separator: '\n\n' },
};

function renderPrepared(prepared: Slots, tokens: Token[], format: RenditionFormat, limit: Limit | undefined): Rendition {
  let join = JOIN[format];
  let body: string;
  let blocks: string[];
  if (format === 'markdown') {
    let defs: string;
    ({ body, blocks, defs } = markdownBlocks(tokens, prepared.values, prepared.markdown));
    // Every part carries the link reference definitions its links may need.
    if (defs) join = { ...join, marker: (i, n) => `\n\n${defs}\n\n(${i}/${n})` };
  } else {
    blocks = renderBlocks(tokens, { spec: SPECS[format], values: prepared.values });
    body = stripKeep(blocks.join(join.separator));
  }
  const parts = limit && measure(body, limit.unit) > limit.max ? splitBlocks(blocks, limit, join) : [body];
  return {
    format,
    body,
    parts,
    unknown: prepared.unknown,
    missing: prepared.missing,
    size: { bytes: measure(body, 'bytes'), chars: body.length },
  };
}

/** One format. With `limit`, `parts` are cut to fit it; without, parts = [body]. */
export function render(markdown: string, format: RenditionFormat, opts: RenderOptions = {}): Rendition {
  if (!RENDITION_FORMATS.includes(format)) throw new Error(`unknown rendition format "${format}"`);
  const prepared = toSentinels(markdown ?? '', opts.values, opts.fallbacks);
  return renderPrepared(prepared, lex(prepared.markdown), format, opts.limit);
}

/**
 * Every format (or those asked for) from one lexing, each split to its limit in `limits`
 * (the platforms' limits: the callers take them from the platform registry; a format
 * without one is one part).
 */
export function renderAll(
  markdown: string,
  opts: Omit<RenderOptions, 'limit'> & { formats?: RenditionFormat[]; limits?: Partial<Record<RenditionFormat, Limit>> } = {}
): Record<RenditionFormat, Rendition> {
  const prepared = toSentinels(markdown ?? '', opts.values, opts.fallbacks);
  const tokens = lex(prepared.markdown);
  const out = {} as Record<RenditionFormat, Rendition>;
  for (const format of opts.formats ?? RENDITION_FORMATS) out[format] = renderPrepared(prepared, tokens, format, opts.limits?.[format]);
  return out;
}
