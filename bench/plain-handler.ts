/**
 * Baseline (b): the purchase without Temporal. One HTTP handler runs the same steps as the purchase
 * workflow until `paid` (the same activity functions: PostgreSQL statements and provider calls) one
 * after another, with no durability: a crash midway would leave them half done. The difference in
 * latency to the real path is the price of durability.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Activities } from '../activities/index.js';
import type { Db } from '../db/client.js';
import { newId } from '../db/new-id.js';
import { insertOrder } from '../db/queries/orders.js';
import { accounts, effectKey } from '../domain/ids.js';
import { freePort } from '../scripts/stack/process.js';

export interface PlainPurchase {
  listingId: string;
  buyerId: string;
  sellerId: string;
  amount: number;
  paymentMethod: string;
}

export async function startPlainHandler(db: Db, activities: Activities) {
  const app = new Hono();
  app.post('/buy', async (c) => {
    const p = await c.req.json<PlainPurchase>();
    const orderId = newId('ord');
    const scope = `plain-${orderId}`;
    const currency = 'EUR' as const;
    await insertOrder(db, {
      id: orderId,
      listingId: p.listingId,
      buyerId: p.buyerId,
      sellerId: p.sellerId,
      quantity: 1,
      amount: BigInt(p.amount),
      currency,
      paymentMethod: p.paymentMethod,
    });
    const status = (to: 'reserved' | 'authorized' | 'paid', from: 'pending' | 'reserved' | 'authorized') =>
      activities.setOrderStatus({ orderId, from: [from], to, eventKey: effectKey(scope, `status:${to}`) });
    await activities.reserveInventory({ orderId, listingId: p.listingId, quantity: 1 });
    await status('reserved', 'pending');
    await activities.screenPurchase({
      orderId,
      buyerId: p.buyerId,
      sellerId: p.sellerId,
      amount: p.amount,
      currency,
      paymentMethod: p.paymentMethod,
    });
    const { intentId } = await activities.authorizePayment({
      idempotencyKey: effectKey(scope, 'authorize'),
      orderId,
      amount: p.amount,
      currency,
      paymentMethod: p.paymentMethod,
    });
    await status('authorized', 'reserved');
    await activities.capturePayment({
      idempotencyKey: effectKey(scope, 'capture'),
      orderId,
      intentId,
      amount: p.amount,
      currency,
    });
    await activities.postLedger({
      key: effectKey(scope, 'capture'),
      description: `order ${orderId}: payment captured into escrow (plain baseline)`,
      orderId,
      lines: [
        { account: accounts.buyerFunding(currency), currency, amount: String(-p.amount) },
        { account: accounts.escrow(orderId), currency, amount: String(p.amount) },
      ],
    });
    await activities.commitReservation({ orderId });
    await status('paid', 'authorized');
    return c.json({ orderId, status: 'paid' }, 201);
  });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}/buy`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
