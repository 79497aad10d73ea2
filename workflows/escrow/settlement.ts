/** Where the escrowed money goes: to the seller, back to the buyer, or as a dispute decided. */
import { CancellationScope, log } from '@temporalio/workflow';
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
  const { input } = ctx;
  log.info('cancelling order', { orderId: input.orderId, reason });
  await CancellationScope.nonCancellable(async () => {
    await refundAtProvider(ctx, 'refund', input.amount);
    await ledger.postLedger({
      key: ctx.key('refund'),
      description: `order ${input.orderId}: cancelled (${reason}), refunded to buyer`,
      orderId: input.orderId,
      lines: refundLines(input),
    });
    await db.restockOrder({ orderId: input.orderId });
    ctx.state.deadlines = {};
    await ctx.moveTo('cancelled', ['paid'], {}, { event: 'cancelled', payload: { reason } });
  });
}

/**
 * Refunds the buyer at the provider, unless the cardholder's bank already did (a chargeback): a
 * refund the provider refuses as charged back counts as that chargeback, whose webhook is late.
 */
export async function refundAtProvider(ctx: EscrowContext, step: string, amount: number): Promise<void> {
  const { input, req } = ctx;
  if (req.chargeback) return;
  try {
    await provider.refundPayment({
      idempotencyKey: ctx.key(step),
      orderId: input.orderId,
      intentId: input.intentId,
      amount,
      currency: input.currency,
    });
  } catch (err) {
    if (failureTypeOf(err) !== PROVIDER_REFUSALS.chargeDisputed) throw err;
    log.warn('the provider refused a refund: charged back already', { orderId: input.orderId, step });
    req.chargeback ??= { providerEventId: `refused:${ctx.key(step)}` };
  }
}

/**
 * A chargeback that came after money went to the seller (`released` minor units before the fee):
 * the bank took it from the platform, so the seller's share and the fee pay it back.
 */
export async function recoverLateChargeback(ctx: EscrowContext, released: number): Promise<void> {
  const { input, req } = ctx;
  if (!req.chargeback || req.chargebackRecovered || released <= 0) return;
  req.chargebackRecovered = true;
  await ledger
    .postLedger({
      key: ctx.key('chargeback-recovery'),
      description: `order ${input.orderId}: charged back after release, ${released} recovered from seller and fee`,
      orderId: input.orderId,
      lines: lateChargebackLines(releasedShares(input, released), released, input.currency)!,
    })
    .catch((err: unknown) =>
      // Paid out already: reconciliation reports it for an operator to recover.
      log.error('chargeback after release not recovered', { orderId: input.orderId, error: String(err) }),
    );
}

/**
 * Moves the escrowed money as the dispute decided: the refund part back to the buyer (at the
 * provider too, unless a chargeback already returned it), the rest to the seller minus the fee.
 */
export async function settleDispute(
  ctx: EscrowContext,
  outcome: DisputeOutcome,
  chargedBack: boolean,
): Promise<void> {
  const { input } = ctx;
  const refund = outcome.refundAmount;
  const { lines, fee } = settlementLines(input, refund);
  await CancellationScope.nonCancellable(async () => {
    if (refund > 0 && !chargedBack) await refundAtProvider(ctx, 'dispute-refund', refund);
    await ledger.postLedger({
      key: ctx.key('dispute-settlement'),
      description: `order ${input.orderId}: dispute resolved (${outcome.outcome}), refund ${refund}, fee ${fee}`,
      orderId: input.orderId,
      lines,
    });
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
