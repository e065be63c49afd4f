/**
 * The WeCom group robot's markdown: # headings, **bold**, [links](url), "> " quotes,
 * `inline code` and <font color="info|comment|warning">. Everything else degrades:
 * italic and strike to plain text, lists to "• " / "1. " lines, images to links, tables
 * to lines, code blocks to one `code` span per line. Text can never open markup: see
 * escapeWecom, and neutralizeLineStarts for a # or > at the start of a line.
 */
import { keep, type FormatSpec } from '../walk';
import { addressOf, encodeUrlChars, encodeUrlValue, escapeWecom, isWebUrl, neutralizeLineStarts, safeUrl } from '../escape';
import { listLines, prefixLines, RULE, tableLines } from './common';

/** Inside [text](url): nothing that could end the URL or the link early. */
const wecomUrl = (url: string) => encodeUrlChars(url, /[()[\]<>"\s]/g);
const codeText = (s: string) => s.replace(/`/g, '｀');

export const wecom: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeUrlValue(v) : ctx === 'code' ? codeText(v) : escapeWecom(v)),
  text: escapeWecom,
  strong: (s, where) => (where.bold || s === '' ? s : keep(`**${s}**`)),
  em: (s) => s,
  del: (s) => s,
  codespan: (s) => keep('`' + codeText(s) + '`'),
  br: () => '\n',
  link(href, inner, plainText) {
    const url = safeUrl(href);
    if (isWebUrl(url)) return `[${inner}](${wecomUrl(url)})`;
    if (url !== null && /^(mailto|tel):/i.test(url)) {
      const shown = addressOf(url);
      return plainText.trim() === shown ? inner : `${inner} (${escapeWecom(shown)})`;
    }
    return inner;
  },
  image(src, alt) {
    const url = safeUrl(src);
    return isWebUrl(url) ? `[${escapeWecom(alt.trim() || url)}](${wecomUrl(url)})` : escapeWecom(alt);
  },
  html: escapeWecom,
  font: (color, inner) => (inner === '' ? '' : `<font color="${color}">${inner}</font>`),
  heading: (inner, depth) => `${'#'.repeat(depth)} ${inner}`,
  paragraph: (inner) => neutralizeLineStarts(inner),
  code: (s) =>
    s
      .split('\n')
      .map((line) => (line.trim() === '' ? '' : keep('`' + codeText(line) + '`')))
      .join('\n'),
  hr: () => RULE,
  blockquote: (blocks, where) => (where.quote > 0 ? blocks.join('\n') : prefixLines(blocks, '> ')),
  list: (items, ordered, start) => neutralizeLineStarts(listLines(items, ordered, start)),
  table: (header, rows) => neutralizeLineStarts(tableLines(keep(`**${header.join(' | ')}**`), rows)),
};
