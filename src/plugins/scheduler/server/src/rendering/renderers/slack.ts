/**
 * Slack mrkdwn: *bold*, _italic_, ~strike~, <url|text>, `code`, ```pre```, "> " quotes;
 * headings are a *bold* line, lists "• " lines. &, < and > are entities, and text can
 * never open a marker (see escapeSlack). Bold inside bold is not doubled (Slack has no
 * nesting of the same marker).
 */
import { keep, type FormatSpec } from '../walk';
import { addressOf, encodeUrlChars, encodeUrlValue, escapeAngles, escapeSlack, escapeSlackCode, isWebUrl, safeUrl } from '../escape';
import { listLines, prefixLines, RULE, tableLines } from './common';

/** Inside <…|…>: the URL with its delimiters encoded and & as an entity. */
const slackUrl = (url: string) => escapeAngles(encodeUrlChars(url, /[<>|\s]/g));

export const slack: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeUrlValue(v) : ctx === 'code' ? escapeSlackCode(v) : escapeSlack(v)),
  text: escapeSlack,
  strong: (s, where) => (where.bold || s === '' ? s : keep(`*${s}*`)),
  em: (s) => (s === '' ? s : keep(`_${s}_`)),
  del: (s) => (s === '' ? s : keep(`~${s}~`)),
  codespan: (s) => keep('`' + escapeSlackCode(s) + '`'),
  br: () => '\n',
  link(href, inner, plainText) {
    const url = safeUrl(href);
    if (isWebUrl(url)) return plainText.trim() === url ? `<${slackUrl(url)}>` : `<${slackUrl(url)}|${inner}>`;
    if (url !== null && /^mailto:/i.test(url)) return `<${slackUrl(url)}|${inner}>`;
    if (url !== null && /^tel:/i.test(url))
      return plainText.trim() === addressOf(url) ? inner : `${inner} (${escapeSlack(addressOf(url))})`;
    return inner;
  },
  image(src, alt) {
    const url = safeUrl(src);
    return isWebUrl(url) ? `<${slackUrl(url)}|${escapeSlack(alt.trim() || url)}>` : escapeSlack(alt);
  },
  html: escapeSlack,
  font: (_color, inner) => inner,
  heading: (inner) => keep(`*${inner}*`),
  paragraph: (inner) => inner,
  code: (s) => '```' + escapeSlackCode(s) + '```',
  hr: () => RULE,
  blockquote: (blocks, where) => (where.quote > 0 ? blocks.join('\n') : prefixLines(blocks, '> ')),
  list: (items, ordered, start) => listLines(items, ordered, start),
  table: (header, rows) => tableLines(keep(`*${header.join(' | ')}*`), rows),
};
