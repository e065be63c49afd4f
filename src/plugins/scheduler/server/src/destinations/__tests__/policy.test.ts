/**
 * The range rules over a table of addresses. Expected values are from the IANA special-purpose
 * address registries (RFC 6890 and its updates: RFC 1122 "this network", 1918 private, 3927
 * link-local, 6598 shared/CGNAT, 5737 documentation, 2544 benchmarking, 4193 unique-local,
 * 4291 IPv6 loopback/link-local/multicast/mapped), written here by hand, not asked of ipaddr.js.
 */
import { destinationProblem, isIpLiteral, literalDestinationProblem, parseAllowList, refusal } from '../policy';

const refused: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link-local'], // AWS, GCP, Azure metadata
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.254', 'carrier-grade NAT'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.251', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.2.10', 'reserved'], // TEST-NET-1
  ['198.51.100.1', 'reserved'], // TEST-NET-2
  ['203.0.113.1', 'reserved'], // TEST-NET-3
  ['240.0.0.1', 'reserved'],
  ['198.18.0.1', 'reserved'], // benchmarking (RFC 2544)
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'link-local'],
  ['fd00::1', 'unique-local'],
  ['fc00::1', 'unique-local'],
  ['fd00:ec2::254', 'unique-local'], // AWS's IPv6 metadata address
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'], // documentation
  ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped: judged as the IPv4 address
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:10.1.2.3', 'private'],
  ['[::1]', 'loopback'],
  ['64:ff9b::a00:1', 'IPv4/IPv6 translation'], // NAT64 of 10.0.0.1
  ['2002:a00:1::', '6to4'], // 6to4 of 10.0.0.1
  ['2001:0:4136:e378::1', 'Teredo'],
];

const publicAddresses = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.215.14',
  '101.226.103.106',
  '2001:4860:4860::8888',
  '2606:4700:4700::1111',
  '::ffff:8.8.8.8',
];

describe('refusal: which addresses are not public unicast', () => {
  it.each(refused)('%s is refused as %s', (address, why) => {
    expect(refusal(address)).toContain(why);
  });
  it.each(publicAddresses)('%s is public', (address) => {
    expect(refusal(address)).toBeNull();
  });
  it.each(['2130706433', '0x7f.1', '127.1', '017700000001', 'localhost', 'example.com', ''])(
    '%s is not an address in canonical form, so it is refused (the URL parser normalizes real hosts first)',
    (text) => {
      expect(refusal(text)).toBe('not an IP address');
    }
  );
});

describe('URL hosts in numeric forms become the address they mean', () => {
  // The WHATWG URL parser turns these into dotted quads or bracketed IPv6: the policy sees 127.0.0.1.
  it.each([
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://017700000001/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]:8080/x',
    'https://127.0.0.1./',
  ])('%s is refused before any lookup', (url) => {
    expect(literalDestinationProblem(url, [])).toMatch(/^destination .* is loopback, not allowed; see SCHEDULER_ALLOWED_DESTINATIONS$/);
  });
  it('names are left to the connect-time check', () => {
    expect(literalDestinationProblem('http://localhost:4010/', [])).toBeNull();
    expect(isIpLiteral('localhost')).toBe(false);
  });
  it('the metadata address is refused on save with its reason', () => {
    expect(literalDestinationProblem('http://169.254.169.254/latest/meta-data/', [])).toBe(
      'destination 169.254.169.254 is link-local (cloud metadata services live here), not allowed; see SCHEDULER_ALLOWED_DESTINATIONS'
    );
  });
});

describe('SCHEDULER_ALLOWED_DESTINATIONS', () => {
  const list = parseAllowList('127.0.0.1:4010, 10.0.0.0/8, receiver.internal:8443, [::1]:4011, fd00::/8, ::ffff:192.168.0.0/112');
  const cases: [string, { host: string; port: number; address: string }, boolean][] = [
    ['an allowed address and port', { host: '127.0.0.1', port: 4010, address: '127.0.0.1' }, true],
    ['the allowed address on another port', { host: '127.0.0.1', port: 4011, address: '127.0.0.1' }, false],
    ['another loopback address', { host: '127.0.0.2', port: 4010, address: '127.0.0.2' }, false],
    ['a name resolving to an allowed address and port', { host: 'hooks.local', port: 4010, address: '127.0.0.1' }, true],
    ['an address in an allowed range, any port', { host: '10.20.30.40', port: 9000, address: '10.20.30.40' }, true],
    ['a mapped address in an allowed range', { host: 'x', port: 80, address: '::ffff:10.1.1.1' }, true],
    ['outside the ranges', { host: '172.20.0.1', port: 80, address: '172.20.0.1' }, false],
    ['a range given as mapped IPv6 covers the IPv4 addresses', { host: '192.168.7.7', port: 80, address: '192.168.7.7' }, true],
    ['an allowed host name with its port', { host: 'receiver.internal', port: 8443, address: '172.16.0.9' }, true],
    ['an allowed host name, case and trailing dot', { host: 'Receiver.Internal.', port: 8443, address: '172.16.0.9' }, true],
    ['an allowed host name on another port', { host: 'receiver.internal', port: 443, address: '172.16.0.9' }, false],
    ['IPv6 loopback with its port', { host: '::1', port: 4011, address: '::1' }, true],
    ['IPv6 loopback on another port', { host: '::1', port: 4010, address: '::1' }, false],
    ['an IPv6 unique-local range', { host: 'fd12::5', port: 443, address: 'fd12::5' }, true],
    ['link-local is never in these ranges', { host: '169.254.169.254', port: 80, address: '169.254.169.254' }, false],
    ['public addresses need no entry', { host: 'example.com', port: 443, address: '93.184.215.14' }, true],
  ];
  it.each(cases)('%s', (_, d, allowed) => {
    expect(destinationProblem(d, list) === null).toBe(allowed);
  });

  it('names the host and the address it resolved to', () => {
    expect(destinationProblem({ host: 'localhost', port: 80, address: '::1' }, [])).toBe(
      'destination localhost (::1) is loopback, not allowed; see SCHEDULER_ALLOWED_DESTINATIONS'
    );
  });

  it('an empty list allows nothing private', () => {
    expect(parseAllowList('')).toEqual([]);
    expect(parseAllowList(' , ')).toEqual([]);
  });

  it.each(['http://10.0.0.1', '10.0.0.0/33', '10.0.0.1:99999', '10.0.0.1:', 'not a host!', '[::1', '300.1.1.1', '0x7f.1', 'a b'])(
    'refuses the entry %s at startup, naming it',
    (entry) => {
      expect(() => parseAllowList(`127.0.0.1,${entry}`)).toThrow(/SCHEDULER_ALLOWED_DESTINATIONS/);
    }
  );
});
