/**
 * Placeholders such as {{group.name}}. Before markdown is parsed, each occurrence is
 * swapped for an inert sentinel (Unicode private-use characters), so a value can never
 * become markup; each renderer puts the value back at the end, escaped for its own
 * format and context (text, URL or code).
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

export type PlaceholderName = (typeof KNOWN_PLACEHOLDERS)[number];

/**
 * Anything between double braces counts as a placeholder, known or not, so that no
 * `{{…}}` is ever sent to a group: `{{ 名字 }}` or `{{foo-bar}}` are unknown, not text.
 */
const PATTERN = /\{\{([^{}\n]{0,100}?)\}\}/g;
const KNOWN = new Set<string>(KNOWN_PLACEHOLDERS);

export const SENTINEL_OPEN = '\uE000';
export const SENTINEL_CLOSE = '\uE001';
/** Sentinel delimiters and the splitter's keep-together marks (walk.ts): never taken from input. */
const RESERVED = /[\uE000-\uE003]/g;
const SENTINEL_RE = /\uE000([\uE100-\uF8FF]{1,2})\uE001/g;
const FIRST = 0xe100;
const DIGITS = 0xf8ff - FIRST + 1;

const nameOf = (inner: string) => inner.trim();

export function findPlaceholders(markdown: string): { known: string[]; unknown: string[] } {
  const known = new Set<string>();
  const unknown = new Set<string>();
  for (const m of (markdown ?? '').matchAll(PATTERN)) {
    const name = nameOf(m[1]);
    (KNOWN.has(name) ? known : unknown).add(name);
  }
  return { known: [...known], unknown: [...unknown] };
}

export interface Slots {
  /** The markdown with every placeholder replaced by a sentinel. */
  markdown: string;
  /** Value per sentinel (one per occurrence); '' for unknown placeholders. */
  values: string[];
  /** Name per sentinel; null for an unknown placeholder. */
  names: (string | null)[];
  unknown: string[];
  missing: string[];
}

function sentinel(i: number): string {
  if (i < DIGITS) return SENTINEL_OPEN + String.fromCharCode(FIRST + i) + SENTINEL_CLOSE;
  const j = i - DIGITS;
  return SENTINEL_OPEN + String.fromCharCode(FIRST + (Math.floor(j / DIGITS) % DIGITS), FIRST + (j % DIGITS)) + SENTINEL_CLOSE;
}

function slotIndex(id: string): number {
  if (id.length === 1) return id.charCodeAt(0) - FIRST;
  return DIGITS + (id.charCodeAt(0) - FIRST) * DIGITS + (id.charCodeAt(1) - FIRST);
}

/** Values are one line of text: a newline in a nickname must not start a block. */
const cleanValue = (v: string) => v.replace(RESERVED, '').replace(/[\r\n\u2028\u2029]+/g, ' ');

/**
 * The value a known placeholder's sentinels stand for: the given value, else (missing)
 * the fallback or ''; made one line, reserved characters dropped.
 */
export function slotValue(
  name: string,
  values: Record<string, unknown> | undefined,
  fallbacks: Record<string, string> | undefined
): { value: string; missing: boolean } {
  const given = values?.[name];
  if (given === undefined || given === null || String(given).trim() === '')
    return { value: cleanValue(fallbacks?.[name] ?? ''), missing: true };
  return { value: cleanValue(String(given)), missing: false };
}

export function toSentinels(markdown: string, values: Record<string, unknown> = {}, fallbacks: Record<string, string> = {}): Slots {
  const slotValues: string[] = [];
  const names: (string | null)[] = [];
  const unknown = new Set<string>();
  const missing = new Set<string>();
  const source = (markdown ?? '').replace(RESERVED, '');
  const out =
    source.indexOf('{{') < 0
      ? source
      : source.replace(PATTERN, (_, inner: string) => {
          const name = nameOf(inner);
          let value = '';
          if (!KNOWN.has(name)) unknown.add(name);
          else {
            const slot = slotValue(name, values, fallbacks);
            if (slot.missing) missing.add(name);
            value = slot.value;
          }
          names.push(KNOWN.has(name) ? name : null);
          slotValues.push(value);
          return sentinel(slotValues.length - 1);
        });
  return { markdown: out, values: slotValues, names, unknown: [...unknown], missing: [...missing] };
}

/** Replace the sentinels in an already-escaped string with escaped values. */
export function fillSentinels(text: string, values: string[], escape: (value: string, slot: number) => string): string {
  if (text.indexOf(SENTINEL_OPEN) < 0) return text;
  return text.replace(SENTINEL_RE, (_, id: string) => {
    const slot = slotIndex(id);
    return escape(values[slot] ?? '', slot);
  });
}

/** The slots a string mentions. */
export function slotsIn(text: string | undefined | null): number[] {
  if (!text || text.indexOf(SENTINEL_OPEN) < 0) return [];
  return [...text.matchAll(SENTINEL_RE)].map((m) => slotIndex(m[1]));
}
