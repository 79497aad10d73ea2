import { postEntry } from '../db/queries/ledger.js';
import type { LedgerPostInput } from '../domain/purchase.js';
import type { ActivityDeps } from './deps.js';
import { typed } from './failures.js';

export function createLedgerActivities({ db }: ActivityDeps) {
  return {
    postLedger: typed(async (input: LedgerPostInput): Promise<{ created: boolean }> => {
      const { created } = await postEntry(db, input);
      return { created };
    }),
  };
}
