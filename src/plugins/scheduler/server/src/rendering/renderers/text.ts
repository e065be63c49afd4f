/**
 * Plain text for groups that show no markup (WeChat-style): headings on their own line,
 * bullets "• " and numbers kept, links as "title (url)", no stray *, # or >.
 */
import type { FormatSpec } from '../walk';
import { safeUrl } from '../escape';

const indent = (s: string, pad: string) => s.split('\n').map((l, i) => (i === 0 ? l : pad + l)).join('\n');

export const listItems = (items: string[][], ordered: boolean, start: number, join = '\n') =>
  items
    .map((blocks, i) => {
      const marker = ordered ? `${start + i}. ` : '• ';
      return marker + indent(blocks.join('\n'), ' '.repeat(marker.length));
    })
    .join(join);

export const text: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeURIComponent(v) : v),
  text: (s) => s,
  strong: (s) => s,
  em: (s) => s,
  del: (s) => s,
  codespan: (s) => s,
  br: () => '\n',
  link(href, inner, plainText) {
    const url = href === null ? null : safeUrl(href);
    if (!url) return inner;
    return plainText.trim() === url || plainText.trim() === '' ? url : `${inner} (${url})`;
  },
  image: (src, alt) => {
    const url = src === null ? null : safeUrl(src);
    return url ? (alt ? `${alt} (${url})` : url) : alt;
  },
  html: (raw) => raw,
  heading: (inner) => inner,
  paragraph: (inner) => inner,
  code: (s) => s,
  hr: () => '————',
  blockquote: (blocks) => blocks.join('\n'),
  list: (items, ordered, start) => listItems(items, ordered, start),
  table: (header, rows) => [header.join(' | '), ...rows.map((r) => r.join(' | '))].join('\n'),
};
