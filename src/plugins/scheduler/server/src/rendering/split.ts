/**
 * Splits a rendered post into numbered parts that each fit a platform limit: at block
 * (paragraph) boundaries first; a block too big on its own is cut at a newline, then a
 * sentence end, then a space, then between CJK characters — never inside a word, a
 * multi-byte character, a link, an HTML tag or entity. In tag formats (Telegram) open
 * tags are closed at the cut and reopened in the next part, so every part is well-formed.
 */
import { KEEP_CLOSE, KEEP_OPEN } from './walk';
import { measure, type Limit } from './limits';

export interface SplitOptions {
  separator?: string;
  numbering?: boolean;
  /** The text is HTML-like: never cut inside <...> or &...;, and keep tags balanced. */
  tags?: boolean;
}

const stripKeep = (s: string) => s.replace(/[\uE002\uE003]/g, '');
const isCjk = (cp: number) => (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x3000 && cp <= 0x303f) || cp >= 0x20000;
const SENTENCE_END = new Set(['。', '！', '？', '.', '!', '?', '；', ';']);

/** Break classes, best first. */
const NEWLINE = 4;
const SENTENCE = 3;
const SPACE = 2;
const CJK = 1;

interface Piece {
  text: string;
}

function cutBlock(block: string, max: number, unit: Limit['unit'], tags: boolean): string[] {
  const out: string[] = [];
  let rest = block;
  let reopen = '';
  while (measure(stripKeep(reopen + rest), unit) > max) {
    const chars = Array.from(rest);
    let size = measure(reopen, unit);
    let inKeep = false;
    let inTag = false;
    let inEntity = false;
    const stack: string[] = [];
    let tagStart = -1;
    // The furthest break of each class that still fits.
    const bestByClass: ({ pos: number; size: number; closing: string; stackOpen: string[] } | undefined)[] = [];
    let offset = 0; // index into `rest` (UTF-16) of chars[i]
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const cp = ch.codePointAt(0) as number;
      if (i > 0 && !inKeep && !inTag && !inEntity) {
        const prev = chars[i - 1];
        const prevCp = prev.codePointAt(0) as number;
        let cls = 0;
        if (prev === '\n') cls = NEWLINE;
        else if (SENTENCE_END.has(prev) && (ch === ' ' || isCjk(cp))) cls = SENTENCE;
        else if (SENTENCE_END.has(chars[i - 2] ?? '') && prev === ' ') cls = SENTENCE;
        else if (prev === ' ' || ch === ' ') cls = SPACE;
        else if (isCjk(prevCp) && isCjk(cp)) cls = CJK;
        if (cls) {
          const closing = tags ? stack.slice().reverse().map((t) => `</${t.match(/^<([a-z]+)/i)?.[1]}>`).join('') : '';
          if (size + measure(closing, unit) <= max) bestByClass[cls] = { pos: offset, size, closing, stackOpen: stack.slice() };
        }
      }
      size += measure(ch === KEEP_OPEN || ch === KEEP_CLOSE ? '' : ch, unit);
      if (size > max && bestByClass.some(Boolean)) break;
      if (ch === KEEP_OPEN) inKeep = true;
      else if (ch === KEEP_CLOSE) inKeep = false;
      else if (tags && ch === '<') {
        inTag = true;
        tagStart = offset;
      } else if (tags && ch === '>' && inTag) {
        inTag = false;
        const tag = rest.slice(tagStart, offset + 1);
        if (tag.startsWith('</')) stack.pop();
        else if (!tag.endsWith('/>')) stack.push(tag);
      } else if (tags && ch === '&') inEntity = true;
      else if (inEntity && (ch === ';' || ch === ' ')) inEntity = false;
      offset += ch.length;
    }
    // The best class that still fills at least half a part; else the furthest break.
    let best = [NEWLINE, SENTENCE, SPACE, CJK].map((c) => bestByClass[c]).find((b) => b && b.size >= max / 2);
    if (!best) best = bestByClass.filter(Boolean).sort((a, b) => (b as any).pos - (a as any).pos)[0];
    if (!best || best.pos <= 0) {
      // Nothing fits (a single unbreakable run longer than the limit): keep it whole
      // rather than corrupt it; the platform will reject it and the reason is recorded.
      break;
    }
    out.push(reopen + rest.slice(0, best.pos).replace(/[ \n]+$/, '') + best.closing);
    reopen = best.stackOpen.join('');
    rest = rest.slice(best.pos).replace(/^[ \n]+/, '');
  }
  out.push(reopen + rest);
  return out;
}

export function splitBlocks(blocks: string[], limit: Limit, opts: SplitOptions = {}): string[] {
  const separator = opts.separator ?? '\n\n';
  const numbering = opts.numbering ?? true;
  const whole = blocks.join(separator);
  if (measure(stripKeep(whole), limit.unit) <= limit.max) return [stripKeep(whole)];
  const reserve = measure('\n(99/99)', limit.unit);
  const max = limit.max - (numbering ? reserve : 0);
  const parts: string[] = [];
  let current: Piece[] = [];
  const size = (pieces: Piece[]) => measure(stripKeep(pieces.map((p) => p.text).join(separator)), limit.unit);
  const flush = () => {
    if (current.length) parts.push(current.map((p) => p.text).join(separator));
    current = [];
  };
  for (const block of blocks) {
    if (measure(stripKeep(block), limit.unit) > max) {
      flush();
      const pieces = cutBlock(block, max, limit.unit, opts.tags ?? false);
      for (const p of pieces.slice(0, -1)) parts.push(p);
      current = [{ text: pieces[pieces.length - 1] }];
      continue;
    }
    if (current.length && size([...current, { text: block }]) > max) flush();
    current.push({ text: block });
  }
  flush();
  const clean = parts.map(stripKeep);
  if (!numbering || clean.length === 1) return clean;
  return clean.map((p, i) => `${p}\n(${i + 1}/${clean.length})`);
}
