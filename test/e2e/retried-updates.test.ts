/**
 * A party's action whose first answer was lost (the API failed after the workflow took it, so the
 * stored Idempotency-Key was released) is retried with the same key: it gets the first outcome
 * again, not "the order has moved on".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { paidOrder } from '../support/orders.js';
import { api, testDb } from '../support/stack.js';

const { sql, close } = testDb();
afterAll(() => close());

/** What the idempotency middleware does after a 5xx: forget the key so the client may retry. */
const loseAnswer = (user: string, key: string) =>
  sql`delete from idempotency_keys where user_id = ${user} and key = ${key}`;

describe('retried updates', () => {
  it('ship, then dispute: a retry with the same key after a lost answer repeats the first outcome', async () => {
    const { seller, buyer, order } = await paidOrder({ amount: 3_300 });
    const ship = () =>
      api('POST', `/v1/orders/${order.id}/ship`, {
        user: seller,
        body: { carrier: 'UPS', trackingNumber: '1Z999AA1' },
        headers: { 'idempotency-key': `ship-${order.id}` },
      });
    expect((await ship()).body.status).toBe('shipped');
    await loseAnswer(seller, `ship-${order.id}`);
    const again = await ship();
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('shipped');

    const dispute = () =>
      api('POST', `/v1/orders/${order.id}/disputes`, {
        user: buyer,
        body: { reason: 'not_received', description: 'nothing came' },
        headers: { 'idempotency-key': `dispute-${order.id}` },
      });
    const first = await dispute();
    expect(first.status).toBe(201);
    await loseAnswer(buyer, `dispute-${order.id}`);
    const retried = await dispute();
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(first.body.id);

    // Without a key, a second ship is a new request and is refused as such.
    const fresh = await api('POST', `/v1/orders/${order.id}/ship`, {
      user: seller,
      body: { carrier: 'UPS', trackingNumber: '1Z999AA1' },
    });
    expect(fresh.status).toBe(409);
  });
});
