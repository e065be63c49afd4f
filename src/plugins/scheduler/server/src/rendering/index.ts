/**
 * Renditions: one piece of markdown rendered for web apps and for each chat platform,
 * with placeholders filled and escaped per format, and split to platform limits.
 *
 * Pure: no Strapi import. The markdown is lexed once per render (once for all formats
 * in renderAll) with marked's lexer; the tokens are walked by walk.ts, which asks one
 * FormatSpec per format (renderers/) for each piece and returns top-level blocks; the
 * splitter (split.ts) packs blocks into parts that fit the platform's limit.
 */
import { lex } from './walk';
import { findPlaceholders, KNOWN_PLACEHOLDERS, toSentinels } from './placeholders';
import { splitBlocks, type SplitOptions } from './split';
import type { Limit } from './limits';
import { RENDITION_FORMATS, renderFormat, type Rendition, type RenditionFormat } from './formats';

export { RENDITION_FORMATS };
export type { Rendition, RenditionFormat };
/** Formats every receiver can take; the others are made for one platform's markup. */
export const GENERIC_FORMATS: readonly RenditionFormat[] = ['html', 'text', 'markdown'];
export { KNOWN_PLACEHOLDERS, findPlaceholders, splitBlocks };
export type { Limit, SplitOptions };
export { prepareTemplate, fillTemplate, type Template, type TemplateOptions, type FillStats } from './template';

export interface RenderOptions {
  values?: Record<string, string | number | null | undefined>;
  fallbacks?: Record<string, string>;
  limit?: Limit;
}

/** One format. With `limit`, `parts` are cut to fit it; without, parts = [body]. */
export function render(markdown: string, format: RenditionFormat, opts: RenderOptions = {}): Rendition {
  if (!RENDITION_FORMATS.includes(format)) throw new Error(`unknown rendition format "${format}"`);
  const prepared = toSentinels(markdown ?? '', opts.values, opts.fallbacks);
  return renderFormat(prepared, lex(prepared.markdown), format, opts.limit);
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
  for (const format of opts.formats ?? RENDITION_FORMATS) out[format] = renderFormat(prepared, tokens, format, opts.limits?.[format]);
  return out;
}
