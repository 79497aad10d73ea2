import { newId } from '../db/new-id.js';
import * as inventory from '../db/queries/inventory.js';
import { ExpectedFailure, FAILURE_TYPES } from '../domain/failures.js';
import type { ReserveInventoryInput } from '../domain/purchase.js';
import type { ActivityDeps } from './deps.js';

export function createInventoryActivities({ db }: ActivityDeps) {
  return {
    async reserveInventory(input: ReserveInventoryInput): Promise<void> {
      const outcome = await inventory.reserve(db, { reservationId: newId('res'), ...input });
      if (outcome === 'out_of_stock')
        throw new ExpectedFailure(FAILURE_TYPES.outOfStock, `listing ${input.listingId} is out of stock`);
      if (outcome === 'listing_not_found')
        throw new ExpectedFailure(FAILURE_TYPES.listingUnavailable, `listing ${input.listingId} not found`);
    },
    async releaseReservation({ orderId }: { orderId: string }): Promise<void> {
      await inventory.release(db, orderId);
    },
    async commitReservation({ orderId }: { orderId: string }): Promise<void> {
      await inventory.commit(db, orderId);
    },
    async restockOrder({ orderId }: { orderId: string }): Promise<void> {
      await inventory.restock(db, orderId);
    },
  };
}
