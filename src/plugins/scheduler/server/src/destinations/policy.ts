/**
 * Where the server may send requests, decided per connection. Pure: the connect hook
 * (guarded-agent.ts) resolves names and asks here about each address it would connect to.
 *
 * Only public unicast addresses are reachable, unless SCHEDULER_ALLOWED_DESTINATIONS names
 * the host, address or range (optionally with a port). Ranges come from ipaddr.js, which
 * knows the special-purpose registries for IPv4 and IPv6; an IPv4-mapped IPv6 address is
 * judged as the IPv4 address it carries. URL hosts in numeric forms (`2130706433`,
 * `0x7f.1`) are normalized by the WHATWG URL parser before they get here.
 */
import ipaddr from 'ipaddr.js';

export const ALLOW_LIST_ENV = 'SCHEDULER_ALLOWED_DESTINATIONS';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** One entry of the allow-list: a host name, or an address range (a single address is a /32 or /128), with an optional port. */
export type AllowRule = { kind: 'host'; host: string; port?: number } | { kind: 'range'; range: [Address, number]; port?: number };

/** Why an address is refused, in words an operator reads in a post's reason. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local (cloud metadata services live here)',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (shared address space)',
  private: 'private',
  reserved: 'reserved',
  uniqueLocal: 'unique-local (private IPv6)',
  benchmarking: 'reserved for benchmarking',
  amt: 'reserved (AMT)',
  as112: 'reserved (AS112)',
  as112v6: 'reserved (AS112)',
  deprecated: 'deprecated',
  orchid2: 'reserved (ORCHIDv2)',
  rfc6145: 'an IPv4-translated address',
  rfc6052: 'an IPv4/IPv6 translation address',
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address',
  droneRemoteIdProtocolEntityTags: 'reserved (DRIP)',
};

/** The address itself, with an IPv4-mapped IPv6 address turned into its IPv4 address. */
function normalized(address: string): Address | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return null;
  // ipaddr.process unmaps ::ffff:a.b.c.d; parse() alone would accept non-canonical IPv4 forms.
  if (ipaddr.IPv4.isValid(bare) && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return null;
  return ipaddr.process(bare);
}

/** True for a literal IP address (either family, brackets allowed). */
export const isIpLiteral = (host: string): boolean => normalized(host) !== null;

/** The range an address belongs to (`unicast` for a public one), or null when it is not an address. */
export function addressRange(address: string): string | null {
  return normalized(address)?.range() ?? null;
}

/** Null for a public unicast address; otherwise why it is refused. */
export function refusal(address: string): string | null {
  const range = addressRange(address);
  if (range === null) return 'not an IP address';
  if (range === 'unicast') return null;
  return RANGE_WORDS[range] ?? range;
}

function parsePort(text: string, entry: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) throw new Error(`${ALLOW_LIST_ENV}: bad port in "${entry}"`);
  return port;
}

function parseRange(text: string, entry: string): [Address, number] {
  if (!text.includes('/')) {
    const addr = normalized(text);
    if (!addr) throw new Error(`${ALLOW_LIST_ENV}: "${entry}" is not a valid address`);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  }
  let parsed: [Address, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    throw new Error(`${ALLOW_LIST_ENV}: "${entry}" is not a valid address range`);
  }
  const [addr, bits] = parsed;
  // ::ffff:10.0.0.0/104 means 10.0.0.0/8: connections are judged by the unmapped address.
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96)
    return [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return parsed;
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/**
 * `127.0.0.1:4010,10.0.0.0/8,receiver.internal:8443,[::1]:4010,[fd00::/8]`: hosts, addresses
 * or CIDR ranges, each with an optional port (IPv6 in brackets when a port follows).
 * Throws naming the entry that is not one of these (startup fails, not a silent hole).
 */
export function parseAllowList(text: string): AllowRule[] {
  const rules: AllowRule[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry.includes('/') && /^[a-z][a-z0-9+.-]*:/i.test(entry) && !/^[\d.:[\]a-f/]+$/i.test(entry))
      throw new Error(`${ALLOW_LIST_ENV}: "${entry}" is not a host, an address or a CIDR range (no scheme or path)`);
    let body = entry;
    let port: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      body = bracketed[1];
      if (bracketed[2] !== undefined) port = parsePort(bracketed[2], entry);
    } else if ((entry.match(/:/g) ?? []).length === 1) {
      const at = entry.lastIndexOf(':');
      body = entry.slice(0, at);
      port = parsePort(entry.slice(at + 1), entry);
    }
    // A name whose last label is a number is an IPv4 address in another form (0x7f.1): not a name.
    const lastLabel = body.replace(/\.$/, '').split('.').pop() ?? '';
    if (!body.includes(':') && /^(0x[0-9a-f]*|\d+)$/i.test(lastLabel) && !/^[\d./]+$/.test(body))
      throw new Error(`${ALLOW_LIST_ENV}: write "${entry}" as a dotted-decimal address`);
    const looksNumeric = /^[\d./]+$/.test(body) || body.includes(':');
    if (looksNumeric) rules.push({ kind: 'range', range: parseRange(body, entry), ...(port ? { port } : {}) });
    else if (HOST_NAME.test(body)) rules.push({ kind: 'host', host: body.toLowerCase().replace(/\.$/, ''), ...(port ? { port } : {}) });
    else throw new Error(`${ALLOW_LIST_ENV}: "${entry}" is not a host, an address or a CIDR range`);
  }
  return rules;
}

/** One connection the server is about to make: the URL's host, the port, and the address it resolved to. */
export interface Destination {
  host: string;
  port: number;
  address: string;
}

/** Whether an allow-list rule lets this connection through although its address is not public. */
function allows(rule: AllowRule, d: Destination): boolean {
  if (rule.port !== undefined && rule.port !== d.port) return false;
  if (rule.kind === 'host') return rule.host === d.host.toLowerCase().replace(/\.$/, '');
  const addr = normalized(d.address);
  return addr !== null && addr.kind() === rule.range[0].kind() && addr.match(rule.range);
}

/** Null when the connection may be made; otherwise the sentence a post's reason carries. */
export function destinationProblem(d: Destination, allowList: AllowRule[]): string | null {
  const why = refusal(d.address);
  if (why === null || allowList.some((rule) => allows(rule, d))) return null;
  const bare = d.address.replace(/^\[|\]$/g, '');
  const named = d.host.replace(/^\[|\]$/g, '') === bare ? bare : `${d.host} (${bare})`;
  return `destination ${named} is ${why}, not allowed; see ${ALLOW_LIST_ENV}`;
}

/** The port a URL connects to. */
export function urlPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * For a URL whose host is a literal address: its problem, known without any lookup (used on
 * save, so a group cannot even be pointed at 169.254.169.254). Null for names (they are
 * checked when connecting) and allowed addresses.
 */
export function literalDestinationProblem(urlText: string, allowList: AllowRule[]): string | null {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return null; // not a URL: the platform's own validation says so
  }
  if (!isIpLiteral(url.hostname)) return null;
  return destinationProblem({ host: url.hostname, port: urlPort(url), address: url.hostname }, allowList);
}
