/**
 * The markdown itself with placeholders filled in: each value escaped for where its
 * placeholder stands, found from the lexed tokens: in a link or image URL it is
 * percent-encoded, in code it is kept as typed (backticks and tildes made full-width so
 * it cannot close the code), anywhere else every markdown punctuation mark is
 * backslash-escaped. Blocks are the source of the top-level tokens, for the splitter;
 * link reference definitions (not tokens) come back apart, to be repeated in every part.
 */
import type { Links, Token } from 'marked';
import { encodeUrlValue, escapeMarkdown } from '../escape';
import { fillSentinels, slotsIn } from '../placeholders';
import type { TokenFields } from '../token-fields';

type Context = 'url' | 'code';
/** Where a placeholder stands in the markdown source. */
export type ValueContext = Context | 'text';

function collect(tokens: Token[] | undefined, into: Map<number, Context>): void {
  for (const t of tokens ?? []) {
    const f: TokenFields = t;
    if (t.type === 'link' || t.type === 'image' || t.type === 'def') for (const slot of slotsIn(f.href)) into.set(slot, 'url');
    else if (t.type === 'codespan' || t.type === 'code') for (const slot of slotsIn(f.text)) if (!into.has(slot)) into.set(slot, 'code');
    if (f.tokens) collect(f.tokens, into);
    if (f.items) for (const item of f.items) collect(item.tokens, into);
    if (f.header) for (const cell of f.header) collect(cell.tokens, into);
    if (f.rows) for (const row of f.rows) for (const cell of row) collect(cell.tokens, into);
  }
}

const codeValue = (v: string) => v.replace(/`/g, '｀').replace(/~/g, '～');

/** A value escaped for where it stands in the source. */
export const markdownValue = (v: string, ctx: ValueContext) =>
  ctx === 'url' ? encodeUrlValue(v) : ctx === 'code' ? codeValue(v) : escapeMarkdown(v);

/**
 * `tokens` as lexed: the list also holds the link reference definitions (marked's TokensList).
 * `value` escapes a value for its context (template.ts passes one that leaves a mark).
 */
export function markdownBlocks(
  tokens: Token[] & { links?: Links },
  values: string[],
  source: string,
  value: (v: string, ctx: ValueContext, slot: number) => string = markdownValue
): { body: string; blocks: string[]; defs: string } {
  const contexts = new Map<number, Context>();
  const links: Links = tokens.links ?? {};
  if (values.length) {
    collect(tokens, contexts);
    for (const def of Object.values(links)) for (const slot of slotsIn(def.href)) contexts.set(slot, 'url');
  }
  const fill = (s: string) => fillSentinels(s, values, (v, slot) => value(v, contexts.get(slot) ?? 'text', slot));
  const blocks: string[] = [];
  for (const t of tokens) {
    if (t.type === 'space' || !t.raw || t.raw.trim() === '') continue;
    blocks.push(fill(t.raw).replace(/\s+$/, ''));
  }
  // Link reference definitions are not tokens: written back in every part (see index.ts).
  const defs = Object.entries(links)
    // The title's own quotes escaped first; then its values, escaped as text (quotes included).
    .map(([label, def]) => `[${label}]: <${fill(def.href)}>${def.title ? ` "${fill(def.title.replace(/"/g, '\\"'))}"` : ''}`)
    .join('\n');
  return { body: fill(source).replace(/\s+$/, ''), blocks, defs };
}
