/**
 * Errors that mean a dependency is briefly out, not that the request or the code is wrong: PostgreSQL
 * ending or refusing connections (a restart, a failover, an operator's `pg_terminate_backend`) and
 * Redis closed. The API answers them 503 `upstream_unavailable` with Retry-After, which clients and
 * the SDK retry, instead of a 500 that says the request failed for good.
 */

/** SQLSTATE class 08 (connection exception) and the shutdowns of class 57P. */
const POSTGRES_OUTAGE_STATES = /^(08\d{3}|57P0[1-3])$/;
/** postgres.js's own codes for a connection that went away under a query. */
const POSTGRES_CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
]);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** ioredis: the connection closed under a command, or the command ran out of reconnection tries. */
const REDIS_OUTAGE = (err: Error) =>
  err.message === 'Connection is closed.' || err.name === 'MaxRetriesPerRequestError';

/** True for a dependency outage, looking through wrappers (drizzle's DrizzleQueryError keeps it as `cause`). */
export function isDependencyOutage(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (POSTGRES_OUTAGE_STATES.test(code) || POSTGRES_CONNECTION_CODES.has(code) || SOCKET_CODES.has(code))
        return true;
    }
    if (REDIS_OUTAGE(e)) return true;
  }
  return false;
}

/** How long a client should wait before trying again: a restart or failover takes seconds. */
export const OUTAGE_RETRY_AFTER_SECONDS = 1;
