/** Where the escrowed money goes: to the seller, back to the buyer, or as a dispute decided. */
import { CancellationScope, condition, log } from '@temporalio/workflow';
import { lateChargebackLines } from '../../domain/chargeback.js';
import { type DisputeOutcome, FINAL_STATUS_OF } from '../../domain/dispute.js';
import type { EscrowState } from '../../domain/escrow.js';
import { PROVIDER_REFUSALS } from '../../domain/failures.js';
import { refundLines, releasedShares, releaseLines, settlementLines } from '../../domain/ledger.js';
import { failureTypeOf } from '../failure-type.js';
import { db, type EscrowContext, ledger, provider } from './context.js';

export async function release(ctx: EscrowContext): Promise<void> {
  const { input } = ctx;
  const { lines, fee } = releaseLines(input);
  await ledger.postLedger({
    key: ctx.key('release'),
    description: `order ${input.orderId}: escrow released to seller (fee ${fee})`,
    orderId: input.orderId,
    lines,
  });
  ctx.state.deadlines = {};
  await ctx.moveTo(
    'completed',
    ['delivered'],
    {},
    {
      event: 'completed',
      payload: { sellerAmount: input.amount - fee, fee },
    },
  );
}

export async function refundAndCancel(
  ctx: EscrowContext,
  reason: NonNullable<EscrowState['cancelReason']>,
): Promise<void> {
  const { input, req } = ctx;
  log.info('cancelling order', { orderId: input.orderId, reason });
  await CancellationScope.nonCancellable(async () => {
    await refundAtProvider(ctx, 'refund', input.amount);
    await ledger.postLedger({
      key: ctx.key('refund'),
      description: `order ${input.orderId}: cancelled (${reason}), refunded to buyer`,
      orderId: input.orderId,
      lines: refundLines(input),
    });
    req.bookedRefunds += input.amount;
    await db.restockOrder({ orderId: input.orderId });
    ctx.state.deadlines = {};
    await ctx.moveTo('cancelled', ['paid'], {}, { event: 'cancelled', payload: { reason } });
  });
}

/**
 * Gives the buyer `amount` back at the provider, less what the cardholder's bank took back already (a
 * chargeback). A refund the provider refuses as charged back means a chargeback whose webhook is
 * late: its amount decides what is left to refund, so the workflow waits for it (a day at most, then
 * counts the whole payment as charged back, for reconciliation to confirm).
 */
export async function refundAtProvider(ctx: EscrowContext, step: string, amount: number): Promise<void> {
  const { input, req } = ctx;
  const known = req.chargeback !== undefined;
  const rest = amount - Math.min(req.chargedBack(), amount);
  if (rest <= 0) return;
  try {
    await provider.refundPayment({
      // Another key once a chargeback is known: the amount differs from a refused first attempt's.
      idempotencyKey: ctx.key(known ? `${step}:after-chargeback` : step),
      orderId: input.orderId,
      intentId: input.intentId,
      amount: rest,
      currency: input.currency,
    });
    req.refundedAtProvider += rest;
  } catch (err) {
    if (known || failureTypeOf(err) !== PROVIDER_REFUSALS.chargeDisputed) throw err;
    log.warn('the provider refused a refund: charged back already', { orderId: input.orderId, step });
    if (!(await condition(() => req.chargeback !== undefined, CHARGEBACK_WEBHOOK_GRACE)))
      req.chargeback = { providerEventId: `refused:${ctx.key(step)}`, amount: input.amount };
    await refundAtProvider(ctx, step, amount);
  }
}

/** How long a refund refused as charged back waits for the chargeback's webhook to learn its amount. */
const CHARGEBACK_WEBHOOK_GRACE = '1 day';

/**
 * A chargeback that came after money went to the seller (`released` minor units before the fee):
 * the bank took from the platform more than the escrow booked back to the buyer, so the seller's
 * share and the fee pay back that gap (what went out at the provider, refunds and chargeback, less
 * what `refunds` was booked).
 */
export async function recoverLateChargeback(ctx: EscrowContext, released: number): Promise<void> {
  const { input, req } = ctx;
  if (!req.chargeback || req.chargebackRecovered || released <= 0) return;
  req.chargebackRecovered = true;
  const gap = req.refundedAtProvider + req.chargedBack() - req.bookedRefunds;
  const lines = lateChargebackLines(releasedShares(input, released), gap, input.currency);
  if (!lines) return;
  await ledger
    .postLedger({
      key: ctx.key('chargeback-recovery'),
      description: `order ${input.orderId}: charged back after release, ${lines.at(-1)!.amount} recovered from seller and fee`,
      orderId: input.orderId,
      lines,
    })
    .catch((err: unknown) =>
      // Paid out already: reconciliation reports it for an operator to recover.
      log.error('chargeback after release not recovered', { orderId: input.orderId, error: String(err) }),
    );
}

/**
 * Moves the escrowed money as the dispute decided: the refund part back to the buyer (at the
 * provider less what a chargeback already returned), the rest to the seller minus the fee.
 */
export async function settleDispute(ctx: EscrowContext, outcome: DisputeOutcome): Promise<void> {
  const { input } = ctx;
  const refund = outcome.refundAmount;
  const { lines, fee } = settlementLines(input, refund);
  await CancellationScope.nonCancellable(async () => {
    await refundAtProvider(ctx, 'dispute-refund', refund);
    await ledger.postLedger({
      key: ctx.key('dispute-settlement'),
      description: `order ${input.orderId}: dispute resolved (${outcome.outcome}), refund ${refund}, fee ${fee}`,
      orderId: input.orderId,
      lines,
    });
    ctx.req.bookedRefunds += refund;
    if (outcome.restock) await db.restockOrder({ orderId: input.orderId });
    await ctx.moveTo(
      FINAL_STATUS_OF[outcome.outcome],
      ['disputed'],
      {},
      {
        event: 'dispute_resolved',
        payload: { outcome: outcome.outcome, refundAmount: refund },
      },
    );
  });
}
