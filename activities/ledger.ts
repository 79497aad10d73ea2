import { postEntry, releasedForOrder } from '../db/queries/ledger.js';
import type { ReleasedShare } from '../domain/chargeback.js';
import type { LedgerPostInput } from '../domain/ledger.js';
import type { ActivityDeps } from './deps.js';

export function createLedgerActivities({ db }: ActivityDeps) {
  return {
    async postLedger(input: LedgerPostInput): Promise<{ created: boolean }> {
      const { created } = await postEntry(db, input);
      return { created };
    },
    /** What an order's postings left with the seller and in the fees (domain/chargeback.ts). */
    async releasedForOrder({ orderId }: { orderId: string }): Promise<ReleasedShare[]> {
      return releasedForOrder(db, orderId);
    },
  };
}
