/**
 * Render once, fill per group. `prepareTemplate` lexes a post once and renders every
 * format with each placeholder value left as a mark (which slot, escaped for which
 * context); `fillTemplate` puts each group's escaped values in and then joins, measures
 * and splits exactly as renderAll does. The result is byte-identical to
 * `renderAll(markdown, { values, fallbacks, formats, limits })` (tests use it as the oracle).
 *
 * Why substitution is exact: sentinels do not depend on values, so neither do the tokens.
 * A value reaches the output through `spec.value(v, ctx)` (escaped on its own, without
 * its neighbours), and after that only these look at it: line-start rules (WeCom,
 * Discord, DingTalk: `#` `>` `+` `-` `=` `1.` `1)` after spaces at a line start),
 * trailing-whitespace trims, `s === ''` checks, DingTalk's heading `\s*\n\s*`, and
 * markdown's `\s+$`. A mark is inert to all of them, and so is a value that is
 * "plain": not empty, no whitespace at either end, not starting with `# > + - =`, and
 * not a digit run followed by `.` or `)` (all digits: only when the mark is not followed
 * by `.`, `)`, a digit or another mark). Anything else re-renders, per group, only the
 * top-level block holding it (from the shared tokens, no lexing), by renderAll's own walk:
 *  - a value that is not plain (for the markdown format: empty or ending in whitespace);
 *  - a block with a placeholder in a link or an image (text, alt or URL: the URL check,
 *    `text === url` and `alt || url` compare values), or in a raw-HTML block with
 *    `<font`, which the walk lexes again.
 * Missing values are not per group: a template keeps one variant per set of missing
 * names, with the fallbacks rendered in (exact, by the same walk).
 */
import type { Token } from 'marked';
import { blocks as renderBlocks, lex, type FormatSpec } from './walk';
import { SENTINEL_OPEN, slotValue, toSentinels } from './placeholders';
import { markdownBlocks, markdownValue, type ValueContext } from './renderers/markdown';
import { finish, RENDITION_FORMATS, SPECS, type Rendition, type RenditionFormat, type WalkedFormat } from './formats';
import type { Limit } from './limits';
import type { TokenFields } from './token-fields';

export interface TemplateOptions {
  fallbacks?: Record<string, string>;
  formats?: RenditionFormat[];
  limits?: Partial<Record<RenditionFormat, Limit>>;
}

/** Counts of blocks holding a value, by how they were filled (added up over calls). */
export interface FillStats {
  /** Filled by substitution. */
  filled: number;
  /** Rendered again for the group (see the file comment for when). */
  rendered: number;
}

/** A rendered block: static text around marks. */
interface Parsed {
  segs: string[];
  /** slot * 3 + context index, per mark. */
  marks: number[];
  /** Per mark: an all-digit value is safe there (not followed by `.`, `)`, a digit or a mark). */
  digitsOk: boolean[];
}

/** One top-level token's blocks in one format. */
interface Piece {
  token: number;
  parsed: Parsed[];
  /** Re-rendered per group whenever a value is marked somewhere in the template. */
  dynamic: boolean;
}

interface Variant {
  walked: Partial<Record<WalkedFormat, Piece[]>>;
  markdown?: { body: Parsed; blocks: Parsed[]; defs: Parsed };
}

export interface Template {
  readonly formats: RenditionFormat[];
  readonly limits: Partial<Record<RenditionFormat, Limit>>;
  readonly fallbacks: Record<string, string>;
  /** Placeholder occurrences. */
  readonly slots: number;
  /** Top-level blocks that always re-render per group (placeholder in a link, image or `<font` HTML block). */
  readonly dynamicBlocks: number;
  /** @internal */
  readonly source: string;
  /** @internal */
  readonly tokens: Token[];
  /** @internal name per slot, null when unknown */
  readonly names: (string | null)[];
  /** @internal */
  readonly unknown: string[];
  /** @internal per set of missing names */
  readonly variants: Map<string, Variant>;
  /** @internal */
  readonly dynamic: boolean[];
}

const CONTEXTS: ValueContext[] = ['text', 'url', 'code'];
const CTX_FIRST = 0xe0f0;
const DIGIT_FIRST = 0xe100;
const DIGITS = 0xf8ff - DIGIT_FIRST + 1;
/** A mark: U+E000, a context (U+E0F0–E0F2), the slot in private-use digits, U+E001. Sentinels have no context. */
const MARK_RE = /\uE000([\uE0F0-\uE0F2])([\uE100-\uF8FF]{1,2})\uE001/g;
/** What a marked walk gets as a value: never a real one (values lose U+E000). */
const MARK_VALUE = 0xe000;
const MAX_VARIANTS = 16;
const FONT_ANY = /<font\s/i;

function mark(slot: number, ctx: ValueContext): string {
  const c = String.fromCharCode(CTX_FIRST + CONTEXTS.indexOf(ctx));
  const digits =
    slot < DIGITS
      ? String.fromCharCode(DIGIT_FIRST + slot)
      : String.fromCharCode(DIGIT_FIRST + Math.floor((slot - DIGITS) / DIGITS), DIGIT_FIRST + ((slot - DIGITS) % DIGITS));
  return '\uE000' + c + digits + '\uE001';
}

function markSlot(digits: string): number {
  if (digits.length === 1) return digits.charCodeAt(0) - DIGIT_FIRST;
  return DIGITS + (digits.charCodeAt(0) - DIGIT_FIRST) * DIGITS + (digits.charCodeAt(1) - DIGIT_FIRST);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function parse(s: string): Parsed {
  if (s.indexOf('\uE000') < 0) return { segs: [s], marks: [], digitsOk: [] };
  const segs: string[] = [];
  const marks: number[] = [];
  const digitsOk: boolean[] = [];
  let last = 0;
  for (const m of s.matchAll(MARK_RE)) {
    const at = m.index as number;
    segs.push(s.slice(last, at));
    marks.push(markSlot(m[2]) * 3 + (m[1].charCodeAt(0) - CTX_FIRST));
    last = at + m[0].length;
    const next = s.charCodeAt(last);
    digitsOk.push(!(next === 46 || next === 41 || isDigit(next) || next === 0xe000));
  }
  segs.push(s.slice(last));
  return { segs, marks, digitsOk };
}

/** A value every later step treats like the mark it replaces (see the file comment). */
const EDGES = /^[\s#>+=-]|\s$/;
function plain(e: string, digitsOk: boolean): boolean {
  if (e === '' || EDGES.test(e) || e.indexOf('\n') >= 0) return false;
  let i = 0;
  while (i < e.length && isDigit(e.charCodeAt(i))) i++;
  if (i === 0) return true;
  if (i === e.length) return digitsOk;
  return e[i] !== '.' && e[i] !== ')';
}
/** Markdown source: only its `\s+$` trims look at a value. */
const plainMarkdown = (e: string) => e !== '' && !/\s$/.test(e);

/** Whether a token puts a placeholder where the walk compares or re-lexes values. */
function dynamicToken(t: Token): boolean {
  const f: TokenFields = t;
  const has = (s: string | undefined | null) => !!s && s.indexOf(SENTINEL_OPEN) >= 0;
  if ((t.type === 'link' || t.type === 'image') && (has(f.raw) || has(f.href) || has(f.text))) return true;
  if (t.type === 'html' && (has(f.raw) || has(f.text)) && FONT_ANY.test(f.raw ?? '')) return true;
  for (const c of f.tokens ?? []) if (dynamicToken(c)) return true;
  for (const item of f.items ?? []) for (const c of item.tokens) if (dynamicToken(c)) return true;
  for (const cell of f.header ?? []) for (const c of cell.tokens) if (dynamicToken(c)) return true;
  for (const row of f.rows ?? []) for (const cell of row) for (const c of cell.tokens) if (dynamicToken(c)) return true;
  return false;
}

/** A spec whose value() leaves a mark for a marked slot. */
const marking = (spec: FormatSpec): FormatSpec => ({
  ...spec,
  value: (v, ctx) => (v.charCodeAt(0) === MARK_VALUE ? mark(Number(v.slice(1)), ctx) : spec.value(v, ctx)),
});

/** Lex once; the formats are rendered per set of missing names, on first fill. */
export function prepareTemplate(markdown: string, opts: TemplateOptions = {}): Template {
  const prepared = toSentinels(markdown ?? '', {}, {});
  const tokens = lex(prepared.markdown);
  const dynamic = tokens.map(dynamicToken);
  return {
    formats: opts.formats ?? RENDITION_FORMATS,
    limits: opts.limits ?? {},
    fallbacks: opts.fallbacks ?? {},
    slots: prepared.names.length,
    dynamicBlocks: dynamic.filter(Boolean).length,
    source: prepared.markdown,
    tokens,
    names: prepared.names,
    unknown: prepared.unknown,
    variants: new Map(),
    dynamic,
  };
}

function buildVariant(t: Template, missing: Set<string>): Variant {
  let marked = false;
  const values = t.names.map((name, slot) => {
    if (name === null) return '';
    if (missing.has(name)) return slotValue(name, undefined, t.fallbacks).value;
    marked = true;
    return String.fromCharCode(MARK_VALUE) + slot;
  });
  const variant: Variant = { walked: {} };
  for (const format of t.formats) {
    if (format === 'markdown') {
      const md = markdownBlocks(t.tokens, values, t.source, (v, ctx, slot) =>
        v.charCodeAt(0) === MARK_VALUE ? mark(slot, ctx) : markdownValue(v, ctx)
      );
      variant.markdown = { body: parse(md.body), blocks: md.blocks.map(parse), defs: parse(md.defs) };
      continue;
    }
    const spec = marking(SPECS[format]);
    const pieces: Piece[] = [];
    t.tokens.forEach((token, i) => {
      const dynamic = marked && t.dynamic[i];
      const out = dynamic ? [] : renderBlocks([token], { spec, values });
      if (dynamic || out.length) pieces.push({ token: i, parsed: out.map(parse), dynamic });
    });
    variant.walked[format] = pieces;
  }
  return variant;
}

/** The escaped value per slot and context, computed on first use. */
type Escaper = (slot: number, ctx: number) => string;

function fill(p: Parsed, escaped: Escaper, ok: (e: string, digitsOk: boolean) => boolean): string | null {
  if (p.marks.length === 0) return p.segs[0];
  let out = p.segs[0];
  for (let j = 0; j < p.marks.length; j++) {
    const m = p.marks[j];
    const e = escaped((m / 3) | 0, m % 3);
    if (!ok(e, p.digitsOk[j])) return null;
    out += e + p.segs[j + 1];
  }
  return out;
}

function escaper(values: string[], value: (v: string, ctx: ValueContext) => string): Escaper {
  const memo: string[] = [];
  return (slot, ctx) => {
    const k = slot * 3 + ctx;
    let e = memo[k];
    if (e === undefined) memo[k] = e = value(values[slot] ?? '', CONTEXTS[ctx]);
    return e;
  };
}

function variantOf(t: Template, missing: string[]): Variant {
  const key = missing.join('\n');
  let v = t.variants.get(key);
  if (v) {
    t.variants.delete(key);
  } else {
    v = buildVariant(t, new Set(missing));
    if (t.variants.size >= MAX_VARIANTS) t.variants.delete(t.variants.keys().next().value as string);
  }
  t.variants.set(key, v);
  return v;
}

/** Every format of the template with this group's values: what renderAll would return. */
export function fillTemplate(
  t: Template,
  values: Record<string, string | number | null | undefined> = {},
  stats?: FillStats
): Record<RenditionFormat, Rendition> {
  const missingSet = new Set<string>();
  const slotValues = t.names.map((name) => {
    if (name === null) return '';
    const s = slotValue(name, values, t.fallbacks);
    if (s.missing) missingSet.add(name);
    return s.value;
  });
  const names = { unknown: t.unknown, missing: [...missingSet] };
  const variant = variantOf(t, names.missing);
  const out = {} as Record<RenditionFormat, Rendition>;
  for (const format of t.formats) {
    const limit = t.limits[format];
    if (format === 'markdown') {
      const md = variant.markdown!;
      const escaped = escaper(slotValues, markdownValue);
      const body = fill(md.body, escaped, plainMarkdown);
      const blocks = body === null ? null : md.blocks.map((b) => fill(b, escaped, plainMarkdown));
      const defs = fill(md.defs, escaped, plainMarkdown);
      const marked = md.body.marks.length > 0;
      if (body !== null && blocks && !blocks.includes(null) && defs !== null) {
        if (stats && marked) stats.filled++;
        out[format] = finish(format, blocks as string[], body, defs, limit, names);
      } else {
        if (stats) stats.rendered++;
        const r = markdownBlocks(t.tokens, slotValues, t.source);
        out[format] = finish(format, r.blocks, r.body, r.defs, limit, names);
      }
      continue;
    }
    const spec = SPECS[format];
    const escaped = escaper(slotValues, spec.value);
    const blocks: string[] = [];
    for (const piece of variant.walked[format]!) {
      let done = !piece.dynamic;
      const start = blocks.length;
      if (done) {
        for (const p of piece.parsed) {
          const s = fill(p, escaped, plain);
          if (s === null) {
            done = false;
            break;
          }
          blocks.push(s);
        }
      }
      const marked = piece.dynamic || piece.parsed.some((p) => p.marks.length > 0);
      if (done) {
        if (stats && marked) stats.filled++;
        continue;
      }
      if (stats) stats.rendered++;
      blocks.length = start;
      for (const b of renderBlocks([t.tokens[piece.token]], { spec, values: slotValues })) blocks.push(b);
    }
    out[format] = finish(format, blocks, undefined, '', limit, names);
  }
  return out;
}
