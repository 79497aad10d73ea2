/**
 * Disputes and the operator API over HTTP against the real stack: who may do what (403/404), the
 * money after each outcome, chargebacks from the provider's webhook, fraud reviews, the audit trail.
 */
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../db/queries/ledger.js';
import { disputeWorkflowId, purchaseWorkflowId } from '../../domain/ids.js';
import { recordHistories } from '../support/histories.js';
import { expectFinalOrderMoneyBalanced } from '../support/money.js';
import { orderStatus, shippedOrder } from '../support/orders.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

/** The cardholder's bank takes the payment back at the provider, which sends its webhook. */
async function chargebackAtProvider(db: ReturnType<typeof testDb>['db'], orderId: string, reason: string) {
  const [row] = await db.query.orders.findMany({ where: (o, { eq }) => eq(o.id, orderId) });
  const res = await fetch(
    `${stack().sandboxUrl}/_sandbox/payment_intents/${row!.paymentIntentId}/chargeback`,
    {
      method: 'POST',
      body: JSON.stringify({ reason }),
    },
  );
  return res.status;
}

const operator = () => ({ user: uniqueUser('op'), role: 'operator' as const });
const balance = async (seller: string) =>
  (await api('GET', '/v1/sellers/me/balance', { user: seller })).body.balances[0];

describe('disputes over HTTP', () => {
  it('the buyer opens, both sides give evidence, only an operator resolves; a split pays both', async () => {
    const { seller, buyer, order } = await shippedOrder();
    const path = `/v1/orders/${order.id}/disputes`;
    const body = { reason: 'not_as_described', description: 'Scratched all over' };

    expect((await api('POST', path, { user: seller, body })).status).toBe(403);
    expect((await api('POST', path, { user: uniqueUser('stranger'), body })).status).toBe(404);
    const bad = await api('POST', path, { user: buyer, body: { reason: 'chargeback', description: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');

    const opened = await api('POST', path, { user: buyer, body });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      orderId: order.id,
      status: 'open',
      reason: 'not_as_described',
      openedBy: buyer,
    });
    const disputeId = opened.body.id as string;
    expect(await orderStatus(order.id, buyer)).toBe('disputed');
    expect((await api('POST', path, { user: buyer, body })).status).toBe(409);

    const evidence = await api('POST', `/v1/disputes/${disputeId}/evidence`, {
      user: seller,
      body: { text: 'It left here mint', links: ['https://photos.example/lamp.jpg'] },
    });
    expect(evidence.status).toBe(200);
    expect(evidence.body.status).toBe('seller_responded');
    await api('POST', `/v1/disputes/${disputeId}/evidence`, {
      user: buyer,
      body: { text: 'Photos attached' },
    });
    const badLink = await api('POST', `/v1/disputes/${disputeId}/evidence`, {
      user: buyer,
      body: { text: 'x', links: ['javascript:alert(1)'] },
    });
    expect(badLink.status).toBe(400);
    expect((await api('GET', `/v1/disputes/${disputeId}`, { user: uniqueUser('other') })).status).toBe(404);
    const read = await api('GET', `/v1/disputes/${disputeId}`, { user: buyer });
    expect(read.body.evidence.map((e: { authorId: string }) => e.authorId)).toEqual([seller, buyer]);

    const resolve = { outcome: 'split', refundAmount: 4_000 };
    for (const user of [buyer, seller]) {
      const denied = await api('POST', `/v1/disputes/${disputeId}/resolve`, { user, body: resolve });
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('forbidden');
    }
    const op = operator();
    const tooMuch = await api('POST', `/v1/disputes/${disputeId}/resolve`, {
      ...op,
      body: { outcome: 'split', refundAmount: 10_000 },
    });
    expect(tooMuch.status).toBe(409);
    const resolved = await api('POST', `/v1/disputes/${disputeId}/resolve`, { ...op, body: resolve });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'split', refundAmount: 4_000 });

    await eventually(async () => (await orderStatus(order.id, buyer)) === 'split');
    expect(await balance(seller)).toMatchObject({ escrow: 0, available: 6_000 - 600 });
    const timeline = await api('GET', `/v1/ops/orders/${order.id}/timeline`, op);
    expect(timeline.status).toBe(200);
    expect(timeline.body.operatorActions).toEqual([
      expect.objectContaining({
        actorId: op.user,
        action: 'dispute.resolve',
        data: expect.objectContaining({ outcome: 'split' }),
      }),
    ]);
    expect(timeline.body.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(
      expect.arrayContaining(['paid', 'shipped', 'disputed', 'split']),
    );
    expect(timeline.body.workflows.map((w: { workflowId: string }) => w.workflowId)).toEqual([
      `order-${order.id}`,
      `dispute-${order.id}`,
    ]);
    await recordHistories({
      'purchase-dispute-split': purchaseWorkflowId({ orderId: order.id }),
      'dispute-split': disputeWorkflowId({ orderId: order.id }),
    });
  });

  it('the seller accepts: refunded in full and the dispute closes', async () => {
    const { seller, buyer, order } = await shippedOrder({ amount: 5_000 });
    const opened = await api('POST', `/v1/orders/${order.id}/disputes`, {
      user: buyer,
      body: { reason: 'not_received', description: 'Never came' },
    });
    expect((await api('POST', `/v1/disputes/${opened.body.id}/accept`, { user: buyer })).status).toBe(403);
    const accepted = await api('POST', `/v1/disputes/${opened.body.id}/accept`, { user: seller });
    expect(accepted.body).toMatchObject({ status: 'resolved', outcome: 'refund', refundAmount: 5_000 });
    await eventually(async () => (await orderStatus(order.id, buyer)) === 'refunded');
    expect(await balance(seller)).toMatchObject({ escrow: 0, available: 0 });
    expect((await api('POST', `/v1/disputes/${opened.body.id}/accept`, { user: seller })).status).toBe(409);
  });

  it('a chargeback webhook from the provider opens a dispute on the order', async () => {
    const { buyer, order } = await shippedOrder({ amount: 3_000 });
    // The order's workflow holds the escrow (one workflow per order): the chargeback is signalled to it.
    const [holder] = (await api('GET', `/v1/ops/orders/${order.id}/timeline`, operator())).body.workflows;
    expect(holder).toMatchObject({ workflowId: `order-${order.id}`, status: 'RUNNING' });
    const { db, close } = testDb();
    try {
      expect(await chargebackAtProvider(db, order.id, 'product_not_received')).toBe(201);
      await eventually(async () => (await orderStatus(order.id, buyer)) === 'disputed');
      const disputes = await api('GET', `/v1/ops/disputes?buyerId=${buyer}`, operator());
      expect(disputes.body.data).toEqual([
        expect.objectContaining({
          orderId: order.id,
          reason: 'chargeback',
          openedBy: 'provider',
          status: 'open',
        }),
      ]);
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
      await recordHistories({ 'purchase-chargeback-disputed': purchaseWorkflowId({ orderId: order.id }) });
    } finally {
      await close();
    }
  });
  it('a chargeback during the buyer’s open dispute settles it as refunded, with no second refund', async () => {
    const { seller, buyer, order } = await shippedOrder({ amount: 4_000 });
    const opened = await api('POST', `/v1/orders/${order.id}/disputes`, {
      user: buyer,
      body: { reason: 'not_received', description: 'Still waiting' },
    });
    expect(opened.status).toBe(201);
    const { db, close } = testDb();
    try {
      expect(await chargebackAtProvider(db, order.id, 'product_not_received')).toBe(201);
      await eventually(async () => (await orderStatus(order.id, buyer)) === 'refunded');
      expect((await api('GET', `/v1/disputes/${opened.body.id}`, { user: buyer })).body).toMatchObject({
        status: 'resolved',
        outcome: 'refund',
        refundAmount: 4_000,
      });
      expect((await api('GET', '/v1/sellers/me/balance', { user: seller })).body.balances[0]).toMatchObject({
        escrow: 0,
        available: 0,
      });
      await expectFinalOrderMoneyBalanced(db, order.id);
      await recordHistories({
        'purchase-dispute-chargeback': purchaseWorkflowId({ orderId: order.id }),
        'dispute-chargeback': disputeWorkflowId({ orderId: order.id }),
      });
    } finally {
      await close();
    }
  });
  it('a chargeback after the escrow released the money is taken back from the seller and the fee', async () => {
    const { seller, buyer, order } = await shippedOrder({ amount: 6_000 });
    expect((await api('POST', `/v1/orders/${order.id}/confirm-delivery`, { user: buyer })).status).toBe(200);
    await eventually(async () => (await orderStatus(order.id, buyer)) === 'completed');
    expect(await balance(seller)).toMatchObject({ escrow: 0, available: 5_400 });
    // The order's workflow has closed: the chargeback finds nobody holding the money.
    await eventually(async () => {
      const { workflows } = (await api('GET', `/v1/ops/orders/${order.id}/timeline`, operator())).body;
      return (
        workflows.find((w: { workflowId: string }) => w.workflowId === `order-${order.id}`)?.status ===
        'COMPLETED'
      );
    });
    const { db, close } = testDb();
    try {
      expect(await chargebackAtProvider(db, order.id, 'fraudulent')).toBe(201);
      await eventually(async () => (await balance(seller)).available === 0);
      expect(await orderStatus(order.id, buyer)).toBe('completed');
      await expectFinalOrderMoneyBalanced(db, order.id);
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
  });
});

describe('operator API', () => {
  it('is for operators only', async () => {
    for (const path of ['/v1/ops/orders', '/v1/ops/disputes', '/v1/ops/orders/ord_x/timeline']) {
      const res = await api('GET', path, { user: uniqueUser('buyer') });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect((await api('GET', '/v1/ops/orders')).status).toBe(401);
  });

  it('filters orders by seller, status and time since their last change', async () => {
    const { seller, order } = await shippedOrder({ amount: 2_000 });
    const op = operator();
    const shipped = await api('GET', `/v1/ops/orders?sellerId=${seller}&status=shipped`, op);
    expect(shipped.body.data.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await api('GET', `/v1/ops/orders?sellerId=${seller}&status=paid`, op)).body.data).toEqual([]);
    expect((await api('GET', `/v1/ops/orders?sellerId=${seller}&olderThan=2d`, op)).body.data).toEqual([]);
    const bad = await api('GET', '/v1/ops/orders?olderThan=2 days', op);
    expect(bad.status).toBe(400);
  });

  it('decides a fraud review, and the decision is audited', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Watch', amount: 700_000, currency: 'EUR', quantity: 1 },
    });
    const order = await api('POST', '/v1/orders', {
      user: buyer,
      body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    await eventually(
      async () =>
        (await api('GET', `/v1/orders/${order.body.id}`, { user: buyer })).body.deadlines?.fraudReviewBy,
    );
    expect(
      (
        await api('POST', `/v1/ops/orders/${order.body.id}/fraud-review`, {
          user: seller,
          body: { decision: 'allow' },
        })
      ).status,
    ).toBe(403);
    const op = operator();
    const decided = await api('POST', `/v1/ops/orders/${order.body.id}/fraud-review`, {
      ...op,
      body: { decision: 'allow', note: 'known collector' },
    });
    expect(decided.status).toBe(200);
    await eventually(async () => (await orderStatus(order.body.id, buyer)) === 'paid');
    const again = await api('POST', `/v1/ops/orders/${order.body.id}/fraud-review`, {
      ...op,
      body: { decision: 'deny' },
    });
    expect(again.status).toBe(409);
    const timeline = await api('GET', `/v1/ops/orders/${order.body.id}/timeline`, op);
    expect(timeline.body.operatorActions).toEqual([
      expect.objectContaining({
        actorId: op.user,
        action: 'fraud.review',
        data: { decision: 'allow', note: 'known collector' },
      }),
    ]);
  });
});
