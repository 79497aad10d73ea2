import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx, Tx } from './client.js';

/**
 * Runs `fn` in a transaction: the caller's, when `db` is one already, else a new one. Inside the
 * caller's there is no savepoint (two round trips fewer): a failure aborts the caller's whole
 * transaction. For queries whose callers never catch their failure and go on in the same
 * transaction; one that needs to (offer acceptance's sold-out placement) keeps `db.transaction`.
 */
export function withinTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db instanceof PgTransaction ? fn(db as Tx) : (db as Db).transaction(fn);
}
