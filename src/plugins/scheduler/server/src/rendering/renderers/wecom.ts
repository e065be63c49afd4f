/**
 * WeCom group robot markdown: headings, **bold**, [links](url), "> " quotes, `code` and
 * <font color="info|comment|warning">; everything else degrades to text (lists become
 * "• " / "1. " lines). Text can never open markup (see escapeWecom).
 */
import type { FormatSpec } from '../walk';
import { escapeWecom, safeUrl } from '../escape';
import { listItems } from './text';

export const wecom: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeURIComponent(v) : escapeWecom(v)),
  text: escapeWecom,
  strong: (s) => `**${s}**`,
  em: (s) => s,
  del: (s) => s,
  codespan: (s) => `\`${s.replace(/`/g, '｀')}\``,
  br: () => '\n',
  link(href, inner) {
    const url = href === null ? null : safeUrl(href);
    return url && /^https?:/i.test(url) ? `[${inner}](${url.replace(/[()\s]/g, encodeURIComponent)})` : inner;
  },
  image(src, alt) {
    const url = src === null ? null : safeUrl(src);
    return url && /^https?:/i.test(url) ? `[${escapeWecom(alt || url)}](${url.replace(/[()\s]/g, encodeURIComponent)})` : escapeWecom(alt);
  },
  html: (raw) => escapeWecom(raw),
  heading: (inner, depth) => `${'#'.repeat(depth)} ${inner}`,
  paragraph: (inner) => inner,
  code: (s) => escapeWecom(s),
  hr: () => '————',
  blockquote: (blocks) => blocks.join('\n').split('\n').map((l) => `> ${l}`).join('\n'),
  list: (items, ordered, start) => listItems(items, ordered, start),
  table: (header, rows) => [`**${header.join(' | ')}**`, ...rows.map((r) => r.join(' | '))].join('\n'),
};
