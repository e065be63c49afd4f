/**
 * Telegram Bot API HTML (parse_mode "HTML"): only <b> <i> <s> <a href> <code> <pre>
 * <blockquote> are written; <, > and & are entities everywhere else; no <p> or <br>
 * (Telegram rejects them): blocks and line breaks are newlines. Telegram's nesting rules
 * are kept: code inside bold, italic, strike or a link is shown as plain text, a quote
 * inside a quote is not quoted again, a code block inside a quote loses its <pre>.
 */
import type { FormatSpec } from '../walk';
import { addressOf, encodeUrlValue, escapeAngles, escapeTelegramAttr, isWebUrl, safeUrl } from '../escape';
import { listLines, RULE, tableLines } from './common';

export const telegram: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeUrlValue(v) : escapeAngles(v)),
  text: escapeAngles,
  strong: (s, where) => (where.bold || s === '' ? s : `<b>${s}</b>`),
  em: (s) => (s === '' ? s : `<i>${s}</i>`),
  del: (s) => (s === '' ? s : `<s>${s}</s>`),
  codespan: (s, where) => (where.styled ? escapeAngles(s) : `<code>${escapeAngles(s)}</code>`),
  br: () => '\n',
  link(href, inner, plainText) {
    const url = safeUrl(href);
    if (isWebUrl(url)) return `<a href="${escapeTelegramAttr(url)}">${inner}</a>`;
    if (url !== null && /^(mailto|tel):/i.test(url)) {
      const shown = addressOf(url);
      return plainText.trim() === shown ? inner : `${inner} (${escapeAngles(shown)})`;
    }
    return inner;
  },
  image(src, alt) {
    const url = safeUrl(src);
    return isWebUrl(url) ? `<a href="${escapeTelegramAttr(url)}">${escapeAngles(alt.trim() || url)}</a>` : escapeAngles(alt);
  },
  html: escapeAngles,
  font: (_color, inner) => inner,
  heading: (inner) => `<b>${inner}</b>`,
  paragraph: (inner) => inner,
  code(s, lang, where) {
    if (where.quote > 0) return escapeAngles(s);
    const word = /^[\w+#.-]{1,30}$/.test(lang) ? lang : '';
    return word ? `<pre><code class="language-${word}">${escapeAngles(s)}</code></pre>` : `<pre>${escapeAngles(s)}</pre>`;
  },
  hr: () => RULE,
  blockquote: (blocks, where) => (where.quote > 0 ? blocks.join('\n') : `<blockquote>${blocks.join('\n')}</blockquote>`),
  list: (items, ordered, start) => listLines(items, ordered, start),
  table: (header, rows) => tableLines(`<b>${header.join(' | ')}</b>`, rows),
};
