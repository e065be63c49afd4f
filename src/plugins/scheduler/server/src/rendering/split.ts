/**
 * Splits a rendered post into numbered parts that each fit a platform limit.
 *
 * Parts are filled with whole blocks (paragraphs, lists, quotes…). A block too big on
 * its own is cut, preferring in this order: a line break, a sentence end (。！？ or
 * .!? before a space or CJK), a space, a boundary next to a CJK character; the best
 * class that still fills half a part wins, else the furthest break. Never inside a
 * link or image, a keep-together span, an HTML tag or entity, a surrogate pair or an
 * emoji sequence. Only when a run has no break at all (a 5,000-letter "word") is it cut
 * between characters, outside those spans. In tag formats (Telegram, HTML) the tags
 * open at a cut are closed there and reopened in the next part, so every part is
 * well-formed.
 *
 * Numbering: "(1/3)" after each part, separated like a block (its size counts).
 */
import { KEEP_CLOSE, KEEP_OPEN } from './walk';
import { measure, type Limit } from './limits';

export interface SplitOptions {
  /** Between blocks (default a blank line). */
  separator?: string;
  /** Add "(i/n)" to each part when there is more than one (default true). */
  numbering?: boolean;
  /** How the number is written (default: separator + "(i/n)"). */
  marker?: (i: number, n: number) => string;
  /** The text is HTML-like: never cut inside <…>, and keep tags balanced. */
  tags?: boolean;
  /** `&…;` are entities (HTML, Telegram, Slack): never cut inside one. */
  entities?: boolean;
}

const KEEP_RE = /[\uE002\uE003]/g;
export const stripKeep = (s: string) => (s.indexOf(KEEP_OPEN) < 0 && s.indexOf(KEEP_CLOSE) < 0 ? s : s.replace(KEEP_RE, ''));

const size = (s: string, unit: Limit['unit']) => measure(stripKeep(s), unit);
const cpSize = (cp: number, unit: Limit['unit']) =>
  unit === 'chars' ? (cp > 0xffff ? 2 : 1) : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

/** Wide scripts where a line may break between any two characters (and emoji). */
const isWide = (cp: number) =>
  (cp >= 0x2e80 && cp <= 0x9fff) ||
  (cp >= 0xac00 && cp <= 0xd7af) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xff00 && cp <= 0xffef) ||
  (cp >= 0x1f300 && cp <= 0x1faff) ||
  cp >= 0x20000;
/** Parts of a character sequence (combining marks, joiners, variation selectors, skin tones, tags). */
const isExtender = (cp: number) =>
  (cp >= 0x0300 && cp <= 0x036f) ||
  cp === 0x200d ||
  (cp >= 0xfe00 && cp <= 0xfe0f) ||
  (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
  (cp >= 0xe0020 && cp <= 0xe007f) ||
  (cp >= 0xe0100 && cp <= 0xe01ef) ||
  (cp >= 0x20d0 && cp <= 0x20ff);
/** No line starts with these (closing punctuation)… */
const NO_START = new Set('，。！？、；：”’）》」』】〕…,.!?;:)]}%'.split('').map((c) => c.codePointAt(0) as number));
/** …and none ends with these (opening punctuation). */
const NO_END = new Set('“‘（《「『【〔([{'.split('').map((c) => c.codePointAt(0) as number));
const FULL_STOP = new Set(['。', '！', '？']);
const HALF_STOP = new Set(['.', '!', '?']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '"', "'"]);
const VOID_TAGS = new Set(['br', 'hr', 'img', 'input', 'wbr']);

const NEWLINE = 4;
const SENTENCE = 3;
const SPACE = 2;
const WIDE = 1;
const ANY = 0;

interface Break {
  pos: number;
  size: number;
  cls: number;
  /** Tags open at this position (their opening text). */
  open: string[];
}

const closing = (open: string[]) => {
  let out = '';
  for (let i = open.length - 1; i >= 0; i--) out += `</${/^<([a-zA-Z0-9]+)/.exec(open[i])?.[1]}>`;
  return out;
};

/** The break class before `ch`, given the three characters before it (p1 nearest), or -1. */
function breakClass(p3: string, p2: string, p1: string, ch: string, cp: number): number {
  const prevCp = p1.codePointAt(0) as number;
  if (isExtender(cp) || prevCp === 0x200d) return -1;
  if (p1 === '\n') return NEWLINE;
  if (ch === '\n') return -1; // break after it instead
  // A sentence end, perhaps followed by up to two closing quotes or brackets.
  let stop = p1;
  if (CLOSERS.has(p1)) stop = CLOSERS.has(p2) ? p3 : p2;
  if (FULL_STOP.has(stop) && !NO_START.has(cp)) return SENTENCE;
  if (HALF_STOP.has(stop) && (ch === ' ' || isWide(cp))) return SENTENCE;
  if (ch === ' ' || ch === '\t') return p1 === ' ' || p1 === '\t' ? -1 : SPACE;
  if (p1 === ' ' || p1 === '\t') return SPACE;
  if ((isWide(cp) || isWide(prevCp)) && !NO_START.has(cp) && !NO_END.has(prevCp)) return WIDE;
  return ANY;
}

/**
 * Cut one block that is bigger than max into pieces that fit (see the file comment).
 * Works with indexes into the block, so a huge block costs O(length), not O(length²).
 */
function cutBlock(block: string, max: number, unit: Limit['unit'], opts: SplitOptions): string[] {
  const out: string[] = [];
  const tags = opts.tags ?? false;
  const entities = opts.entities ?? tags;
  let start = 0;
  /** Tags still open where this piece starts (reopened at its beginning). */
  let open: string[] = [];
  let restSize = size(block, unit);
  while (measure(open.join(''), unit) + restSize > max) {
    const reopen = open.join('');
    const best: (Break | undefined)[] = [];
    let stack = open;
    let closeSize = tags ? measure(closing(stack), unit) : 0;
    let used = measure(reopen, unit);
    let keepDepth = 0;
    let inTag = false;
    let inEntity = false;
    let tagStart = 0;
    let p3 = '';
    let p2 = '';
    let p1 = '';
    let i = start;
    while (i < block.length) {
      const cp = block.codePointAt(i) as number;
      const ch = cp > 0xffff ? block.slice(i, i + 2) : block[i];
      if (i > start && keepDepth === 0 && !inTag && !inEntity) {
        const cls = breakClass(p3, p2, p1, ch, cp);
        if (cls >= 0 && used + closeSize <= max) best[cls] = { pos: i, size: used, cls, open: stack };
      }
      if (ch === KEEP_OPEN) keepDepth++;
      else if (ch === KEEP_CLOSE) keepDepth = Math.max(0, keepDepth - 1);
      else {
        used += cpSize(cp, unit);
        if (tags && ch === '<') {
          inTag = true;
          tagStart = i;
        } else if (tags && ch === '>' && inTag) {
          inTag = false;
          const tag = block.slice(tagStart, i + 1);
          const name = /^<\/?([a-zA-Z0-9]+)/.exec(tag)?.[1]?.toLowerCase() ?? '';
          // A new array each time, so the breaks recorded keep their snapshot.
          if (tag.startsWith('</')) stack = stack.slice(0, -1);
          else if (!VOID_TAGS.has(name) && !tag.endsWith('/>')) stack = [...stack, tag];
          closeSize = measure(closing(stack), unit);
        } else if (entities && ch === '&') inEntity = true;
        else if (inEntity && (ch === ';' || ch === ' ' || ch === '\n')) inEntity = false;
      }
      p3 = p2;
      p2 = p1;
      p1 = ch;
      i += ch.length;
      if (used > max) break;
    }
    // The best class that fills at least half a part; else the furthest break but a
    // cut between characters; that only when nothing else exists.
    const usable = [NEWLINE, SENTENCE, SPACE, WIDE].map((c) => best[c]).filter((b): b is Break => !!b && b.pos > start);
    let pick = usable.find((b) => b.size >= max / 2) ?? usable.sort((a, b) => b.pos - a.pos)[0];
    if (!pick && best[ANY] && best[ANY].pos > start) pick = best[ANY];
    // Nothing fits (one link longer than the limit): keep it whole rather than corrupt it.
    if (!pick) break;
    let head = block.slice(start, pick.pos);
    let next = pick.pos;
    if (pick.cls !== ANY) head = head.replace(/[ \t\n]+$/, '');
    if (pick.cls === SPACE || pick.cls === SENTENCE) while (block[next] === ' ' || block[next] === '\t') next++;
    out.push(reopen + head + (tags ? closing(pick.open) : ''));
    restSize -= size(block.slice(start, next), unit);
    start = next;
    open = tags ? pick.open : [];
  }
  out.push(open.join('') + block.slice(start));
  return out;
}

function pack(blocks: string[], sizes: number[], max: number, unit: Limit['unit'], opts: SplitOptions, separator: string): string[] {
  const sepSize = measure(separator, unit);
  const parts: string[] = [];
  let current: string[] = [];
  let currentSize = 0;
  const flush = () => {
    if (current.length) parts.push(current.join(separator));
    current = [];
    currentSize = 0;
  };
  blocks.forEach((block, i) => {
    let blockSize = sizes[i];
    if (blockSize > max) {
      flush();
      const pieces = cutBlock(block, max, unit, opts);
      for (const p of pieces.slice(0, -1)) parts.push(p);
      block = pieces[pieces.length - 1];
      blockSize = size(block, unit);
    }
    if (current.length && currentSize + sepSize + blockSize > max) flush();
    currentSize += (current.length ? sepSize : 0) + blockSize;
    current.push(block);
  });
  flush();
  return parts.map(stripKeep);
}

/**
 * Join rendered blocks into parts that each fit `limit` (bytes: UTF-8; chars: UTF-16
 * code units, as JavaScript and Telegram count). One part when everything fits.
 */
export function splitBlocks(blocks: string[], limit: Limit, opts: SplitOptions = {}): string[] {
  const separator = opts.separator ?? '\n\n';
  const numbering = opts.numbering ?? true;
  const marker = opts.marker ?? ((i: number, n: number) => `${separator}(${i}/${n})`);
  const list = blocks.filter((b) => b !== '');
  const sizes = list.map((b) => size(b, limit.unit));
  const total = sizes.reduce((a, b) => a + b, 0) + Math.max(0, list.length - 1) * measure(separator, limit.unit);
  if (total <= limit.max) return [stripKeep(list.join(separator))];
  if (!numbering) return pack(list, sizes, Math.max(1, limit.max), limit.unit, opts, separator);
  // Reserve room for the widest marker; more digits if the parts outnumber it.
  for (let digits = 1; ; digits++) {
    const widest = 10 ** digits - 1;
    const max = Math.max(1, limit.max - measure(marker(widest, widest), limit.unit));
    const parts = pack(list, sizes, max, limit.unit, opts, separator);
    if (parts.length <= widest || digits >= 6) return parts.length === 1 ? parts : parts.map((p, i) => p + marker(i + 1, parts.length));
  }
}
