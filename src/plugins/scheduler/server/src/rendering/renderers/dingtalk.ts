/**
 * The DingTalk custom robot's markdown (msgtype "markdown"): what its message-type page
 * lists — # to ###### headings, "> " quotes, **bold**, *italic*, [links](url),
 * ![images](url), "- " and "1. " lists — and nothing else. Code, tables, strike and rules
 * are not in that list, so they degrade: inline code to its text, code blocks and tables
 * to lines, strike to plain text, a rule to a line of dashes written as text. A line break
 * inside a block is written "  \n" (the page asks for spaces around \n).
 *
 * Text can never open markup: see escapeDingtalk (full-width look-alikes, as for WeCom: the
 * robot has no documented escape character) and neutralizeDingtalkLineStarts for what
 * opens a block at the start of a line (# > - + = and "1." / "1)"). Mentions: a robot only
 * notifies the people listed in the request's `at` field (platforms/dingtalk.ts sends
 * `{ isAtAll: false }` and no list), so "@all" or "@13800000000" in text pings nobody and
 * is shown as written.
 */
import { keep, type FormatSpec } from '../walk';
import { addressOf, encodeUrlChars, encodeUrlValue, escapeDingtalk, isWebUrl, neutralizeDingtalkLineStarts, safeUrl } from '../escape';
import { listLines, prefixLines, RULE } from './common';

/** Inside [text](url): nothing that could end the URL or the link early. */
const dingtalkUrl = (url: string) => encodeUrlChars(url, /[()[\]<>"\s]/g);
const LINE_BREAK = '  \n';

/** Lines of escaped text, each shown on its own line. */
const textLines = (lines: string[]) => lines.map((l) => neutralizeDingtalkLineStarts(l)).join(LINE_BREAK);

export const dingtalk: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeUrlValue(v) : escapeDingtalk(v)),
  text: escapeDingtalk,
  strong: (s, where) => (where.bold || s === '' ? s : keep(`**${s}**`)),
  em: (s, where) => (where.bold || where.styled || s === '' ? s : keep(`*${s}*`)),
  del: (s) => s,
  // Not in the list: its text, escaped (code keeps what was typed, so nothing in it may act).
  codespan: (s) => escapeDingtalk(s),
  br: () => LINE_BREAK,
  link(href, inner, plainText) {
    const url = safeUrl(href);
    if (isWebUrl(url)) return `[${inner}](${dingtalkUrl(url)})`;
    if (url !== null && /^(mailto|tel):/i.test(url)) {
      const shown = addressOf(url);
      return plainText.trim() === shown ? inner : `${inner} (${escapeDingtalk(shown)})`;
    }
    return inner;
  },
  image(src, alt) {
    const url = safeUrl(src);
    return isWebUrl(url) ? `![${escapeDingtalk(alt.trim())}](${dingtalkUrl(url)})` : escapeDingtalk(alt);
  },
  html: escapeDingtalk,
  font: (_color, inner) => inner,
  heading: (inner, depth) => `${'#'.repeat(depth)} ${inner.replace(/\s*\n\s*/g, ' ')}`,
  paragraph: (inner) => neutralizeDingtalkLineStarts(inner),
  code: (s) =>
    textLines(
      s
        .split('\n')
        .map((line) => escapeDingtalk(line))
        .filter((line, i, all) => line.trim() !== '' || (i > 0 && i < all.length - 1))
    ),
  hr: () => RULE,
  blockquote: (blocks, where) => (where.quote > 0 ? blocks.join('\n\n') : prefixLines(blocks, '> ')),
  list: (items, ordered, start) => listLines(items, ordered, start, '- '),
  table: (header, rows) =>
    [keep(`**${header.join(' | ')}**`), ...rows.map((r) => neutralizeDingtalkLineStarts(r.join(' | ')))].join(LINE_BREAK),
};
