/**
 * Every line Strapi logs, whatever its level, copied into `into` (and still logged), for
 * tests that prove a credential never reaches a log.
 */
import type { Core } from '@strapi/strapi';

export function captureLogs(strapi: Core.Strapi, into: string[]): void {
  const log = strapi.log as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const level of ['error', 'warn', 'info', 'http', 'verbose', 'debug']) {
    const original = log[level].bind(strapi.log);
    log[level] = (...args: unknown[]) => {
      into.push(
        args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(' ')
      );
      return original(...args);
    };
  }
}
