/**
 * Errors that mean "the database is not there right now" (restarting, failing over, the
 * network to it gone), as opposed to a query that is wrong. PostgreSQL SQLSTATE classes 08
 * (connection exception) and 57P (operator intervention: shutdown), Node socket errors and
 * knex's pool timeout.
 */
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const MESSAGES =
  /Connection terminated|connection is closed|Client has encountered a connection error|Timeout acquiring a connection|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (e.code && CODES.has(e.code)) return true;
  if (e.message && MESSAGES.test(e.message)) return true;
  return e.cause ? isDatabaseUnavailable(e.cause) : false;
}
