/**
 * The whole lifecycle while the sandbox provider fails 30% of calls, loses responses and sends
 * webhooks twice and out of order: every order ends final, every provider effect happens once, the
 * ledger holds, and reconciliation finds nothing — then it finds each planted mismatch.
 */
import { Client, Connection } from '@temporalio/client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dataConverterFor } from '../../codec/data-converter.js';
import { loadEnv } from '../../config/env.js';
import { checkLedger, postEntry } from '../../db/queries/ledger.js';
import { auditOf } from '../../db/queries/ops.js';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import { recordHistories } from '../support/histories.js';
import { onboardSeller } from '../support/onboarding.js';
import { paidOrder } from '../support/orders.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

const sandbox = (path: string, init?: RequestInit) => fetch(`${stack().sandboxUrl}${path}`, init);
const setFaults = (faults: Record<string, unknown>) =>
  sandbox('/_sandbox/faults', { method: 'PUT', body: JSON.stringify(faults) });
const NO_FAULTS = { errorRate: 0, lostResponseRate: 0, duplicateWebhooks: false, outOfOrderWebhooks: false };
// A test that fails (or times out) under faults must not leave them on for the next.
afterEach(async () => {
  await setFaults(NO_FAULTS);
});
afterAll(async () => {
  await sandbox('/_sandbox/reset', { method: 'POST' });
});

const FINAL = ['completed', 'cancelled', 'failed', 'refunded', 'split'];
const status = async (id: string, user: string) => (await api('GET', `/v1/orders/${id}`, { user })).body;
const operator = { user: 'ops_recon', role: 'operator' as const };

async function reconcileSince(from: Date) {
  const res = await api('POST', '/v1/ops/reconciliation', {
    ...operator,
    body: { from: from.toISOString(), to: new Date(Date.now() + 1000).toISOString() },
  });
  expect(res.status).toBe(201);
  return res.body as {
    id: string;
    status: string;
    counts: Record<string, number>;
    mismatches: Array<Record<string, unknown>>;
  };
}

/** The workflow that stored a report: its id is the report's, `rec_<workflow id>` (workflows/reconciliation.ts). */
const workflowOf = (reportId: string) => reportId.replace(/^rec_/, '');

describe('lifecycle under provider faults, then reconciliation', () => {
  it('ends every order final with one effect per key, a clean ledger and zero mismatches', async () => {
    const started = new Date(Date.now() - 1000);
    // Onboarded before the faults: onboarding answers 503 for a provider fault (the seller tries
    // again); the faults are for the orders' lifecycle.
    const seller = uniqueUser('seller');
    await onboardSeller(seller);
    await setFaults({
      errorRate: 0.3,
      lostResponseRate: 0.1,
      duplicateWebhooks: true,
      outOfOrderWebhooks: true,
    });
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Records', amount: 2_500, currency: 'EUR', quantity: 8 },
    });
    const buyers = Array.from({ length: 8 }, () => uniqueUser('buyer'));
    const orders = await Promise.all(
      buyers.map(async (buyer) => {
        const res = await api('POST', '/v1/orders', {
          user: buyer,
          body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
        });
        expect(res.status).toBe(202);
        return { id: res.body.id as string, buyer };
      }),
    );
    await Promise.all(
      orders.map(async ({ id, buyer }, i) => {
        await eventually(async () => (await status(id, buyer)).deadlines?.shipBy, 60_000);
        if (i % 4 === 3) {
          // A quarter are cancelled by their buyer before shipment: refunded at the provider.
          expect((await api('POST', `/v1/orders/${id}/cancel`, { user: buyer })).status).toBe(200);
          return;
        }
        expect(
          (
            await api('POST', `/v1/orders/${id}/ship`, {
              user: seller,
              body: { carrier: 'DPD', trackingNumber: `DPD${i}00` },
            })
          ).status,
        ).toBe(200);
        expect((await api('POST', `/v1/orders/${id}/confirm-delivery`, { user: buyer })).status).toBe(200);
      }),
    );
    const finals = await Promise.all(
      orders.map(({ id, buyer }) =>
        eventually(async () => {
          const order = await status(id, buyer);
          return FINAL.includes(order.status) && order.status;
        }, 60_000),
      ),
    );
    expect(finals.sort()).toEqual([...Array(2).fill('cancelled'), ...Array(6).fill('completed')]);

    const payout = await api('POST', '/v1/payouts', {
      user: seller,
      body: { currency: 'EUR' },
      headers: { 'idempotency-key': `payout-${seller}` },
    });
    expect(payout.status).toBe(202);
    expect(payout.body.amount).toBe(6 * (2_500 - 250));
    await eventually(
      async () =>
        (await api('GET', `/v1/payouts/${payout.body.id}`, { user: seller })).body.status === 'paid',
      60_000,
    );

    const effects = (await (await sandbox('/_sandbox/effects')).json()) as { byKey: Record<string, number> };
    const ours = Object.entries(effects.byKey).filter(([key]) =>
      [...orders.map((o) => o.id), payout.body.id].some((id) => key.includes(id)),
    );
    // authorize + capture per order, a refund per cancellation, one transfer.
    expect(ours.length).toBe(8 * 2 + 2 + 1);
    expect(ours.filter(([, count]) => count !== 1)).toEqual([]);

    const { db, close } = testDb();
    try {
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
    await setFaults(NO_FAULTS);

    const report = await reconcileSince(started);
    const concerningUs = report.mismatches.filter((m) =>
      [...orders.map((o) => o.id), payout.body.id].some((id) => m.orderId === id || m.payoutId === id),
    );
    expect(concerningUs).toEqual([]);
    expect(report.counts.orders).toBeGreaterThanOrEqual(8);
    console.log(`[reconciliation] ${JSON.stringify(report.counts)} status=${report.status}`);
    await recordHistories({ 'reconciliation-after-faults': workflowOf(report.id) });
    // Eight orders through 30% provider errors and lost answers: retries with backoff take their time
    // (45 s alone here), more on a busy machine.
  }, 180_000);

  it('reports a planted capture, refund and transfer the books do not match', async () => {
    const from = new Date(Date.now() - 1000);
    const provider = createSandboxProvider({ baseUrl: stack().sandboxUrl, apiKey: 'sk_test_escrowflow' });
    const stray = await provider.authorize({
      idempotencyKey: `planted-${from.getTime()}-auth`,
      amount: 777,
      currency: 'EUR',
      paymentMethod: 'pm_card_ok',
      metadata: { orderId: 'ord_planted_nowhere' },
    });
    await provider.capture({ idempotencyKey: `planted-${from.getTime()}-capture`, intentId: stray.id });
    const orphan = await provider.createTransfer({
      idempotencyKey: `planted-${from.getTime()}-transfer`,
      destination: 'acct_planted',
      amount: 4_200,
      currency: 'EUR',
      metadata: { payoutId: 'po_planted_nowhere' },
    });

    // A real order whose refund the ledger books twice over what the provider did.
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Vase', amount: 1_000, currency: 'EUR', quantity: 1 },
    });
    const order = await api('POST', '/v1/orders?wait=payment', {
      user: buyer,
      body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    expect(order.body.status).toBe('paid');
    const { db, close } = testDb();
    try {
      await postEntry(db, {
        key: `planted-refund-${order.body.id}`,
        description: 'planted: a refund the provider never made',
        orderId: order.body.id,
        lines: [
          { account: 'buyer_funding:EUR', currency: 'EUR', amount: '-300' },
          { account: 'refunds', currency: 'EUR', amount: '300' },
        ],
      });
    } finally {
      await close();
    }

    const report = await reconcileSince(from);
    expect(report.status).toBe('mismatches');
    await recordHistories({ 'reconciliation-mismatches': workflowOf(report.id) });
    expect(report.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'capture_not_in_ledger',
          ref: stray.id,
          orderId: 'ord_planted_nowhere',
        }),
        expect.objectContaining({ kind: 'orphan_transfer', ref: orphan.id, payoutId: 'po_planted_nowhere' }),
        expect.objectContaining({ kind: 'refund_differs', orderId: order.body.id, ours: 300, theirs: 0 }),
      ]),
    );
    const listed = await api('GET', '/v1/ops/reconciliation', operator);
    expect(listed.body.data[0]).toMatchObject({ id: report.id, status: 'mismatches' });
    expect((await api('GET', `/v1/ops/reconciliation/${report.id}`, operator)).body.mismatches).toHaveLength(
      report.mismatches.length,
    );
    expect((await api('GET', '/v1/ops/reconciliation', { user: buyer })).status).toBe(403);
    const { db: auditDb, close: closeAudit } = testDb();
    try {
      const audited = await auditOf(auditDb, 'reconciliation', report.id);
      expect(audited).toEqual([
        expect.objectContaining({ actorId: operator.user, action: 'reconciliation.run' }),
      ]);
    } finally {
      await closeAudit();
    }
  });

  it('reports an escrow stranded on a final order, and one held by an order whose workflow closed', async () => {
    const from = new Date(Date.now() - 1000);
    // A completed order whose release left 500 in its escrow (planted: the release booked short).
    const done = await completedOrder(4_000);
    const { db, close } = testDb();
    try {
      await postEntry(db, {
        key: `planted-stranded-${done.order.id}`,
        description: 'planted: 500 of a completed order left in its escrow',
        orderId: done.order.id,
        lines: [
          { account: `seller_available:${done.seller}`, currency: 'EUR', amount: '-500' },
          { account: `escrow:${done.order.id}`, currency: 'EUR', amount: '500' },
        ],
      });
    } finally {
      await close();
    }
    // A paid order whose workflow ended with the money still held (as a failed workflow would).
    const held = await paidOrder({ amount: 2_600 });
    await withTemporal((temporal) =>
      temporal.workflow.getHandle(`order-${held.order.id}`).terminate('planted: escrow stranded'),
    );

    try {
      const report = await reconcileSince(from);
      const stranded = report.mismatches.filter((m) => m.kind === 'stranded_escrow');
      expect(stranded).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ orderId: done.order.id, ours: 500, theirs: 'completed' }),
          expect.objectContaining({
            orderId: held.order.id,
            ours: 2_600,
            theirs: 'paid, workflow TERMINATED',
          }),
        ]),
      );
    } finally {
      // An operator's repair, so no later check of this run's database finds the planted money (a
      // stranded escrow is reported by every run, whatever its period: ledger-check.test.ts).
      await unplantStranded(done, held);
    }
  });

  it('reports a late partial chargeback, 5 days after the capture, that the seller could not pay back', async () => {
    // Completed and paid out: nothing is left to take a chargeback back from.
    const done = await completedOrder(10_000);
    await onboardSeller(done.seller);
    const payout = await api('POST', '/v1/payouts', { user: done.seller, body: { currency: 'EUR' } });
    expect(payout.status, JSON.stringify(payout.body)).toBe(202);
    await eventually(
      async () =>
        (await api('GET', `/v1/payouts/${payout.body.id}`, { user: done.seller })).body.status === 'paid',
      60_000,
    );
    const { db, sql, close } = testDb();
    try {
      // The order's payment and postings happened 5 days before this period.
      await sql`update payments set created_at = created_at - interval '5 days' where order_id = ${done.order.id}`;
      await sql`update ledger_entries set created_at = created_at - interval '5 days' where order_id = ${done.order.id}`;
      const from = new Date(Date.now() - 1000);
      const [row] = await db.query.orders.findMany({ where: (o, { eq }) => eq(o.id, done.order.id) });
      const res = await sandbox(`/_sandbox/payment_intents/${row!.paymentIntentId}/chargeback`, {
        method: 'POST',
        body: JSON.stringify({ amount: 4_000, reason: 'product_unacceptable' }),
      });
      expect(res.status).toBe(201);
      const dispute = (await res.json()) as { id: string };
      // The webhook reached the API, which started the late chargeback's own workflow; it has ended.
      const eventId = await eventually(async () => {
        const [event] = await sql<{ id: string }[]>`
          select id from webhook_events where type = 'charge.dispute.created'
            and payload->'data'->'object'->>'id' = ${dispute.id} and processed_at is not null`;
        return event?.id;
      }, 30_000);
      await withTemporal((temporal) => temporal.workflow.getHandle(`chargeback-${eventId}`).result());

      const unrecovered = [
        expect.objectContaining({ kind: 'chargeback_unrecovered', ours: 0, theirs: 4_000 }),
      ];
      const report = await reconcileSince(from);
      expect(report.mismatches.filter((m) => m.orderId === done.order.id)).toEqual(unrecovered);

      // Had its webhook never arrived, the provider's own disputes of the period still name the order.
      await sql`delete from webhook_events where id = ${eventId}`;
      const unheard = await reconcileSince(from);
      expect(unheard.mismatches.filter((m) => m.orderId === done.order.id)).toEqual(unrecovered);
    } finally {
      await close();
    }
  });
});

/** A fresh seller's item bought, shipped and confirmed: the order completed, the money released. */
/** Moves the planted 500 back to the seller, and refunds and cancels the order whose workflow was terminated. */
async function unplantStranded(
  done: Awaited<ReturnType<typeof completedOrder>>,
  held: Awaited<ReturnType<typeof paidOrder>>,
) {
  const { db, sql, close } = testDb();
  try {
    await postEntry(db, {
      key: `unplanted-stranded-${done.order.id}`,
      description: 'repair: the planted 500 back to the seller',
      orderId: done.order.id,
      lines: [
        { account: `escrow:${done.order.id}`, currency: 'EUR', amount: '-500' },
        { account: `seller_available:${done.seller}`, currency: 'EUR', amount: '500' },
      ],
    });
    const [row] = await sql<
      { intent: string }[]
    >`select payment_intent_id as intent from orders where id = ${held.order.id}`;
    const provider = createSandboxProvider({ baseUrl: stack().sandboxUrl, apiKey: 'sk_test_escrowflow' });
    await provider.refund({
      idempotencyKey: `unplant-${held.order.id}`,
      intentId: row!.intent,
      amount: 2_600,
    });
    await postEntry(db, {
      key: `unplanted-held-${held.order.id}`,
      description: 'repair: the stranded escrow refunded to the buyer',
      orderId: held.order.id,
      lines: [
        { account: `escrow:${held.order.id}`, currency: 'EUR', amount: '-2600' },
        { account: 'refunds', currency: 'EUR', amount: '2600' },
      ],
    });
    await sql`update orders set status = 'cancelled' where id = ${held.order.id}`;
  } finally {
    await close();
  }
}

async function completedOrder(amount: number) {
  const paid = await paidOrder({ amount });
  const { seller, buyer, order } = paid;
  expect(
    (
      await api('POST', `/v1/orders/${order.id}/ship`, {
        user: seller,
        body: { carrier: 'DPD', trackingNumber: 'DPD42' },
      })
    ).status,
  ).toBe(200);
  expect((await api('POST', `/v1/orders/${order.id}/confirm-delivery`, { user: buyer })).status).toBe(200);
  await eventually(async () => (await status(order.id, buyer)).status === 'completed', 60_000);
  return paid;
}

/** A Temporal client as the stack's API has one (its codec: workflow payloads may be encrypted). */
async function withTemporal<T>(fn: (temporal: Client) => Promise<T>): Promise<T> {
  const env = loadEnv({ ...stack().env });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const dataConverter = dataConverterFor(env.CODEC_KEYS);
    return await fn(new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter }));
  } finally {
    await connection.close();
  }
}
