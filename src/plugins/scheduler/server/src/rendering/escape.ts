/** Escaping per target format. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

/** `&amp;` → `&`, `&#x4e2d;` → 中 (markdown text may carry entities). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Telegram's HTML mode: only <, > and & need escaping (and " inside attributes). */
export const escapeTelegram = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const escapeTelegramAttr = (s: string) => escapeTelegram(s).replace(/"/g, '&quot;');

/**
 * Slack mrkdwn: &, <, > must be entities; the formatting markers have no escape, so text
 * uses their full-width look-alikes and can never turn bold, italic, struck or code.
 */
export const escapeSlack = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\*/g, '＊').replace(/_/g, '＿').replace(/~/g, '～').replace(/`/g, '｀');

/**
 * WeCom robot markdown has no escape character either: characters that would start
 * markup become their full-width look-alikes.
 */
export const escapeWecom = (s: string) => s.replace(/\*/g, '＊').replace(/`/g, '｀').replace(/\[/g, '［').replace(/\]/g, '］').replace(/</g, '＜').replace(/>/g, '＞');

/** Markdown source: backslash-escape everything that could start markup. */
export const escapeMarkdown = (s: string) => s.replace(/([\\`*_{}\[\]()#+!<>|~])/g, '\\$1');

/** Links and images may only point at these schemes (or be relative). */
export function safeUrl(raw: string): string | null {
  const url = decodeEntities(raw).trim();
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const probe = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(probe);
  if (!scheme) return url;
  return ['http', 'https', 'mailto', 'tel'].includes(scheme[1]) ? url : null;
}
