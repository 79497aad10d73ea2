/**
 * An operator's fraud-review decision whose first answer was lost (the API failed after the workflow
 * took it, so the stored Idempotency-Key was released) is retried with the same key: the retry gets
 * the first outcome, not "not waiting for a fraud review", and the decision is audited once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { orderStatus } from '../support/orders.js';
import { api, eventually, testDb, uniqueUser } from '../support/stack.js';

const { sql, close } = testDb();
afterAll(() => close());

describe('retried fraud-review decision', () => {
  it('repeats the first outcome for the same Idempotency-Key and audits the decision once', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const operator = uniqueUser('op');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Clock', amount: 700_000, currency: 'EUR', quantity: 1 },
    });
    const order = await api('POST', '/v1/orders', {
      user: buyer,
      body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    expect(order.status).toBe(202);
    const orderId: string = order.body.id;
    await eventually(
      async () => (await api('GET', `/v1/orders/${orderId}`, { user: buyer })).body.deadlines?.fraudReviewBy,
    );
    const key = `review-${orderId}`;
    const decide = () =>
      api('POST', `/v1/ops/orders/${orderId}/fraud-review`, {
        user: operator,
        role: 'operator',
        body: { decision: 'allow', note: 'regular customer' },
        headers: { 'idempotency-key': key },
      });
    const first = await decide();
    expect(first.status).toBe(200);
    // The purchase goes on and closes; then the answer is lost and the operator's client retries.
    await eventually(async () => (await orderStatus(orderId, buyer)) === 'paid');
    await sql`delete from idempotency_keys where user_id = ${operator} and key = ${key}`;
    const retried = await decide();
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.id).toBe(orderId);

    const audits = await sql<{ actor_id: string; data: Record<string, unknown> }[]>`
      select actor_id, data from audit_log
      where subject_type = 'order' and subject_id = ${orderId} and action = 'fraud.review'`;
    expect(audits).toEqual([{ actor_id: operator, data: { decision: 'allow', note: 'regular customer' } }]);

    // Another decision (another key) is refused: the review is over.
    const other = await api('POST', `/v1/ops/orders/${orderId}/fraud-review`, {
      user: operator,
      role: 'operator',
      body: { decision: 'deny' },
      headers: { 'idempotency-key': `${key}-2` },
    });
    expect(other.status).toBe(409);
  });
});
