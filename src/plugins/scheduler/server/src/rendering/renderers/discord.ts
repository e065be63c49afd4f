/**
 * Discord's markdown (message `content`): **bold**, *italic*, ~~strike~~, `code`,
 * ```code blocks```, "> " quotes, # / ## / ### headings (deeper ones are ###), "- " and
 * "1. " lists, masked links [text](url). No tables (lines "a | b", header bold) and no rule
 * (————). Quotes do not nest in Discord: a quote inside a quote is flattened.
 *
 * Text can never become markup (see escapeDiscord): Discord shows any ASCII punctuation
 * after a backslash as typed, so markers get one; `@everyone` / `@here` get a zero-width
 * space after the `@`; `<` is escaped, so no `<@user>`, `<@&role>`, `<#channel>` or `<t:…>`
 * form can be spelled. A long code block is cut into fenced pieces, each kept whole, so a
 * split message never leaves a fence open.
 */
import { keep, type FormatSpec, type ListItem } from '../walk';
import { addressOf, encodeUrlChars, encodeUrlValue, isWebUrl, safeUrl } from '../escape';
import { codePieces, RULE, tableLines } from './common';

const DISCORD_TEST = /[\\*_~`|<>[\]@]/;
const DISCORD_RE = /[\\*_~`|<>[\]]/g;
const MENTION_RE = /@(?=everyone|here)/gi;

/**
 * Text in Discord markdown: a backslash before `\ * _ ~ ` | < > [ ]`, and a zero-width
 * space after the `@` of `@everyone` / `@here`. Line starts are per block (escapeLineStarts).
 */
export function escapeDiscord(s: string): string {
  if (!DISCORD_TEST.test(s)) return s;
  return s.replace(DISCORD_RE, '\\$&').replace(MENTION_RE, '@\u200b');
}

/** Inside `code` and code blocks nothing is markup; only a backtick could close them. */
export const escapeDiscordCode = (s: string) => (s.indexOf('`') < 0 ? s : s.replace(/`/g, 'ˋ'));

const LINE_TEST = /(^|\n)[ \t\uE002\uE003]*([#+-]|\d+\.)/;
const LINE_RE = /(^|\n)([ \t\uE002\uE003]*)(?:([#+-])|(\d+)\.)/g;
/** A `#`, `-`, `+` or `1.` that a block's text puts at the start of a line (heading, subtext, list): escaped. */
export const escapeLineStarts = (s: string) =>
  LINE_TEST.test(s)
    ? s.replace(LINE_RE, (_m, nl: string, sp: string, mark: string | undefined, digits: string | undefined) =>
        mark ? `${nl}${sp}\\${mark}` : `${nl}${sp}${digits}\\.`
      )
    : s;

/** Inside (url): nothing that could end the URL or the link early. */
const discordUrl = (url: string) => encodeUrlChars(url, /[()[\]<>"\s]/g);

/**
 * A code block's lines per fenced piece, counted with room for a quote's "> " on each line
 * and for placeholder values: every piece stays far below Discord's 2,000 characters.
 */
const CODE_PIECE = 1000;

function lines(items: ListItem[], ordered: boolean, start: number): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const marker = ordered ? `${start + i}. ` : '- ';
    if (i > 0) out += '\n';
    const body = items[i].blocks.join('\n');
    out += marker + body.replace(/\n/g, '\n' + ' '.repeat(marker.length));
  }
  return out;
}

const quoteLines = (blocks: string[]) => '> ' + blocks.join('\n').replace(/\n/g, '\n> ');

export const discord: FormatSpec = {
  value: (v, ctx) => (ctx === 'url' ? encodeUrlValue(v) : ctx === 'code' ? escapeDiscordCode(v) : escapeDiscord(v)),
  text: escapeDiscord,
  strong: (s, where) => (where.bold || s === '' ? s : keep(`**${s}**`)),
  em: (s) => (s === '' ? s : keep(`*${s}*`)),
  del: (s) => (s === '' ? s : keep(`~~${s}~~`)),
  codespan: (s) => keep('`' + escapeDiscordCode(s) + '`'),
  br: () => '\n',
  link(href, inner, plainText) {
    const url = safeUrl(href);
    if (isWebUrl(url)) return plainText.trim() === url ? discordUrl(url) : `[${inner}](${discordUrl(url)})`;
    if (url !== null && /^(mailto|tel):/i.test(url)) {
      const shown = addressOf(url);
      return plainText.trim() === shown ? inner : `${inner} (${escapeDiscord(shown)})`;
    }
    return inner;
  },
  image(src, alt) {
    const url = safeUrl(src);
    if (!isWebUrl(url)) return escapeDiscord(alt);
    return alt.trim() ? `[${escapeDiscord(alt.trim())}](${discordUrl(url)})` : discordUrl(url);
  },
  html: escapeDiscord,
  font: (_color, inner) => inner,
  heading: (inner, depth) => `${'#'.repeat(Math.min(3, Math.max(1, depth)))} ${inner}`,
  paragraph: (inner) => escapeLineStarts(inner),
  code(s, lang) {
    const word = /^[\w+#.-]{1,30}$/.test(lang) ? lang : '';
    return codePieces(s, CODE_PIECE)
      .map((piece) => keep('```' + word + '\n' + escapeDiscordCode(piece) + '\n```'))
      .join('\n');
  },
  hr: () => RULE,
  blockquote: (blocks, where) => (where.quote > 0 ? blocks.join('\n') : quoteLines(blocks)),
  list: (items, ordered, start) => lines(items, ordered, start),
  table: (header, rows) => escapeLineStarts(tableLines(keep(`**${header.join(' | ')}**`), rows)),
};
