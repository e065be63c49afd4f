/**
 * Slack mrkdwn: *bold*, _italic_, ~strike~, <url|text>, `code`, ```pre```, "> " quotes;
 * &, < and > escaped, and text can never open a marker (see escapeSlack).
 */
import type { FormatSpec } from '../walk';
import { escapeSlack, safeUrl } from '../escape';
import { listItems } from './text';

// Inside <url|text> the text must not contain "|" or ">" unescaped.
const linkText = (s: string) => s.replace(/\|/g, '¦');

export const slack: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeURIComponent(v) : escapeSlack(v)),
  text: escapeSlack,
  strong: (s) => `*${s}*`,
  em: (s) => `_${s}_`,
  del: (s) => `~${s}~`,
  codespan: (s) => `\`${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, 'ˋ')}\``,
  br: () => '\n',
  link(href, inner) {
    const url = href === null ? null : safeUrl(href);
    return url && /^(https?|mailto):/i.test(url) ? `<${url.replace(/[<>|]/g, encodeURIComponent)}|${linkText(inner)}>` : inner;
  },
  image(src, alt) {
    const url = src === null ? null : safeUrl(src);
    return url && /^https?:/i.test(url) ? `<${url.replace(/[<>|]/g, encodeURIComponent)}|${linkText(escapeSlack(alt || url))}>` : escapeSlack(alt);
  },
  html: (raw) => escapeSlack(raw),
  heading: (inner) => `*${inner}*`,
  paragraph: (inner) => inner,
  code: (s) => '```' + s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/```/g, 'ˋˋˋ') + '```',
  hr: () => '————',
  blockquote: (blocks) => blocks.join('\n').split('\n').map((l) => `> ${l}`).join('\n'),
  list: (items, ordered, start) => listItems(items, ordered, start),
  table: (header, rows) => [`*${header.join(' | ')}*`, ...rows.map((r) => r.join(' | '))].join('\n'),
};
