/**
 * Feishu / Lark card markdown: the content of the `markdown` element of an interactive card
 * (JSON 1.0, platforms/feishu.ts). The card pages list for that element: **bold**, *italic*,
 * ~~strike~~, [links](url) (http/https only), "- " and "1. " lists, fenced code blocks, a rule,
 * emoji, `<at>` and `<font>` tags, images by img_key only. Headings, quotes and tables are
 * listed for JSON 2.0 cards only, so here they degrade: a heading is a **bold** line, a quote's
 * lines start with "｜" (as in the text format), a table is lines with a bold header; inline
 * code shows its text (not listed for 1.0); an image is a link to it; a rule is "————".
 *
 * Text can never open markup: escapeFeishu (full-width look-alikes, the same as DingTalk's),
 * neutralizeFeishuLineStarts for what opens a block at a line start, escapeFeishuCode inside
 * code. So `<at id=all></at>` or `<at user_id="all">` from a value or typed in the content is
 * shown as "＜at id=all>＜/at>" and pings nobody; "@所有人" is plain text to Feishu (only an
 * `<at>` tag mentions). A long code block is cut into fenced pieces, each kept whole.
 */
import { keep, type FormatSpec } from '../walk';
import {
  addressOf,
  encodeUrlChars,
  encodeUrlValue,
  escapeFeishu,
  escapeFeishuCode,
  isWebUrl,
  neutralizeFeishuLineStarts,
  safeUrl,
} from '../escape';
import { codePieces, listLines, prefixLines, RULE, tableLines } from './common';
import { QUOTE_MARK } from './text';

/** Inside [text](url): nothing that could end the URL or the link early. */
const feishuUrl = (url: string) => encodeUrlChars(url, /[()[\]<>"\s]/g);

/** UTF-16 units per fenced piece: at most 4,000 bytes, far below a part's limit. */
const CODE_PIECE = 1000;

export const feishu: FormatSpec = {
  // A value in code is escaped as text too: inline code shows as text here, and a value must
  // not depend on a client rendering the fence.
  value: (v, ctx) => (ctx === 'url' ? encodeUrlValue(v) : escapeFeishu(v)),
  text: escapeFeishu,
  strong: (s, where) => (where.bold || s === '' ? s : keep(`**${s}**`)),
  em: (s, where) => (where.bold || where.styled || s === '' ? s : keep(`*${s}*`)),
  del: (s) => (s === '' ? s : keep(`~~${s}~~`)),
  codespan: (s) => escapeFeishu(s),
  br: () => '\n',
  link(href, inner, plainText) {
    const url = safeUrl(href);
    if (isWebUrl(url)) return `[${inner}](${feishuUrl(url)})`;
    if (url !== null && /^(mailto|tel):/i.test(url)) {
      const shown = addressOf(url);
      return plainText.trim() === shown ? inner : `${inner} (${escapeFeishu(shown)})`;
    }
    return inner;
  },
  image(src, alt) {
    const url = safeUrl(src);
    if (!isWebUrl(url)) return escapeFeishu(alt);
    return `[${escapeFeishu(alt.trim()) || feishuUrl(url)}](${feishuUrl(url)})`;
  },
  html: escapeFeishu,
  font: (_color, inner) => inner,
  heading: (inner) => {
    const line = inner.replace(/\s*\n\s*/g, ' ');
    return line === '' ? '' : keep(`**${line}**`);
  },
  paragraph: (inner) => neutralizeFeishuLineStarts(inner),
  code(s, lang) {
    const word = /^[\w+#.-]{1,30}$/.test(lang) ? lang : '';
    return codePieces(s, CODE_PIECE)
      .map((piece) => keep('```' + word + '\n' + escapeFeishuCode(piece) + '\n```'))
      .join('\n');
  },
  hr: () => RULE,
  blockquote: (blocks, where) => (where.quote > 0 ? blocks.join('\n') : prefixLines(blocks, QUOTE_MARK)),
  list: (items, ordered, start) => listLines(items, ordered, start, '- '),
  table: (header, rows) => neutralizeFeishuLineStarts(tableLines(keep(`**${header.join(' | ')}**`), rows)),
};
