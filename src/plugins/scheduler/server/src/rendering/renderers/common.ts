/** Line-based pieces shared by the chat formats (text, WeCom, Telegram, Slack). */
import type { ListItem } from '../walk';

/** Indent every line but the first. */
const hang = (s: string, pad: string) => (s.indexOf('\n') < 0 ? s : s.replace(/\n/g, '\n' + pad));

/**
 * Lists as lines: "• " bullets or "1. " numbers; an item's further blocks and nested
 * lists are indented under its text.
 */
export function listLines(items: ListItem[], ordered: boolean, start: number): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const marker = ordered ? `${start + i}. ` : '• ';
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
