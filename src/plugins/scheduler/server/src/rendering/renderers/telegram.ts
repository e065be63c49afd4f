/**
 * Telegram Bot API HTML (parse_mode HTML): only <b> <i> <s> <code> <pre> <a> <blockquote>;
 * <, > and & escaped everywhere else; no <p> or <br> (Telegram rejects them): newlines.
 */
import type { FormatSpec } from '../walk';
import { escapeTelegram, escapeTelegramAttr, safeUrl } from '../escape';
import { listItems } from './text';

export const telegram: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeURIComponent(v) : escapeTelegram(v)),
  text: escapeTelegram,
  strong: (s) => `<b>${s}</b>`,
  em: (s) => `<i>${s}</i>`,
  del: (s) => `<s>${s}</s>`,
  codespan: (s) => `<code>${escapeTelegram(s)}</code>`,
  br: () => '\n',
  link(href, inner) {
    const url = href === null ? null : safeUrl(href);
    return url && /^(https?|tg|mailto):/i.test(url) ? `<a href="${escapeTelegramAttr(url)}">${inner}</a>` : inner;
  },
  image(src, alt) {
    const url = src === null ? null : safeUrl(src);
    return url && /^https?:/i.test(url) ? `<a href="${escapeTelegramAttr(url)}">${escapeTelegram(alt || url)}</a>` : escapeTelegram(alt);
  },
  html: (raw) => escapeTelegram(raw),
  heading: (inner) => `<b>${inner}</b>`,
  paragraph: (inner) => inner,
  code: (s) => `<pre>${escapeTelegram(s)}</pre>`,
  hr: () => '————',
  blockquote: (blocks) => `<blockquote>${blocks.join('\n')}</blockquote>`,
  list: (items, ordered, start) => listItems(items, ordered, start),
  table: (header, rows) => [`<b>${header.join(' | ')}</b>`, ...rows.map((r) => r.join(' | '))].join('\n'),
};
