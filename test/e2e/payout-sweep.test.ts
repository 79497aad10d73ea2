/**
 * The daily payout sweep (the schedule's workflow) against the stack: a seller whose released money
 * is due gets one payout, paid at the provider. Started here under a known id, not through the
 * schedule, so its history can be recorded for the replay test.
 */
import { describe, expect, it } from 'vitest';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { payoutSweepWorkflow } from '../../workflows/payout-sweep.js';
import { recordHistories } from '../support/histories.js';
import { onboardSeller } from '../support/onboarding.js';
import { api, eventually, uniqueUser } from '../support/stack.js';
import { stackTemporal } from '../support/temporal.js';

// Above what other tests' sellers earn, so the sweep pays this seller and, in practice, no one else.
const PRICE = 48_000;
const AVAILABLE = PRICE - PRICE / 10;

const balance = async (seller: string) =>
  (await api('GET', '/v1/sellers/me/balance', { user: seller, role: 'seller' })).body.balances[0];

/** A seller with one released sale: `AVAILABLE` minor units waiting for a payout. */
async function sellerWithReleasedSale(): Promise<string> {
  const seller = uniqueUser('seller');
  const buyer = uniqueUser('buyer');
  await onboardSeller(seller);
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: { title: 'Cello', amount: PRICE, currency: 'EUR', quantity: 1 },
  });
  expect(listing.status).toBe(201);
  const order = await api('POST', '/v1/orders?wait=payment', {
    user: buyer,
    body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(order.body.status, JSON.stringify(order.body)).toBe('paid');
  const path = `/v1/orders/${order.body.id}`;
  await eventually(async () => (await api('GET', path, { user: buyer })).body.deadlines?.shipBy);
  const shipped = await api('POST', `${path}/ship`, {
    user: seller,
    body: { carrier: 'DPD', trackingNumber: 'DPD4800001' },
  });
  expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
  expect((await api('POST', `${path}/confirm-delivery`, { user: buyer })).status).toBe(200);
  // The stack's dispute window is short: the release follows within seconds.
  await eventually(async () => (await balance(seller))?.available === AVAILABLE, 60_000);
  return seller;
}

describe('payout sweep', () => {
  it('pays out a seller whose released money is due, once', async () => {
    const seller = await sellerWithReleasedSale();
    const { connection, client } = await stackTemporal();
    try {
      const workflowId = `payout-sweep-${seller}`;
      const swept = await client.workflow.execute(payoutSweepWorkflow, {
        workflowId,
        taskQueue: TASK_QUEUES.orders,
        args: [{ minimum: AVAILABLE }],
      });
      expect(swept.started).toBeGreaterThanOrEqual(1);
      const paid = await eventually(async () => {
        const b = await balance(seller);
        return b?.paidOut === AVAILABLE && b;
      }, 60_000);
      expect(paid).toMatchObject({ available: 0, inTransit: 0, paidOut: AVAILABLE });
      await recordHistories({ 'payoutSweep-one-seller': workflowId });
    } finally {
      await connection.close();
    }
  });
});
