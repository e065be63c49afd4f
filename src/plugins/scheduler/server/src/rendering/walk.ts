/**
 * Walks marked's tokens and asks a format for each piece. Every renderer is a FormatSpec;
 * this file knows markdown, the specs know their platform. The result is the list of
 * rendered top-level blocks, so the splitter can cut between them.
 */
import { Marked, type Token, type Tokens, type TokenizerAndRendererExtension, type TokenizerThis } from 'marked';
import { decodeEntities } from './escape';
import { fillSentinels } from './placeholders';
import type { TokenFields } from './token-fields';

/**
 * Renderings that must never be cut (links and images; in marker formats also a bold or
 * code span) are wrapped in these private-use marks. They nest; the splitter strips them.
 */
export const KEEP_OPEN = '\uE002';
export const KEEP_CLOSE = '\uE003';
export const keep = (s: string) => (s === '' ? s : KEEP_OPEN + s + KEEP_CLOSE);

/** Where a piece sits, for platforms that restrict nesting (Telegram, Slack, WeCom). */
export interface Where {
  /** Inside bold already: strong, a heading, a table header. */
  bold: boolean;
  /** Inside any inline formatting or a link. */
  styled: boolean;
  link: boolean;
  /** Blockquote depth. */
  quote: number;
}

export type FontColor = 'info' | 'comment' | 'warning';

export interface Inline {
  /** Text from TEXT tokens (entities already decoded): escape it. */
  text(s: string): string;
  strong(inner: string, where: Where): string;
  em(inner: string, where: Where): string;
  del(inner: string, where: Where): string;
  /** Raw code (not escaped yet). */
  codespan(code: string, where: Where): string;
  br(): string;
  /** href as written (entities not decoded; placeholder values filled in URL-encoded). */
  link(href: string, inner: string, plainText: string, where: Where): string;
  image(src: string, alt: string, where: Where): string;
  /** Raw HTML typed in markdown: never passed through as markup. */
  html(raw: string): string;
  /** `<font color="info|comment|warning">…</font>`: WeCom shows the colour, others the text. */
  font(color: FontColor, inner: string): string;
}

export interface ListItem {
  blocks: string[];
  task?: boolean;
  checked?: boolean;
}

export interface Blocks {
  heading(inner: string, depth: number, where: Where): string;
  paragraph(inner: string, where: Where): string;
  /** Raw code (not escaped yet). */
  code(text: string, lang: string, where: Where): string;
  hr(): string;
  blockquote(blocks: string[], where: Where): string;
  list(items: ListItem[], ordered: boolean, start: number, loose: boolean, where: Where): string;
  table(header: string[], rows: string[][], where: Where): string;
}

export interface FormatSpec extends Inline, Blocks {
  /** A placeholder value escaped for its context. */
  value(v: string, ctx: 'text' | 'url' | 'code'): string;
}

export interface WalkContext {
  spec: FormatSpec;
  values: string[];
}

interface State extends WalkContext {
  where: Where;
  fillText: (v: string) => string;
  fillUrl: (v: string) => string;
  fillCode: (v: string) => string;
}

/** The visible text of inline tokens ("is the link text the URL itself?"). */
function plain(tokens: Token[] | undefined): string {
  let out = '';
  for (const t of tokens ?? []) {
    const f: TokenFields = t;
    if (f.tokens) out += plain(f.tokens);
    else if (t.type === 'codespan') out += f.text;
    else if (t.type === 'br') out += '\n';
    else if (t.type !== 'html') out += decodeEntities(f.text ?? '');
  }
  return out;
}

const FONT_OPEN = /^<font\s+color\s*=\s*(["']?)(info|comment|warning)\1\s*>$/i;
const FONT_CLOSE = /^<\/font\s*>$/i;
const FONT_ANY = /<font\s/i;
/** Trailing spaces of a paragraph are invisible everywhere: drop them. */
const trimEnd = (s: string) => (s.endsWith(' ') || s.endsWith('\n') || s.endsWith('\t') ? s.replace(/[ \t\n]+$/, '') : s);
const isComment = (raw: string) => raw.trimStart().startsWith('<!--');

function within<T>(st: State, patch: Partial<Where>, fn: () => T): T {
  const saved = st.where;
  st.where = { ...saved, ...patch };
  try {
    return fn();
  } finally {
    st.where = saved;
  }
}

/** Index of the `</font>` that closes the `<font>` at tokens[i], or -1. */
function fontClose(tokens: Token[], i: number): number {
  let depth = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.type !== 'html') continue;
    const raw = t.text.trim();
    if (FONT_OPEN.test(raw)) depth++;
    else if (FONT_CLOSE.test(raw)) {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

function inline(tokens: Token[] | undefined, st: State): string {
  const { spec } = st;
  const list = tokens ?? [];
  let out = '';
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    switch (t.type) {
      case 'text': {
        const text = t as Tokens.Text;
        out += text.tokens ? inline(text.tokens, st) : fillSentinels(spec.text(decodeEntities(text.text)), st.values, st.fillText);
        break;
      }
      case 'escape':
        out += fillSentinels(spec.text(t.text), st.values, st.fillText);
        break;
      case 'strong':
        out += spec.strong(
          within(st, { bold: true, styled: true }, () => inline(t.tokens, st)),
          st.where
        );
        break;
      case 'em':
        out += spec.em(
          within(st, { styled: true }, () => inline(t.tokens, st)),
          st.where
        );
        break;
      case 'del':
        out += spec.del(
          within(st, { styled: true }, () => inline(t.tokens, st)),
          st.where
        );
        break;
      case 'codespan':
        // Entities in code are not decoded (CommonMark): `&amp;` shows as typed.
        out += fillSentinels(spec.codespan(t.text, st.where), st.values, st.fillCode);
        break;
      case 'br':
        out += spec.br();
        break;
      case 'link': {
        const l = t as Tokens.Link;
        const inner = within(st, { link: true, styled: true }, () => inline(l.tokens, st));
        const text = fillSentinels(plain(l.tokens), st.values, (v) => v);
        out += keep(spec.link(fillSentinels(l.href, st.values, st.fillUrl), inner, text, st.where));
        break;
      }
      case 'image': {
        const img = t as Tokens.Image;
        const alt = fillSentinels(decodeEntities(img.text), st.values, (v) => v);
        out += keep(spec.image(fillSentinels(img.href, st.values, st.fillUrl), alt, st.where));
        break;
      }
      case 'html': {
        const raw = t.text;
        if (isComment(raw)) break;
        const open = FONT_OPEN.exec(raw.trim());
        const close = open ? fontClose(list, i) : -1;
        if (open && close > i) {
          out += spec.font(open[2].toLowerCase() as FontColor, inline(list.slice(i + 1, close), st));
          i = close;
        } else out += fillSentinels(spec.html(raw), st.values, st.fillText);
        break;
      }
      default: {
        const f: TokenFields = t;
        if (f.tokens) out += inline(f.tokens, st);
        else out += fillSentinels(spec.text(decodeEntities(f.text ?? '')), st.values, st.fillText);
      }
    }
  }
  return out;
}

function walkBlocks(tokens: Token[], st: State, box = ''): string[] {
  const { spec } = st;
  const out: string[] = [];
  // A task list item's box goes before its first paragraph.
  let lead = box;
  const takeLead = () => {
    const p = lead;
    lead = '';
    return p;
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'def':
        break;
      case 'heading':
        out.push(
          spec.heading(
            within(st, { bold: true, styled: true }, () => inline(t.tokens, st)),
            (t as Tokens.Heading).depth,
            st.where
          )
        );
        break;
      case 'paragraph':
        out.push(spec.paragraph(trimEnd(takeLead() + inline(t.tokens, st)), st.where));
        break;
      case 'text': {
        const text = t as Tokens.Text;
        out.push(spec.paragraph(trimEnd(takeLead() + inline(text.tokens ?? [t], st)), st.where));
        break;
      }
      case 'code':
        out.push(fillSentinels(spec.code(t.text, (t as Tokens.Code).lang ?? '', st.where), st.values, st.fillCode));
        break;
      case 'hr':
        out.push(spec.hr());
        break;
      case 'blockquote': {
        const inner = within(st, { quote: st.where.quote + 1 }, () => walkBlocks((t as Tokens.Blockquote).tokens, st));
        out.push(spec.blockquote(inner, st.where));
        break;
      }
      case 'list': {
        const l = t as Tokens.List;
        const items: ListItem[] = l.items.map((item) => {
          const taskBox = item.task ? spec.text(item.checked ? '☑ ' : '☐ ') : '';
          return { blocks: walkBlocks(item.tokens, st, taskBox), task: item.task, checked: item.checked };
        });
        out.push(spec.list(items, l.ordered, typeof l.start === 'number' ? l.start : 1, l.loose, st.where));
        break;
      }
      case 'table': {
        const table = t as Tokens.Table;
        const header = within(st, { bold: true, styled: true }, () => table.header.map((c) => inline(c.tokens, st)));
        out.push(
          spec.table(
            header,
            table.rows.map((r) => r.map((c) => inline(c.tokens, st))),
            st.where
          )
        );
        break;
      }
      case 'html': {
        const raw = t.text.trim();
        if (raw === '' || isComment(raw)) break;
        // Raw HTML shows as text; only a <font color> pair is understood (WeCom).
        const inner = FONT_ANY.test(raw)
          ? inline(marked.Lexer.lexInline(raw, marked.defaults), st)
          : fillSentinels(spec.html(raw), st.values, st.fillText);
        if (inner !== '') out.push(spec.paragraph(inner, st.where));
        break;
      }
      default: {
        const f: TokenFields = t;
        if (f.tokens) out.push(spec.paragraph(inline(f.tokens, st), st.where));
        else if (f.text) out.push(spec.paragraph(fillSentinels(spec.text(f.text), st.values, st.fillText), st.where));
      }
    }
  }
  return out.filter((b) => b !== '');
}

/** The rendered top-level blocks of lexed markdown. */
export function blocks(tokens: Token[], ctx: WalkContext): string[] {
  const { spec } = ctx;
  const st: State = {
    ...ctx,
    where: { bold: false, styled: false, link: false, quote: 0 },
    fillText: (v) => spec.value(v, 'text'),
    fillUrl: (v) => spec.value(v, 'url'),
    fillCode: (v) => spec.value(v, 'code'),
  };
  return walkBlocks(tokens, st);
}

/**
 * CommonMark will not close `**今日任务：**写下` (a closing delimiter after punctuation
 * and before a letter is not right-flanking), yet that is how Chinese editors write bold.
 * These tokenizers accept a simple `**…**` / `*…*` pair whatever surrounds it.
 */
const cjkFriendly = (name: 'strong' | 'em', re: RegExp): TokenizerAndRendererExtension => ({
  name,
  level: 'inline',
  start: (src: string) => {
    const i = src.indexOf('*');
    return i < 0 ? undefined : i;
  },
  tokenizer(this: TokenizerThis, src: string) {
    const m = re.exec(src);
    if (!m) return undefined;
    return { type: name, raw: m[0], text: m[1], tokens: this.lexer.inlineTokens(m[1]) };
  },
});

const marked = new Marked({
  gfm: true,
  breaks: false,
  extensions: [
    cjkFriendly('strong', /^\*\*(?![\s*])([^*\n]+?)(?<!\s)\*\*(?!\*)/),
    cjkFriendly('em', /^\*(?![\s*])([^*\n]+?)(?<!\s)\*(?!\*)/),
  ],
});

/** Lex once per render (renderAll shares the tokens between formats). */
export function lex(markdown: string): Token[] {
  return marked.lexer(markdown);
}
