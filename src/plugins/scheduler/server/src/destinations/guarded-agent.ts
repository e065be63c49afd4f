/**
 * The HTTP client every outgoing request goes through: an undici Agent whose connect hook
 * resolves the host once, checks each address against the policy (policy.ts), and connects
 * to the checked address itself — there is no second lookup a DNS answer could change
 * (rebinding). TLS still verifies the certificate for the URL's host name (SNI).
 */
import dns from 'dns';
import net from 'net';
import { Agent, buildConnector } from 'undici';
import { destinationProblem, type AllowRule } from './policy';

/** Resolves a host name to its addresses (all of them, in the resolver's order). */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** The connection was not made: the destination is not allowed. Not an attempt to retry. */
export class DestinationRefusedError extends Error {
  readonly code = 'EDESTINATIONREFUSED';
}

export interface GuardOptions {
  allowList: () => AllowRule[];
  resolver: () => Resolver;
  /** Connect timeout (ms). */
  connectTimeoutMs: number;
}

/** The first address the policy allows, or DestinationRefusedError naming the first refused one. */
export async function checkedAddress(host: string, port: number, opts: Pick<GuardOptions, 'allowList' | 'resolver'>): Promise<string> {
  const addresses = net.isIP(host) ? [host] : await opts.resolver()(host);
  if (!addresses.length) throw new Error(`${host} has no address`);
  let firstProblem: string | null = null;
  for (const address of addresses) {
    const problem = destinationProblem({ host, port, address }, opts.allowList());
    if (!problem) return address;
    firstProblem ??= problem;
  }
  throw new DestinationRefusedError(firstProblem ?? `destination ${host} is not allowed`);
}

export function guardedAgent(opts: GuardOptions): Agent {
  const connector = buildConnector({ timeout: opts.connectTimeoutMs });
  return new Agent({
    // A receiver must not hold sockets open forever; keep-alive still saves the handshakes of a round.
    keepAliveTimeout: 10_000,
    connect(options, callback) {
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
      checkedAddress(options.hostname, port, opts).then(
        (address) =>
          connector(
            // The socket goes to the checked address; the certificate is still checked for the host name.
            { ...options, hostname: address, servername: net.isIP(options.hostname) ? undefined : options.hostname },
            callback
          ),
        (err: Error) => callback(err, null)
      );
    },
  });
}
