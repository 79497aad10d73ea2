/**
 * The escrow's phases: paid (wait for shipment, a cancel, or the ship-by deadline) → shipped (wait
 * for the buyer, the carrier, a dispute, or auto-confirmation) → delivered (the dispute window) →
 * released. A dispute or a cancel leaves the line for its own ending.
 */
import type { EscrowState } from '../../domain/escrow.js';
import type { EscrowContext } from './context.js';
import { awaitDelivery } from './delivery.js';
import { holdForDispute } from './dispute-hold.js';
import { recoverLateChargeback, refundAndCancel, release } from './settlement.js';

/** Runs from `paid`: the order's `paid` row already carries the ship-by deadline. */
export async function runEscrow(ctx: EscrowContext): Promise<EscrowState> {
  const { input, req, state } = ctx;
  const { timers } = input;

  const shipByLeft = Date.parse(state.deadlines.shipBy!) - Date.now();
  const acted = await req.awaitRequest(Math.max(shipByLeft, 1));
  if (req.kind() === 'dispute') return holdForDispute(ctx);
  if (!acted || req.kind() === 'cancel') {
    state.cancelReason = !acted
      ? 'ship_by_deadline'
      : req.requested?.by === input.buyerId
        ? 'buyer'
        : 'seller';
    await refundAndCancel(ctx, state.cancelReason);
    return state;
  }

  ctx.deadline('autoConfirmAt', timers.autoConfirmMs);
  const parcel = { carrier: state.carrier!, trackingNumber: state.trackingNumber! };
  await ctx.moveTo('shipped', ['paid'], parcel, { event: 'shipped', payload: parcel });
  req.shippedAt = Date.now();
  if (req.disputeChargebackIfPending()) return holdForDispute(ctx);
  await awaitDelivery(ctx);
  if (req.kind() === 'dispute') return holdForDispute(ctx);

  const by = req.kind();
  const deliveredBy = by === 'carrier' ? 'carrier' : by === 'confirm' ? 'buyer' : 'timer';
  state.deliveredBy = deliveredBy;
  ctx.deadline('disputeWindowEndsAt', timers.disputeWindowMs);
  await ctx.moveTo(
    'delivered',
    ['shipped'],
    {},
    {
      event: 'delivered',
      payload: { deliveredBy, ...(deliveredBy === 'carrier' && { carrierEventId: state.carrierEventId }) },
    },
  );
  if (req.disputeChargebackIfPending()) return holdForDispute(ctx);
  await req.awaitRequest(timers.disputeWindowMs);
  if (req.kind() === 'dispute') return holdForDispute(ctx);

  await release(ctx);
  await recoverLateChargeback(ctx, input.amount);
  return state;
}
