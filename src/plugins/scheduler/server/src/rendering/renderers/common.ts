/** Line-based pieces shared by the chat formats (text, WeCom, Telegram, Slack). */
import type { ListItem } from '../walk';

/** Indent every line but the first. */
const hang = (s: string, pad: string) => (s.indexOf('\n') < 0 ? s : s.replace(/\n/g, '\n' + pad));

/**
 * Lists as lines: "• " bullets (or `bullet`: "- " where the platform renders markdown lists)
 * or "1. " numbers; an item's further blocks and nested lists are indented under its text.
 */
export function listLines(items: ListItem[], ordered: boolean, start: number, bullet = '• '): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const marker = ordered ? `${start + i}. ` : bullet;
    if (i > 0) out += '\n';
    out += marker + hang(items[i].blocks.join('\n'), ' '.repeat(marker.length));
  }
  return out;
}

/** Prefix every line of the joined blocks. */
export const prefixLines = (blocks: string[], prefix: string) => prefix + blocks.join('\n').replace(/\n/g, '\n' + prefix);

/** A simple table as lines: "a | b". */
export const tableLines = (header: string, rows: string[][]) => [header, ...rows.map((r) => r.join(' | '))].join('\n');

export const RULE = '————';

/**
 * A code block's lines in pieces of at most `max` UTF-16 units each (a line longer than that
 * is cut between code points), for formats that fence every piece: each fenced piece is kept
 * whole by the splitter, so a piece must stay far below the platform's limit.
 */
export function codePieces(code: string, max: number): string[] {
  const pieces: string[] = [];
  let lines: string[] = [];
  let size = 0;
  const flush = () => {
    if (lines.length) pieces.push(lines.join('\n'));
    lines = [];
    size = 0;
  };
  for (let line of code.split('\n')) {
    while (line.length > max) {
      flush();
      let cut = max;
      const c = line.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff) cut -= 1;
      pieces.push(line.slice(0, cut));
      line = line.slice(cut);
    }
    if (size + line.length + 3 > max) flush();
    lines.push(line);
    size += line.length + 3;
  }
  flush();
  return pieces;
}
