/**
 * Erasure and data export on the kit (workflows/erasure.ts, workflows/data-export.ts): an erasure
 * waits while anything of the person is open (an order in escrow, a dispute, a payout in transit, a
 * live offer), looks again on its timer and whenever the person asks again, and erases once, on the
 * first look that finds nothing open; an export is gathered once, kept seven days, then deleted.
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import {
  DATA_EXPORT_TTL_MS,
  DATA_EXPORT_WORKFLOW,
  dataExportWorkflowId,
  ERASURE_RECHECK_MS,
  ERASURE_WORKFLOW,
  erasureWorkflowId,
} from '../../domain/privacy.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import type { dataExportWorkflow } from '../../workflows/data-export.js';
import { erasureStatusQuery, recheckErasureUpdate } from '../../workflows/erasure/messages.js';
import type { erasureWorkflow } from '../../workflows/erasure.js';
import { DAY, until } from '../kit/index.js';

const MINUTE = 60_000;

import { useKit } from '../kit/vitest.js';

const kit = useKit();

/**
 * As POST /v1/me/erasure: the person's erasure row, then `erasure-<userId>` started with the recheck
 * update (update-with-start), whose answer is the first look's.
 */
async function askErasure(userId: string, recheckMs = ERASURE_RECHECK_MS) {
  const input = { erasureId: `era_${userId}`, userId, recheckMs };
  kit.privacy.requestErasure(input.erasureId, userId);
  const workflowId = erasureWorkflowId(input);
  const first = await kit.client.workflow.executeUpdateWithStart(recheckErasureUpdate, {
    startWorkflowOperation: new WithStartWorkflowOperation<typeof erasureWorkflow>(ERASURE_WORKFLOW, {
      workflowId,
      taskQueue: TASK_QUEUES.orders,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
  const handle = kit.client.workflow.getHandle<typeof erasureWorkflow>(workflowId);
  return {
    input,
    first,
    /** The person asking again: the answer is what a look made after the request found. */
    askAgain: () => handle.executeUpdate(recheckErasureUpdate),
    status: () => handle.query(erasureStatusQuery),
    /** Skips time until the erasure ends. */
    result: () => kit.env.client.workflow.getHandle<typeof erasureWorkflow>(workflowId).result(),
  };
}

describe('erasure (kit)', () => {
  it('erases at the first look when nothing of the person is open', async () => {
    const order = await kit.shippedOrder();
    await order.confirmDelivery();
    await order.result();
    const erasure = await askErasure(order.input.sellerId);

    expect(erasure.first).toEqual({ erasureId: erasure.input.erasureId, status: 'done', waitingFor: [] });
    expect(await erasure.result()).toMatchObject({ status: 'done' });
    expect(kit.privacy.erasure(erasure.input.erasureId)).toMatchObject({ status: 'done', looks: 1 });
  });

  it('waits while the buyer’s order is in escrow, looking again on its timer (a new run every 100 looks), and erases once it completed', async () => {
    const order = await kit.shippedOrder();
    const erasure = await askErasure(order.input.buyerId, 30 * MINUTE);
    const { erasureId } = erasure.input;

    expect(erasure.first).toEqual({
      erasureId,
      status: 'waiting',
      waitingFor: [{ kind: 'order', id: order.orderId, status: 'shipped' }],
    });
    await order.confirmDelivery();
    // The dispute window (3 days) passes; the erasure looks every half hour meanwhile.
    expect(await order.result()).toMatchObject({ status: 'completed' });
    // When the order's workflow closed, not a clock read after it: the test server may skip on to
    // the erasure's next look before the result reaches this test.
    const completedAt = (await order.handle.describe()).closeTime!.getTime();
    expect(await erasure.result()).toEqual({ erasureId, status: 'done', waitingFor: [] });

    const row = kit.privacy.erasure(erasureId)!;
    // Erased at the first look after the order completed, never while it was open.
    expect(row.erasedAt).toBeGreaterThanOrEqual(completedAt);
    expect(row.erasedAt! - completedAt).toBeLessThanOrEqual(30 * MINUTE);
    expect(row.looks).toBeGreaterThan(3 * 48);
    // More looks than one run makes: it went on as a new run, the same erasure.
    const last = await kit.client.workflow.getHandle(erasureWorkflowId(erasure.input)).describe();
    expect(last.raw.workflowExecutionInfo?.firstRunId).toBeTruthy();
    expect(last.raw.workflowExecutionInfo?.firstRunId).not.toBe(last.runId);
  });

  it('waits for an open dispute; the person asking again after its decision erases at once, without the timer', async () => {
    const order = await kit.shippedOrder();
    await order.openDispute({ description: 'The lamp never came' });
    const erasure = await askErasure(order.input.buyerId, 30 * DAY);
    const disputeId = order.dispute.disputeId;

    expect(erasure.first.waitingFor).toEqual([
      { kind: 'order', id: order.orderId, status: 'disputed' },
      { kind: 'dispute', id: disputeId, status: 'open' },
    ]);
    await order.dispute.resolve({ outcome: 'refund' });
    await until(async () => kit.orders.status(order.orderId) === 'refunded');
    const before = await kit.clock.now();

    expect(await erasure.askAgain()).toEqual({
      erasureId: erasure.input.erasureId,
      status: 'done',
      waitingFor: [],
    });
    await erasure.result();
    await kit.recordHistory('erasure-asked-again', erasureWorkflowId(erasure.input));
    expect(kit.privacy.erasure(erasure.input.erasureId)).toMatchObject({ status: 'done', looks: 2 });
    // No 30-day timer had to fire: the erasure happened when the person asked.
    expect(kit.privacy.erasure(erasure.input.erasureId)!.erasedAt! - before).toBeLessThan(DAY);
  });

  it('waits for a payout in transit and for a live offer, each named, until they end', async () => {
    const funds = await kit.sellerWithFunds(5_000, 5_000, { destination: 'acct_pending_privacy' });
    const payout = await kit.startPayout(funds);
    const transferId = await payout.transferId();
    const offer = await kit.liveOffer();
    // The seller of the offer's listing is another person: this one is the payout's seller.
    const erasure = await askErasure(funds.sellerId);

    expect(erasure.first.waitingFor).toEqual([{ kind: 'payout', id: funds.payoutId, status: 'in_transit' }]);
    const buyerErasure = await askErasure(offer.input.buyerId);
    expect(buyerErasure.first.waitingFor).toEqual([
      { kind: 'offer', id: offer.input.offerId, status: 'pending' },
    ]);

    kit.provider.settleTransfer(transferId, 'paid');
    await payout.transferOutcome({ transferId, status: 'paid' });
    // Not skipping time (paid, the payout ends without a timer): a skip would run the seller's
    // erasure into its next hourly look, which erases and closes it before the person asks again.
    await payout.handle.result();
    expect(await erasure.askAgain()).toMatchObject({ status: 'done', waitingFor: [] });
    expect((await buyerErasure.status()).status).toBe('waiting');
  });
});

describe('data export (kit)', () => {
  it('gathers the document once, keeps it seven days, then deletes it', async () => {
    const order = await kit.paidOrder();
    const userId = order.input.buyerId;
    const input = { exportId: `dex_${order.orderId}`, userId, ttlMs: DATA_EXPORT_TTL_MS };
    kit.privacy.requestExport(input.exportId, userId);
    await kit.client.workflow.start<typeof dataExportWorkflow>(DATA_EXPORT_WORKFLOW, {
      workflowId: dataExportWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });

    const ready = await until(
      () => kit.privacy.export(input.exportId)?.status === 'ready' && kit.privacy.export(input.exportId),
    );
    expect(ready.data).toEqual({ userId, orders: [order.orderId] });
    const result = await kit.env.client.workflow
      .getHandle<typeof dataExportWorkflow>(dataExportWorkflowId(input))
      .result();

    expect(result).toEqual({ exportId: input.exportId, built: true });
    expect(kit.privacy.export(input.exportId)).toBeUndefined();
    await kit.recordHistory('dataExport-expired', dataExportWorkflowId(input));
    expect(kit.inputsOf('buildDataExport')).toHaveLength(1);
    expect(await kit.clock.now()).toBeGreaterThanOrEqual(ready.expiresAt!);
  });

  it('gathers nothing and keeps nothing when the export was deleted before it ran (its owner erased)', async () => {
    const input = { exportId: 'dex_gone', userId: 'user_gone', ttlMs: DATA_EXPORT_TTL_MS };
    const result = await kit.env.client.workflow.execute<typeof dataExportWorkflow>(DATA_EXPORT_WORKFLOW, {
      workflowId: dataExportWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
    expect(result).toEqual({ exportId: 'dex_gone', built: false });
    expect(kit.inputsOf('expireDataExport')).toEqual([]);
  });
});
