/**
 * postgres.js 3.4.x can throw from a setImmediate after a connection closed under it
 * (`socket.write` on null in connection.js nextWrite: porsager/postgres#1154, #1208; fixes #1168 and
 * #1209 not released). Nothing can catch it, and it would take the whole worker or API down whenever
 * PostgreSQL drops a connection. The query it belonged to has already failed with CONNECTION_CLOSED
 * (or times out and is retried), so this one error is logged and survived; any other uncaught error
 * still ends the process.
 */
import type { Logger } from 'pino';

export function isPostgresClosedSocketWrite(err: unknown): boolean {
  return (
    err instanceof TypeError &&
    /reading 'write'/.test(err.message) &&
    /postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '')
  );
}

export function survivePostgresClosedSocketWrite(log: Logger): void {
  process.on('uncaughtException', (err) => {
    if (isPostgresClosedSocketWrite(err)) {
      log.warn({ err: err.message }, 'postgres.js wrote to a closed connection (upstream bug); continuing');
      return;
    }
    log.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
}
