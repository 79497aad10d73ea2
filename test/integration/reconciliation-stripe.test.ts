/**
 * Reconciliation on the Stripe adapter (stripe-mock behind the recording proxy, whose lifecycle
 * overlay lists the intents made so far as Stripe does: a charge is an id unless expanded). A
 * payment refunded the day it was captured reads as refunded at Stripe, so the books that booked the
 * refund agree with it: no `refund_differs`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithProvider } from '../../activities/reconciliation.js';
import { newId } from '../../db/new-id.js';
import { postEntry } from '../../db/queries/ledger.js';
import { recordPayment } from '../../db/queries/payments.js';
import { createStripeProvider } from '../../payments/stripe.js';
import { pendingOrder } from '../support/fixtures.js';
import { stack, testDb } from '../support/stack.js';
import { type StripeProxy, startStripeProxy } from '../support/stripe-proxy.js';

const { db, sql, close } = testDb();
let proxy: StripeProxy;
beforeAll(async () => {
  proxy = await startStripeProxy(stack().stripeMockUrl, { lifecycle: true });
});
afterAll(async () => {
  await proxy?.close();
  await close();
});

describe('reconciliation on Stripe', () => {
  it('a same-day refund is no refund_differs: the listed intents carry their charge', async () => {
    const from = new Date(Date.now() - 1000);
    const stripe = createStripeProvider({
      secretKey: 'sk_test_recon',
      apiBase: proxy.url,
      maxNetworkRetries: 0,
    });
    const input = await pendingOrder(db, { amount: 10_000, paymentMethod: 'pm_card_visa' });
    const { orderId } = input;
    const key = (step: string) => `order-${orderId}:${step}:${randomUUID().slice(0, 6)}`;

    // At Stripe: authorized, captured and refunded in full (a cancel before shipment), the same day.
    const intent = await stripe.authorize({
      idempotencyKey: key('authorize'),
      amount: 10_000,
      currency: 'EUR',
      paymentMethod: 'pm_card_visa',
      metadata: { orderId },
    });
    await stripe.capture({ idempotencyKey: key('capture'), intentId: intent.id });
    const refund = await stripe.refund({
      idempotencyKey: key('refund'),
      intentId: intent.id,
      amount: 10_000,
    });

    // Our books, as the order's workflow writes them.
    for (const [kind, ref] of [
      ['authorization', intent.id],
      ['capture', intent.id],
      ['refund', refund.id],
    ] as const)
      await recordPayment(db, {
        id: newId('pay'),
        orderId,
        kind,
        idempotencyKey: key(`recorded-${kind}`),
        providerRef: ref,
        amount: 10_000,
        currency: 'EUR',
        status: 'succeeded',
      });
    await postEntry(db, {
      key: key('escrow'),
      description: 'capture into escrow',
      orderId,
      lines: [
        { account: 'buyer_funding:EUR', currency: 'EUR', amount: '-10000' },
        { account: `escrow:${orderId}`, currency: 'EUR', amount: '10000' },
      ],
    });
    await postEntry(db, {
      key: key('refund-booked'),
      description: 'refund from escrow',
      orderId,
      lines: [
        { account: `escrow:${orderId}`, currency: 'EUR', amount: '-10000' },
        { account: 'refunds', currency: 'EUR', amount: '10000' },
      ],
    });
    await sql`update orders set status = 'cancelled', payment_intent_id = ${intent.id} where id = ${orderId}`;

    const { mismatches } = await compareWithProvider(
      { db, payments: stripe },
      { from, to: new Date(Date.now() + 1000) },
    );
    expect(mismatches.filter((m) => m.orderId === orderId)).toEqual([]);
    // The list asked Stripe for each intent's charge (what was refunded lives there).
    const listed = proxy.requests.filter(
      (r) => r.method === 'GET' && r.path.startsWith('/v1/payment_intents?'),
    );
    expect(listed.map((r) => r.status)).toEqual([200]);
    expect([...listed[0]!.body.values()]).toContain('data.latest_charge');
    // And for the disputes of the period (a chargeback on an older payment names its order too).
    const disputes = proxy.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/disputes?'));
    expect(disputes.map((r) => r.status)).toEqual([200]);
  });
});
