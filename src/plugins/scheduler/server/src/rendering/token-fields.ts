import type { Token, Tokens } from 'marked';

/**
 * The fields the walkers read from a token of any type. marked types its own kinds, and
 * every other one (our CJK strong/em tokens among them) as Tokens.Generic, an index of
 * anything; each kind has a field of these names with this type, or none. So any token
 * is one of these: `const f: TokenFields = token` reads them without a cast.
 */
export interface TokenFields {
  type: string;
  raw: string;
  text?: string;
  href?: string;
  tokens?: Token[];
  items?: Tokens.ListItem[];
  header?: Tokens.TableCell[];
  rows?: Tokens.TableCell[][];
}
