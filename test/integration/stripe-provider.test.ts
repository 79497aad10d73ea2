/**
 * A purchase, a refund, a split dispute and a payout end to end on the Stripe adapter: the real
 * workflows and activities (time-skipping server, the stack's PostgreSQL), with the provider chosen as
 * a deployment chooses it (PAYMENTS_PROVIDER=stripe, payments/select.ts) and every call going over
 * HTTP to stripe-mock, which validates it against Stripe's OpenAPI. stripe-mock is stateless: a
 * recording proxy lays on its fixtures the states Stripe documents after each call
 * (test/support/stripe-lifecycle.ts); what stripe-mock itself answered is recorded and must be 2xx.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/new-id.js';
import { findDispute } from '../../db/queries/disputes.js';
import { accountBalance, checkLedger } from '../../db/queries/ledger.js';
import { findOrder } from '../../db/queries/orders.js';
import { findPayout, insertPayout, setPayoutAccount } from '../../db/queries/payouts.js';
import { disputeIdFor } from '../../domain/dispute.js';
import { disputeWorkflowId, payoutWorkflowId } from '../../domain/ids.js';
import { feeFor } from '../../domain/money.js';
import type { PayoutInput } from '../../domain/payout.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { createPaymentProvider } from '../../payments/select.js';
import { addEvidenceUpdate, type disputeWorkflow, resolveDisputeUpdate } from '../../workflows/dispute.js';
import { cancelUpdate, openDisputeUpdate, shipUpdate } from '../../workflows/escrow/messages.js';
import { payoutWorkflow } from '../../workflows/payout.js';
import { stackActivities } from '../support/activities.js';
import { pendingOrder } from '../support/fixtures.js';
import { payOrder } from '../support/paid-order.js';
import { stack, testDb } from '../support/stack.js';
import { type StripeProxy, startStripeProxy } from '../support/stripe-proxy.js';
import { timeSkippingPerTest } from '../support/time-skipping.js';

let proxy: StripeProxy;
let stripe: ReturnType<typeof createPaymentProvider>;
const conn = testDb();
const redis = new Redis(stack().env.REDIS_URL!);

beforeAll(async () => {
  proxy = await startStripeProxy(stack().stripeMockUrl, { lifecycle: true });
  stripe = createPaymentProvider({
    PAYMENTS_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: 'sk_test_escrowflowE2E',
    STRIPE_API_BASE: proxy.url,
    PAYMENTS_BASE_URL: 'http://127.0.0.1:1',
    PAYMENTS_API_KEY: 'unused',
    PAYMENTS_TIMEOUT_MS: 5_000,
  });
  expect(stripe.name).toBe('stripe');
});
afterAll(async () => {
  await proxy?.close();
  redis.disconnect();
  await conn.close();
});

// The real activities, on the Stripe adapter instead of the sandbox.
const ts = timeSkippingPerTest({ wrapActivities: () => stackActivities(conn.db, redis, stripe) });

const AMOUNT = 10_000;
const balance = (account: string) => accountBalance(ts.db, account, 'EUR');
/** Requests for an order or payout (its keys carry the id) that stripe-mock did not accept. */
const refusedFor = (id: string) =>
  proxy.requests.filter((r) => r.idempotencyKey?.includes(id) && r.status >= 300);
/** What the workflows sent to Stripe for an order (its keys carry the order id). */
const callsFor = (id: string) =>
  proxy.requests
    .filter((r) => r.idempotencyKey?.includes(id))
    .map((r) => `${r.method} ${r.path.replace(/pi_\w+/, 'pi')} ${r.status}`);

async function paidOnStripe() {
  const input = await pendingOrder(ts.db, { amount: AMOUNT, feeBps: 1000, paymentMethod: 'pm_card_visa' });
  const { paid, order } = await payOrder(ts, input);
  expect(paid, JSON.stringify(paid)).toMatchObject({ status: 'paid' });
  return { input, order };
}

describe('on the Stripe adapter against stripe-mock (time-skipping)', () => {
  it('a purchase authorizes with manual capture, captures, and holds the money in escrow', async () => {
    const { input } = await paidOnStripe();
    const row = await findOrder(ts.db, input.orderId);
    expect(row).toMatchObject({ status: 'paid', paymentIntentId: expect.stringMatching(/^pi_/) });
    expect(callsFor(input.orderId)).toEqual([
      'POST /v1/payment_intents 200',
      'POST /v1/payment_intents/pi/capture 200',
    ]);
    const create = proxy.requests.find((r) => r.idempotencyKey?.includes(input.orderId))!;
    expect(Object.fromEntries(create.body)).toMatchObject({
      amount: String(AMOUNT),
      currency: 'eur',
      capture_method: 'manual',
      confirm: 'true',
      payment_method: 'pm_card_visa',
      'metadata[orderId]': input.orderId,
      transfer_group: `order_${input.orderId}`,
    });
    expect(await balance(`escrow:${input.orderId}`)).toBe(BigInt(AMOUNT));
    expect(refusedFor(input.orderId)).toEqual([]);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });

  it('a cancel before shipment refunds the whole capture at Stripe', async () => {
    const { input, order } = await paidOnStripe();
    const state = await order.executeUpdate(cancelUpdate, { args: [{ userId: input.buyerId }] });
    expect(state).toMatchObject({ status: 'cancelled' });
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('cancelled');
    const refunds = proxy.requests.filter(
      (r) => r.path === '/v1/refunds' && r.idempotencyKey?.includes(input.orderId),
    );
    expect(refunds.map((r) => [r.status, r.body.get('amount')])).toEqual([[200, String(AMOUNT)]]);
    expect(await balance(`escrow:${input.orderId}`)).toBe(0n);
    expect(refusedFor(input.orderId)).toEqual([]);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });

  it('a split dispute refunds part at Stripe and releases the rest to the seller minus the fee', async () => {
    const { input, order } = await paidOnStripe();
    await order.executeUpdate(shipUpdate, {
      args: [{ userId: input.sellerId, carrier: 'DHL', trackingNumber: 'JJD42' }],
    });
    await order.executeUpdate(openDisputeUpdate, {
      args: [{ userId: input.buyerId, reason: 'not_as_described', description: 'Scratched' }],
    });
    const dispute = ts.env.client.workflow.getHandle<typeof disputeWorkflow>(disputeWorkflowId(input));
    await dispute.executeUpdate(addEvidenceUpdate, {
      args: [{ userId: input.sellerId, text: 'It was new' }],
    });
    await dispute.executeUpdate(resolveDisputeUpdate, {
      args: [{ operatorId: 'op_stripe', outcome: 'split', refundAmount: 3_000 }],
    });
    expect((await order.result()).status).toBe('split');
    const refunds = proxy.requests.filter(
      (r) => r.path === '/v1/refunds' && r.idempotencyKey?.includes(input.orderId),
    );
    expect(refunds.map((r) => [r.status, r.body.get('amount')])).toEqual([[200, '3000']]);
    const sellerPart = AMOUNT - 3_000;
    expect(await balance(`seller_available:${input.sellerId}`)).toBe(
      BigInt(sellerPart - feeFor(sellerPart, 1000)),
    );
    expect(await findDispute(ts.db, disputeIdFor(input.orderId))).toMatchObject({
      outcome: 'split',
      refundAmount: 3_000n,
    });
    expect(refusedFor(input.orderId)).toEqual([]);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });

  it('a payout transfers to the seller’s connected account and books it paid out', async () => {
    const { input, order } = await paidOnStripe();
    await order.executeUpdate(shipUpdate, {
      args: [{ userId: input.sellerId, carrier: 'DHL', trackingNumber: 'JJD43' }],
    });
    expect((await order.result()).status).toBe('completed');
    const available = Number(await balance(`seller_available:${input.sellerId}`));
    expect(available).toBe(AMOUNT - feeFor(AMOUNT, 1000));
    await setPayoutAccount(ts.db, input.sellerId, 'acct_1StripeE2E', true);
    const payoutId = newId('po');
    await insertPayout(ts.db, {
      id: payoutId,
      sellerId: input.sellerId,
      amount: BigInt(available),
      currency: 'EUR',
    });
    const payout: PayoutInput = {
      payoutId,
      sellerId: input.sellerId,
      amount: available,
      currency: 'EUR',
      destination: 'acct_1StripeE2E',
    };
    const handle = await ts.env.client.workflow.start(payoutWorkflow, {
      workflowId: payoutWorkflowId(payout),
      taskQueue: TASK_QUEUES.orders,
      args: [payout],
    });
    expect(await handle.result()).toMatchObject({
      status: 'paid',
      transferId: expect.stringMatching(/^tr_/),
    });
    const transfers = proxy.requests.filter(
      (r) => r.path === '/v1/transfers' && r.idempotencyKey?.includes(payoutId),
    );
    expect(transfers.map((r) => Object.fromEntries(r.body))).toEqual([
      expect.objectContaining({
        amount: String(available),
        currency: 'eur',
        destination: 'acct_1StripeE2E',
        'metadata[payoutId]': payoutId,
      }),
    ]);
    expect(transfers[0]!.status).toBe(200);
    expect((await findPayout(ts.db, payoutId))?.status).toBe('paid');
    expect(await balance(`seller_paid_out:${input.sellerId}`)).toBe(BigInt(available));
    expect(refusedFor(input.orderId)).toEqual([]);
    expect(refusedFor(payoutId)).toEqual([]);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });
});
