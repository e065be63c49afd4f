/**
 * Placeholders such as {{group.name}}. They are swapped for inert sentinels (Unicode
 * private-use characters) before markdown is parsed, so a value can never become markup;
 * each renderer puts the value back escaped for its own format and context.
 */
export const KNOWN_PLACEHOLDERS = [
  'group.name',
  'member.nickname',
  'channel.name',
  'date',
  'course.title',
  'lesson.day',
  'lesson.title',
  'class.time',
  'minutes',
] as const;

const PATTERN = /\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g;
const KNOWN = new Set<string>(KNOWN_PLACEHOLDERS);

export const SENTINEL_OPEN = '\uE000';
export const SENTINEL_CLOSE = '\uE001';
const SENTINEL_RE = /\uE000([\uE100-\uF8FF])\uE001/g;

export function findPlaceholders(markdown: string): { known: string[]; unknown: string[] } {
  const known = new Set<string>();
  const unknown = new Set<string>();
  for (const m of markdown.matchAll(PATTERN)) (KNOWN.has(m[1]) ? known : unknown).add(m[1]);
  return { known: [...known], unknown: [...unknown] };
}

export interface Slots {
  markdown: string;
  /** Value per slot index; '' for unknown or missing placeholders. */
  values: string[];
  unknown: string[];
  missing: string[];
}

export function toSentinels(markdown: string, values: Record<string, unknown> = {}, fallbacks: Record<string, string> = {}): Slots {
  const slotValues: string[] = [];
  const unknown = new Set<string>();
  const missing = new Set<string>();
  const index = new Map<string, number>();
  const out = markdown.replace(PATTERN, (_, name: string) => {
    let value = '';
    if (!KNOWN.has(name)) unknown.add(name);
    else {
      const given = values[name];
      if (given === undefined || given === null || String(given) === '') {
        missing.add(name);
        value = fallbacks[name] ?? '';
      } else value = String(given);
    }
    const key = `${name}\u0000${value}`;
    let i = index.get(key);
    if (i === undefined) {
      i = slotValues.length;
      slotValues.push(value);
      index.set(key, i);
    }
    return SENTINEL_OPEN + String.fromCharCode(0xe100 + i) + SENTINEL_CLOSE;
  });
  return { markdown: out, values: slotValues, unknown: [...unknown], missing: [...missing] };
}

/** Replace sentinels in an already-escaped string with escaped values. */
export function fillSentinels(text: string, values: string[], escape: (value: string) => string): string {
  if (text.indexOf(SENTINEL_OPEN) < 0) return text;
  return text.replace(SENTINEL_RE, (_, ch: string) => escape(values[ch.charCodeAt(0) - 0xe100] ?? ''));
}
