/**
 * The escrow's phases: paid (wait for shipment, a cancel, or the ship-by deadline) → shipped (wait
 * for the buyer, the carrier, a dispute, or auto-confirmation) → delivered (the dispute window) →
 * released. A dispute or a cancel leaves the line for its own ending.
 */
import { patched } from '@temporalio/workflow';
import type { EscrowState } from '../../domain/escrow.js';
import { db, type EscrowContext } from './context.js';
import { awaitDelivery } from './delivery.js';
import { holdForDispute } from './dispute-hold.js';
import { recoverLateChargeback, refundAndCancel, release } from './settlement.js';

/** `shipByRecorded`: the order's `paid` row already carries the ship-by deadline (one workflow per order). */
export async function runEscrow(ctx: EscrowContext, { shipByRecorded = false } = {}): Promise<EscrowState> {
  const { input, req, state } = ctx;
  const { timers } = input;

  if (!shipByRecorded) {
    ctx.deadline('shipBy', timers.shipByMs);
    await db.setOrderStatus({
      orderId: input.orderId,
      from: ['paid'],
      to: 'paid',
      eventKey: ctx.key('deadline:shipBy'),
      deadlines: state.deadlines,
    });
  }
  const shipByLeft = Date.parse(state.deadlines.shipBy!) - Date.now();
  const acted = await req.awaitRequest(shipByRecorded ? Math.max(shipByLeft, 1) : timers.shipByMs);
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
  await ctx.announce();
  if (req.disputeChargebackIfPending()) return holdForDispute(ctx);
  // Orders shipped before carrier tracking wait for the buyer or the timer only, as they did.
  req.carrierTracking = patched('carrier-tracking');
  if (req.carrierTracking && req.earlyCarrierReport && req.idle())
    req.acceptCarrierReport(req.earlyCarrierReport);
  if (req.carrierTracking) await awaitDelivery(ctx);
  else await req.awaitRequest(timers.autoConfirmMs);
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
      payload: req.carrierTracking
        ? { deliveredBy, ...(deliveredBy === 'carrier' && { carrierEventId: state.carrierEventId }) }
        : {},
    },
  );
  await ctx.announce();
  if (req.disputeChargebackIfPending()) return holdForDispute(ctx);
  await req.awaitRequest(timers.disputeWindowMs);
  if (req.kind() === 'dispute') return holdForDispute(ctx);

  await release(ctx);
  await recoverLateChargeback(ctx, input.amount);
  return state;
}
