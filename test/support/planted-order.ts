/**
 * An order planted straight in the run's PostgreSQL for the queries' integration tests: its own
 * seller and buyer, a one-unit listing, the `pending` row, and its stock taken as the API takes it.
 */
import type { Db } from '../../db/client.js';
import { newId } from '../../db/new-id.js';
import { createListing } from '../../db/queries/listings.js';
import { placeOrderWithStock } from '../../db/queries/order-placement.js';
import { ensureUser } from '../../db/queries/users.js';
import { uniqueUser } from './stack.js';

export async function plantedOrder(db: Db, amount = 900n) {
  const seller = uniqueUser('seller');
  const buyer = uniqueUser('buyer');
  await ensureUser(db, seller, 'seller');
  await ensureUser(db, buyer, 'buyer');
  const listing = await createListing(db, {
    id: newId('lst'),
    sellerId: seller,
    title: 'Planted',
    amount,
    currency: 'EUR',
    quantity: 1,
    available: 1,
  });
  const placed = await placeOrderWithStock(db, {
    id: newId('ord'),
    listingId: listing.id,
    buyerId: buyer,
    sellerId: seller,
    quantity: 1,
    amount,
    currency: 'EUR',
    paymentMethod: 'pm_card_ok',
  });
  if (placed === 'out_of_stock') throw new Error('the planted order found no stock');
  return { orderId: placed.order.id, buyer, seller, listingId: listing.id };
}
