/** Orders brought to a state over the HTTP API, for tests that start from there. */
import { expect } from 'vitest';
import { api, eventually, uniqueUser } from './stack.js';

/** A fresh seller's listing bought by a fresh buyer, paid, with its escrow running. */
export async function paidOrder(options: { amount?: number; title?: string; stock?: number } = {}) {
  const seller = uniqueUser('seller');
  const buyer = uniqueUser('buyer');
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: {
      title: options.title ?? 'Lamp',
      amount: options.amount ?? 10_000,
      currency: 'EUR',
      quantity: options.stock ?? 2,
    },
  });
  expect(listing.status).toBe(201);
  const order = await api('POST', '/v1/orders?wait=payment', {
    user: buyer,
    body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(order.body.status).toBe('paid');
  // The escrow workflow starts right after payment; its deadlines show it is taking updates.
  await eventually(
    async () => (await api('GET', `/v1/orders/${order.body.id}`, { user: buyer })).body.deadlines?.shipBy,
  );
  return { seller, buyer, listing: listing.body, order: order.body };
}

export async function shippedOrder(options: { amount?: number } = {}) {
  const paid = await paidOrder(options);
  const shipped = await api('POST', `/v1/orders/${paid.order.id}/ship`, {
    user: paid.seller,
    body: { carrier: 'UPS', trackingNumber: '1Z999AA1' },
  });
  expect(shipped.body.status).toBe('shipped');
  return paid;
}

export const orderStatus = async (id: string, user: string) =>
  (await api('GET', `/v1/orders/${id}`, { user })).body.status as string;
