/**
 * Plain text for groups that show no markup (WeChat-style): no *, #, > or other markers.
 * Headings are lines of their own; lists keep "• " or "1. " (nested lists indented);
 * links become "title (url)" (just the url when the text is the url); images "alt (url)"
 * or "[image] url"; code as typed; entities decoded. A quote's lines start with "｜"
 * (full-width bar) so a quoted task still stands apart from the text around it.
 */
import type { FormatSpec } from '../walk';
import { addressOf, encodeUrlValue, safeUrl } from '../escape';
import { listLines, prefixLines, RULE, tableLines } from './common';

export const QUOTE_MARK = '｜';

export const text: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeUrlValue(v) : v),
  text: (s) => s,
  strong: (s) => s,
  em: (s) => s,
  del: (s) => s,
  codespan: (s) => s,
  br: () => '\n',
  link(href, inner, plainText) {
    const url = safeUrl(href);
    // Unsafe or relative (no page to resolve it against): the text alone.
    if (url === null || !/^[a-z][a-z0-9+.-]*:/i.test(url)) return inner;
    const shown = addressOf(url);
    const label = plainText.trim();
    return label === '' || label === url || label === shown ? shown : `${inner} (${shown})`;
  },
  image(src, alt) {
    const url = safeUrl(src);
    if (url === null || !/^https?:/i.test(url)) return alt;
    return alt.trim() ? `${alt} (${url})` : `[image] ${url}`;
  },
  html: (raw) => raw,
  font: (_color, inner) => inner,
  heading: (inner) => inner,
  paragraph: (inner) => inner,
  code: (s) => s,
  hr: () => RULE,
  blockquote: (blocks) => prefixLines(blocks, QUOTE_MARK),
  list: (items, ordered, start) => listLines(items, ordered, start),
  table: (header, rows) => tableLines(header.join(' | '), rows),
};
