/**
 * Erased accounts (docs/privacy.md): a token outlives its holder's erasure until it expires, so the
 * request's admission (api/auth/admit-user.ts) asks `isErased` and answers 403 `account_erased`.
 * An erasure is final: an erased id is remembered per database handle (a bounded set); any other id is
 * looked up each time, so the request right after an erasure is already refused, on every replica.
 */
import type { DbOrTx } from '../../db/client.js';
import { isUserErased } from '../../db/queries/erasures.js';

const REMEMBERED = 10_000;
const erasedIds = new WeakMap<object, Set<string>>();

export async function isErased(db: DbOrTx, userId: string): Promise<boolean> {
  if (erasedIds.get(db)?.has(userId)) return true;
  if (!(await isUserErased(db, userId))) return false;
  const known = erasedIds.get(db) ?? new Set<string>();
  erasedIds.set(db, known);
  if (known.size >= REMEMBERED) known.clear();
  known.add(userId);
  return true;
}
