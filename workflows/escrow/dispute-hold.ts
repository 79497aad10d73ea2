/** disputed: release waits while the dispute workflow (a child) decides; then the money moves. */
import { condition, startChild } from '@temporalio/workflow';
import { chargebackOutcome, DEFAULT_DISPUTE_TIMERS, disputeIdFor } from '../../domain/dispute.js';
import type { EscrowState } from '../../domain/escrow.js';
import { disputeWorkflowId } from '../../domain/ids.js';
import { orderSearchAttributes } from '../../domain/search-attributes.js';
import { disputeChargebackSignal, disputeWorkflow } from '../dispute.js';
import { db, type EscrowContext } from './context.js';
import { recoverLateChargeback, settleDispute } from './settlement.js';

export async function holdForDispute(ctx: EscrowContext): Promise<EscrowState> {
  const { input, req, state } = ctx;
  const { orderId, timers } = input;
  state.deadlines = {};
  const disputeId = disputeIdFor(orderId);
  const request = req.disputeRequest!;
  await db.openDisputeRecord({
    disputeId,
    orderId,
    openedBy: request.by,
    reason: request.reason,
    description: request.description,
  });
  state.disputeId = disputeId;
  // Started before the order shows `disputed`, so whoever sees that can already address the dispute.
  const dispute = await startChild(disputeWorkflow, {
    workflowId: disputeWorkflowId({ orderId }),
    args: [
      {
        disputeId,
        orderId,
        buyerId: input.buyerId,
        sellerId: input.sellerId,
        amount: input.amount,
        currency: input.currency,
        reason: request.reason,
        timers: {
          sellerResponseMs: timers.sellerResponseMs ?? DEFAULT_DISPUTE_TIMERS.sellerResponseMs,
          operatorSlaMs: timers.operatorSlaMs ?? DEFAULT_DISPUTE_TIMERS.operatorSlaMs,
        },
      },
    ],
    typedSearchAttributes: orderSearchAttributes(input, 'disputed'),
    staticSummary: `Dispute (${request.reason}) of order ${orderId}: ${input.amount} ${input.currency} minor units`,
  });
  await ctx.moveTo('disputed', ['paid', 'shipped', 'delivered'], {}, { event: 'disputed' });
  const result = dispute.result();
  if (request.reason !== 'chargeback') {
    // A chargeback while the dispute is open decides it: the bank already returned the money.
    const chargedBackFirst = await Promise.race([
      result.then(() => false),
      condition(() => req.chargeback !== undefined).then(() => true),
    ]);
    if (chargedBackFirst) await dispute.signal(disputeChargebackSignal, req.chargeback!);
  }
  const decided = await result;
  // A chargeback after the decision overrides it as well: the money is no longer the platform's.
  const outcome = req.chargeback ? chargebackOutcome(input.amount) : decided;
  state.disputeOutcome = outcome;
  await settleDispute(ctx, outcome, request.reason === 'chargeback' || req.chargeback !== undefined);
  await recoverLateChargeback(ctx, input.amount - outcome.refundAmount);
  return state;
}
