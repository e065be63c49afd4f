/**
 * Takes a group's credential out of text the product keeps or shows. A receiver or proxy may
 * echo the request URL (which carries a WeCom robot key, a Telegram bot token or a Slack
 * webhook path) in its error body; the excerpt of that body becomes the post's lastError.
 * Pure.
 */
const MASK = '***';

/** The forms a credential takes in an echoed URL or JSON: as is, percent-encoded, with escaped slashes. */
function formsOf(secret: string): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret)]);
  // A URL that is itself the credential (Slack): its path and query are the secret part.
  try {
    const url = new URL(secret);
    const rest = url.pathname + url.search;
    if (rest.length >= 8) forms.add(rest);
  } catch {
    // not a URL
  }
  // Short values would mask ordinary words; real credentials are long.
  return [...forms].filter((f) => f.length >= 6).sort((a, b) => b.length - a.length);
}

/** A pattern for one form in which each slash may be preceded by escaping backslashes (JSON echoes write `\/`). */
const patternOf = (form: string) =>
  form
    .split('/')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\\\*/');

/** A function that masks every form of `secret` in a text (identity when there is no secret). */
export function credentialScrubber(secret: string | null | undefined): (text: string) => string {
  if (!secret) return (text) => text;
  const pattern = new RegExp(formsOf(secret).map(patternOf).join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}
