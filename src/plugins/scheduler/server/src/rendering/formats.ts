/**
 * The formats, how each joins and splits its blocks, and the last step shared by
 * renderAll and fillTemplate: rendered blocks → a Rendition (body, parts, sizes).
 */
import type { Token } from 'marked';
import { blocks as renderBlocks, type FormatSpec } from './walk';
import type { Slots } from './placeholders';
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

export type WalkedFormat = Exclude<RenditionFormat, 'markdown'>;
export const SPECS: Record<WalkedFormat, FormatSpec> = { html, text, wecom, telegram, slack, discord, dingtalk, feishu };

/** How blocks are joined, and how parts are cut and numbered, per format. */
export const JOIN: Record<RenditionFormat, SplitOptions> = {
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

/**
 * Rendered blocks (placeholders filled) → Rendition. `body` is the whole; markdown's `defs`
 * (link reference definitions) go into every part.
 */
export function finish(
  format: RenditionFormat,
  blocks: string[],
  body: string | undefined,
  defs: string,
  limit: Limit | undefined,
  names: { unknown: string[]; missing: string[] }
): Rendition {
  let join = JOIN[format];
  if (format === 'markdown' && defs) join = { ...join, marker: (i, n) => `\n\n${defs}\n\n(${i}/${n})` };
  const whole = body ?? stripKeep(blocks.join(join.separator));
  const parts = limit && measure(whole, limit.unit) > limit.max ? splitBlocks(blocks, limit, join) : [whole];
  return {
    format,
    body: whole,
    parts,
    unknown: names.unknown,
    missing: names.missing,
    size: { bytes: measure(whole, 'bytes'), chars: whole.length },
  };
}

/** One format from lexed sentinel markdown and its slot values. */
export function renderFormat(prepared: Slots, tokens: Token[], format: RenditionFormat, limit: Limit | undefined): Rendition {
  if (format === 'markdown') {
    const { body, blocks, defs } = markdownBlocks(tokens, prepared.values, prepared.markdown);
    return finish(format, blocks, body, defs, limit, prepared);
  }
  return finish(format, renderBlocks(tokens, { spec: SPECS[format], values: prepared.values }), undefined, '', limit, prepared);
}
