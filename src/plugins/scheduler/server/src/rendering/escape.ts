/**
 * Escaping per target format. Every function is one pass without backtracking, and
 * returns its input untouched when there is nothing to escape.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  middot: '·',
  times: '×',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  yen: '¥',
  euro: '€',
};
const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

/** `&amp;` → `&`, `&#x4e2d;` → 中 (markdown text may carry entities). Unknown names stay as typed. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    return NAMED[body] ?? NAMED[body.toLowerCase()] ?? m;
  });
}

const HTML_MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HTML_TEST = /[&<>"']/;
const HTML_RE = /[&<>"']/g;
/** Text and attribute values in HTML. */
export const escapeHtml = (s: string) => (HTML_TEST.test(s) ? s.replace(HTML_RE, (c) => HTML_MAP[c]) : s);

const ANGLE_TEST = /[&<>]/;
const ANGLE_RE = /[&<>]/g;
/** Telegram's HTML mode and Slack: only &, < and > are entities. */
export const escapeAngles = (s: string) => (ANGLE_TEST.test(s) ? s.replace(ANGLE_RE, (c) => HTML_MAP[c]) : s);
export const escapeTelegramAttr = (s: string) => escapeAngles(s).replace(/"/g, '&quot;');

const isAsciiWord = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Full-width look-alikes for characters that would otherwise start markup. */
const FULL: Record<string, string> = { '*': '＊', _: '＿', '~': '～', '`': '｀', '[': '［', ']': '］', '<': '＜', '>': '＞', '#': '＃' };

/**
 * Slack mrkdwn has no escape character: &, < and > become entities; *, _ and ~ become
 * full-width look-alikes wherever Slack could read them as a marker. Slack only reads a
 * marker at a word boundary, so one between two ASCII letters or digits (snake_case,
 * 5*3) stays as typed. A backtick always becomes ｀.
 */
const SLACK_TEST = /[&<>*_~`]/;
const SLACK_RE = /[&<>*_~`]/g;
export function escapeSlack(s: string): string {
  if (!SLACK_TEST.test(s)) return s;
  return s.replace(SLACK_RE, (c: string, i: number) => {
    if (c === '&' || c === '<' || c === '>') return HTML_MAP[c];
    if (c !== '`' && isAsciiWord(s.charCodeAt(i - 1)) && isAsciiWord(s.charCodeAt(i + 1))) return c;
    return FULL[c];
  });
}

/** Inside Slack `code` and ```pre```: entities, and no backtick that could close it. */
export const escapeSlackCode = (s: string) => escapeAngles(s).replace(/`/g, 'ˋ');

/**
 * The WeCom group robot's markdown has no escape character either. Text is neutralised
 * where the robot would read markup, by full-width look-alikes:
 *  - `*` and `` ` `` always (bold, code), `[` and `]` always (links);
 *  - `<` where it could open a tag (`<font`, `</…`, `<!…`): before a letter, `/`, `!`,
 *    `?`, or at the end of the string (what follows is unknown); `a < b` stays;
 *  - `>` at the start of the string or of a line (a quote); `a > b` stays.
 * A `#` at the start of a line (a heading) is handled per block: neutralizeLineStarts.
 */
/** Whether the `<` at i could open an HTML tag (a letter, `/`, `!`, `?` or nothing follows). */
function opensTag(s: string, i: number): boolean {
  const next = s.charCodeAt(i + 1);
  return Number.isNaN(next) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47 || next === 33 || next === 63;
}

/** Whether only spaces or tabs stand between the line's start and position i. */
function atLineStart(s: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (s[j] === ' ' || s[j] === '\t')) j--;
  return j < 0 || s[j] === '\n';
}

const WECOM_TEST = /[*`[\]<>]/;
const WECOM_RE = /[*`[\]<>]/g;
export function escapeWecom(s: string): string {
  if (!WECOM_TEST.test(s)) return s;
  return s.replace(WECOM_RE, (c: string, i: number) => {
    if (c === '<') return opensTag(s, i) ? FULL[c] : c;
    if (c === '>') return atLineStart(s, i) ? FULL[c] : c;
    return FULL[c];
  });
}

const LINE_START_TEST = /(^|\n)[ \t]*[#>]/;
const LINE_START_RE = /(^|\n)([ \t]*)([#>])/g;
/** A `#` or `>` that a block's text puts at the start of a line: full-width (WeCom). */
export const neutralizeLineStarts = (s: string) =>
  LINE_START_TEST.test(s) ? s.replace(LINE_START_RE, (_, nl: string, sp: string, c: string) => nl + sp + FULL[c]) : s;

/**
 * The DingTalk robot's markdown documents no escape character either, so text is
 * neutralised by full-width look-alikes where the robot could read markup:
 *  - `*`, `~`, `` ` ``, `[` and `]` always (bold, italic, strike, code, links, images);
 *  - `_` unless between two ASCII letters or digits (snake_case stays; `_x_` cannot italicise);
 *  - `<` where it could open a tag, `>` at the start of the string or a line (as WeCom);
 *  - `&` where it starts an entity (`&lt;`, `&#60;`), so an entity shows as typed.
 * What opens a block at the start of a line is handled per block: neutralizeDingtalkLineStarts.
 */
const DINGTALK_TEST = /[*_~`[\]<>&]/;
const DINGTALK_RE = /[*_~`[\]<>&]/g;
const ENTITY_AT = /^&(#[xX]?[0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/;
export function escapeDingtalk(s: string): string {
  if (!DINGTALK_TEST.test(s)) return s;
  return s.replace(DINGTALK_RE, (c: string, i: number) => {
    if (c === '&') return ENTITY_AT.test(s.slice(i, i + 40)) ? '＆' : c;
    if (c === '_') return isAsciiWord(s.charCodeAt(i - 1)) && isAsciiWord(s.charCodeAt(i + 1)) ? c : FULL[c];
    if (c === '<') return opensTag(s, i) ? FULL[c] : c;
    if (c === '>') return atLineStart(s, i) ? FULL[c] : c;
    return FULL[c];
  });
}

const DINGTALK_LINE_TEST = /(^|\n)[ \t]*([#>+=-]|\d{1,9}[.)])/;
const DINGTALK_LINE_RE = /(^|\n)([ \t]*)(?:([#>=])|([+-])(?=[ \t+-]|\n|$)|(\d{1,9})([.)])(?=[ \t]|\n|$))/g;
const FULL_LINE: Record<string, string> = { '#': '＃', '>': '＞', '=': '＝', '+': '＋', '-': '－', '.': '．', ')': '）' };
/**
 * What would open a block at the start of a line in DingTalk's markdown, full-width: a `#`
 * heading, a `>` quote, `- ` / `+ ` list items, `1. ` / `1) ` numbered items, and `=` or
 * `---` lines that would turn the line above into a heading.
 */
export const neutralizeDingtalkLineStarts = (s: string) =>
  DINGTALK_LINE_TEST.test(s)
    ? s.replace(
        DINGTALK_LINE_RE,
        (_m, nl: string, sp: string, mark?: string, bullet?: string, digits?: string, dot?: string) =>
          nl + sp + (mark ? FULL_LINE[mark] : bullet ? FULL_LINE[bullet] : `${digits}${FULL_LINE[dot as string]}`)
      )
    : s;

/**
 * Feishu / Lark card markdown (the `markdown` element of a JSON 1.0 card): the pages read
 * document no escape character for it, and it reads the same markers DingTalk does (bold,
 * italic, strike, links, images, lists, code) plus tags such as `<at id=all></at>`,
 * `<font color>` and `<link>`. The same look-alikes hold, so the same functions are used:
 * `<` before a letter, `/`, `!` or `?` can never open `<at …>`, and `&` before an entity
 * can never turn `&lt;at&gt;` into one.
 */
export const escapeFeishu = escapeDingtalk;
export const neutralizeFeishuLineStarts = neutralizeDingtalkLineStarts;

/**
 * Inside a Feishu code block: no backtick that could close the fence, and (as the pages do not
 * say whether tags are read inside code) no `<` that could open a tag.
 */
export function escapeFeishuCode(s: string): string {
  if (s.indexOf('`') < 0 && s.indexOf('<') < 0) return s;
  return s.replace(/[`<]/g, (c: string, i: number) => (c === '`' ? 'ˋ' : opensTag(s, i) ? FULL[c] : c));
}

/**
 * Markdown source: a backslash before every ASCII punctuation character CommonMark can
 * act on, including `.` and `:` (no autolink), `-`, `+`, `=` (no list, no setext
 * heading) and `&` (no entity).
 */
const MD_RE = /[\\`*_{}[\]()#+\-.!<>|~&=:"']/g;
export const escapeMarkdown = (s: string) => s.replace(MD_RE, '\\$&');

const pct = (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
/** A value inside a URL: percent-encoded, also the characters markdown and HTML care about. */
export const encodeUrlValue = (v: string) => encodeURIComponent(v).replace(/[!'()*~]/g, pct);
/** Percent-encode the ASCII characters `chars` matches (a URL already in one piece). */
export const encodeUrlChars = (url: string, chars: RegExp) =>
  url.replace(chars, (c) => (c.charCodeAt(0) < 0x80 ? pct(c) : encodeURIComponent(c)));

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
// Control characters are exactly what this matches: browsers ignore them inside a scheme.
// eslint-disable-next-line no-control-regex
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/**
 * Links and images may only point at http, https, mailto, tel, or be relative. Entities
 * are decoded first (`javascript&#58;`), and characters browsers ignore inside a scheme
 * (`java\tscript:`) cannot hide one. Returns the URL to print (still to be escaped for
 * its context), or null.
 */
export function safeUrl(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const url = decodeEntities(raw).trim();
  const colon = url.indexOf(':');
  if (colon < 0) return url;
  // A colon after the first /, ? or # is no scheme separator: a relative URL.
  const delim = url.search(/[/?#]/);
  if (delim >= 0 && delim < colon) return url;
  const scheme = url.slice(0, colon).replace(IGNORED_IN_SCHEME, '').toLowerCase();
  return ALLOWED_SCHEMES.has(scheme) ? url : null;
}

export const isWebUrl = (url: string | null): url is string => url !== null && /^https?:\/\/[^/\s]/i.test(url);

/** mailto:/tel: links as an address people can read ("a@b.c", "+86 …"). */
export const addressOf = (url: string) => url.replace(/^(mailto|tel):/i, '');
