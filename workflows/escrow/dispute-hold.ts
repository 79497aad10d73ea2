/** disputed: release waits while the dispute workflow (a child) decides; then the money moves. */
import {
  ChildWorkflowFailure,
  type ChildWorkflowHandle,
  condition,
  log,
  sleep,
  startChild,
} from '@temporalio/workflow';
import {
  chargebackOutcome,
  DEFAULT_DISPUTE_TIMERS,
  type DisputeOutcome,
  disputeIdFor,
  withChargeback,
} from '../../domain/dispute.js';
import type { EscrowState } from '../../domain/escrow.js';
import { disputeWorkflowId } from '../../domain/ids.js';
import { orderSearchAttributes } from '../../domain/search-attributes.js';
import { disputeChargebackSignal, disputeWorkflow } from '../dispute.js';
import { db, type EscrowContext } from './context.js';
import { recoverLateChargeback, settleDispute } from './settlement.js';

/** How long a dispute that ended without a decision (failed, terminated) waits before it runs again. */
const DISPUTE_RESTART_DELAY = '1 minute';

export async function holdForDispute(ctx: EscrowContext): Promise<EscrowState> {
  const { input, req, state } = ctx;
  const { orderId } = input;
  state.deadlines = {};
  const request = req.disputeRequest!;
  state.disputeId = disputeIdFor(orderId);
  await db.openDisputeRecord({
    disputeId: state.disputeId,
    orderId,
    openedBy: request.by,
    reason: request.reason,
    description: request.description,
  });
  const decided = await decide(ctx);
  // A chargeback that came at any moment of the dispute: the buyer gets at least what the bank took.
  const outcome = withChargeback(decided, input.amount, req.chargedBack());
  state.disputeOutcome = outcome;
  await settleDispute(ctx, outcome);
  await recoverLateChargeback(ctx, input.amount - outcome.refundAmount);
  return state;
}

/**
 * The dispute workflow's decision. A dispute that ends without one (failed, terminated by an
 * operator) never strands the escrow: unless the bank took everything back, it runs again.
 */
async function decide(ctx: EscrowContext): Promise<DisputeOutcome> {
  const { input, req } = ctx;
  for (let run = 1; ; run++) {
    // Started before the order shows `disputed`, so whoever sees that can already address the dispute.
    const dispute = await startDispute(ctx);
    if (run === 1) await ctx.moveTo('disputed', ['paid', 'shipped', 'delivered'], {}, { event: 'disputed' });
    try {
      return await decisionOf(ctx, dispute);
    } catch (err) {
      if (!(err instanceof ChildWorkflowFailure)) throw err;
      log.error('dispute ended without a decision', {
        orderId: input.orderId,
        run,
        error: String(err.cause),
      });
      if (req.chargedBack() >= input.amount) return chargebackOutcome(input.amount);
      await sleep(DISPUTE_RESTART_DELAY);
    }
  }
}

/**
 * Waits for the dispute's decision, forwarding a chargeback that comes meanwhile (it decides or bounds
 * the dispute). The dispute may close just as the chargeback comes: the signal then finds it closed,
 * which is harmless, because the escrow applies the chargeback to whatever was decided.
 */
async function decisionOf(
  ctx: EscrowContext,
  dispute: ChildWorkflowHandle<typeof disputeWorkflow>,
): Promise<DisputeOutcome> {
  const { req } = ctx;
  const result = dispute.result();
  if (req.chargeback === undefined) {
    const chargedBackFirst = await Promise.race([
      result.then(
        () => false,
        () => false,
      ),
      condition(() => req.chargeback !== undefined).then(() => true),
    ]);
    if (chargedBackFirst)
      await dispute.signal(disputeChargebackSignal, req.chargeback!).catch((err: unknown) =>
        log.info('chargeback not forwarded: the dispute closed first', {
          orderId: ctx.orderId,
          error: String(err),
        }),
      );
  }
  return await result;
}

function startDispute(ctx: EscrowContext) {
  const { input, req, state } = ctx;
  const { orderId, timers } = input;
  const request = req.disputeRequest!;
  return startChild(disputeWorkflow, {
    workflowId: disputeWorkflowId({ orderId }),
    args: [
      {
        disputeId: state.disputeId!,
        orderId,
        buyerId: input.buyerId,
        sellerId: input.sellerId,
        amount: input.amount,
        currency: input.currency,
        reason: request.reason,
        ...(req.chargeback && { chargedBack: req.chargedBack() }),
        timers: {
          sellerResponseMs: timers.sellerResponseMs ?? DEFAULT_DISPUTE_TIMERS.sellerResponseMs,
          operatorSlaMs: timers.operatorSlaMs ?? DEFAULT_DISPUTE_TIMERS.operatorSlaMs,
        },
      },
    ],
    typedSearchAttributes: orderSearchAttributes(input, 'disputed'),
    staticSummary: `Dispute (${request.reason}) of order ${orderId}: ${input.amount} ${input.currency} minor units`,
  });
}
