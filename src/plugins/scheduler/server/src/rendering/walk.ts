/**
 * Walks marked's tokens and asks a format for each piece. Every renderer is a FormatSpec;
 * this file knows markdown, the specs know their platform.
 */
import { Marked, type Token, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import { decodeEntities } from './escape';
import { fillSentinels } from './placeholders';

/** Link renderings are wrapped in these so the splitter never cuts inside one. */
export const KEEP_OPEN = '\uE002';
export const KEEP_CLOSE = '\uE003';

export interface Inline {
  text(s: string): string;
  strong(inner: string): string;
  em(inner: string): string;
  del(inner: string): string;
  codespan(code: string): string;
  br(): string;
  link(href: string | null, inner: string, plainText: string): string;
  image(src: string | null, alt: string): string;
  /** Raw HTML typed in markdown: never passed through as markup. */
  html(raw: string): string;
}

export interface Blocks {
  heading(inner: string, depth: number): string;
  paragraph(inner: string): string;
  code(text: string): string;
  hr(): string;
  blockquote(blocks: string[]): string;
  list(items: string[][], ordered: boolean, start: number): string;
  table(header: string[], rows: string[][]): string;
}

export interface FormatSpec extends Inline, Blocks {
  /** A placeholder value, escaped for text or for a URL. */
  value(v: string, ctx: 'text' | 'url'): string;
}

export interface WalkContext {
  spec: FormatSpec;
  values: string[];
}

const plain = (tokens: Token[] | undefined): string =>
  (tokens ?? [])
    .map((t: any) => (t.tokens ? plain(t.tokens) : t.type === 'codespan' ? t.text : t.type === 'br' ? '\n' : decodeEntities(t.text ?? '')))
    .join('');

function urlWithValues(raw: string, ctx: WalkContext): string {
  return fillSentinels(raw, ctx.values, (v) => ctx.spec.value(v, 'url'));
}

export function inline(tokens: Token[] | undefined, ctx: WalkContext): string {
  const { spec } = ctx;
  const textWithValues = (s: string) => fillSentinels(spec.text(decodeEntities(s)), ctx.values, (v) => spec.value(v, 'text'));
  let out = '';
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
        out += (t as any).tokens ? inline((t as any).tokens, ctx) : textWithValues(t.text);
        break;
      case 'escape':
        out += textWithValues(t.text);
        break;
      case 'strong':
        out += spec.strong(inline(t.tokens, ctx));
        break;
      case 'em':
        out += spec.em(inline(t.tokens, ctx));
        break;
      case 'del':
        out += spec.del(inline(t.tokens, ctx));
        break;
      case 'codespan':
        out += fillSentinels(spec.codespan(decodeEntities(t.text)), ctx.values, (v) => spec.value(v, 'text'));
        break;
      case 'br':
        out += spec.br();
        break;
      case 'link': {
        const l = t as Tokens.Link;
        out += KEEP_OPEN + spec.link(urlWithValues(l.href, ctx), inline(l.tokens, ctx), fillSentinels(plain(l.tokens), ctx.values, (v) => v)) + KEEP_CLOSE;
        break;
      }
      case 'image': {
        const img = t as Tokens.Image;
        out += KEEP_OPEN + spec.image(urlWithValues(img.href, ctx), fillSentinels(decodeEntities(img.text), ctx.values, (v) => v)) + KEEP_CLOSE;
        break;
      }
      case 'html':
        out += fillSentinels(spec.html(t.text), ctx.values, (v) => spec.value(v, 'text'));
        break;
      default:
        out += textWithValues((t as any).text ?? '');
    }
  }
  return out;
}

export function blocks(tokens: Token[], ctx: WalkContext): string[] {
  const { spec } = ctx;
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'def':
        break;
      case 'heading':
        out.push(spec.heading(inline(t.tokens, ctx), (t as Tokens.Heading).depth));
        break;
      case 'paragraph':
        out.push(spec.paragraph(inline(t.tokens, ctx)));
        break;
      case 'text':
        out.push(spec.paragraph((t as any).tokens ? inline((t as any).tokens, ctx) : inline([t], ctx)));
        break;
      case 'code':
        out.push(fillSentinels(spec.code(t.text), ctx.values, (v) => spec.value(v, 'text')));
        break;
      case 'hr':
        out.push(spec.hr());
        break;
      case 'blockquote':
        out.push(spec.blockquote(blocks((t as Tokens.Blockquote).tokens, ctx)));
        break;
      case 'list': {
        const list = t as Tokens.List;
        const items = list.items.map((item) => blocks(item.tokens, ctx));
        out.push(spec.list(items, list.ordered, typeof list.start === 'number' ? list.start : 1));
        break;
      }
      case 'table': {
        const table = t as Tokens.Table;
        out.push(spec.table(table.header.map((c) => inline(c.tokens, ctx)), table.rows.map((r) => r.map((c) => inline(c.tokens, ctx)))));
        break;
      }
      case 'html':
        out.push(spec.paragraph(fillSentinels(spec.html(t.text.trim()), ctx.values, (v) => spec.value(v, 'text'))));
        break;
      default:
        if ((t as any).text) out.push(spec.paragraph(inline([{ type: 'text', raw: (t as any).text, text: (t as any).text } as any], ctx)));
    }
  }
  return out.filter((b) => b !== '');
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
  tokenizer(this: any, src: string) {
    const m = re.exec(src);
    if (!m) return undefined;
    return { type: name, raw: m[0], text: m[1], tokens: this.lexer.inlineTokens(m[1]) } as any;
  },
});

const marked = new Marked({
  gfm: true,
  breaks: false,
  extensions: [cjkFriendly('strong', /^\*\*(?![\s*])([^*\n]+?)(?<!\s)\*\*(?!\*)/), cjkFriendly('em', /^\*(?![\s*])([^*\n]+?)(?<!\s)\*(?!\*)/)],
});

export function lex(markdown: string): Token[] {
  return marked.lexer(markdown);
}
