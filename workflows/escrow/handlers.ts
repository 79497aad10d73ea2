/** The escrow's handlers: they validate and record a request; the main loop (run.ts) acts on it. */
import { condition, log, setHandler } from '@temporalio/workflow';
import { reject, UPDATE_REJECTIONS } from '../../domain/failures.js';
import {
  cancelUpdate,
  carrierDeliveredSignal,
  chargebackSignal,
  confirmDeliveryUpdate,
  openDisputeUpdate,
  shipUpdate,
} from './messages.js';
import type { EscrowRequests } from './requests.js';

/** The parties' updates. An order's workflow registers them while it is still paying (they refuse). */
export function handleEscrowUpdates(req: EscrowRequests): void {
  const { state } = req;
  setHandler(
    shipUpdate,
    async ({ userId, carrier, trackingNumber }) => {
      req.requested = { kind: 'ship', by: userId };
      state.carrier = carrier;
      state.trackingNumber = trackingNumber;
      await condition(req.settled('paid'));
      return state;
    },
    {
      validator: ({ userId, carrier, trackingNumber }) => {
        req.requireParty(userId, ['seller']);
        req.requireStatus(['paid'], 'ship');
        if (!carrier || !trackingNumber)
          throw reject(UPDATE_REJECTIONS.invalidState, 'carrier and tracking number are required');
      },
    },
  );
  setHandler(
    confirmDeliveryUpdate,
    async ({ userId }) => {
      req.requested = { kind: 'confirm', by: userId };
      await condition(req.settled('shipped'));
      return state;
    },
    {
      validator: ({ userId }) => {
        req.requireParty(userId, ['buyer']);
        req.requireStatus(['shipped'], 'confirm delivery of');
      },
    },
  );
  setHandler(
    cancelUpdate,
    async ({ userId }) => {
      req.requested = { kind: 'cancel', by: userId };
      await condition(req.settled('paid'));
      return state;
    },
    {
      validator: ({ userId }) => {
        req.requireParty(userId, ['buyer', 'seller']);
        req.requireStatus(['paid'], 'cancel');
      },
    },
  );
  setHandler(
    openDisputeUpdate,
    async ({ userId, reason, description }) => {
      const from = state.status;
      req.requested = { kind: 'dispute', by: userId };
      req.disputeRequest = { by: userId, reason, description };
      await condition(req.settled(from));
      return state;
    },
    {
      validator: ({ userId }) => {
        req.requireParty(userId, ['buyer']);
        req.requireStatus(['shipped', 'delivered'], 'dispute');
      },
    },
  );
}

/**
 * The signals of the bank and the carrier. The order's workflow registers them once the money is
 * held: a signal that came earlier waits in the workflow until then.
 */
export function handleEscrowSignals(req: EscrowRequests): void {
  const { state } = req;

  // A chargeback opens a dispute while the escrow holds the money and nothing else is under way.
  // Otherwise it is kept: the main loop turns it into a dispute once the status change is done, a
  // refund under way does not repeat it at the provider, an open dispute is settled by it, and money
  // already released is recovered from the seller. Later ones are moot.
  setHandler(chargebackSignal, (signalled) => {
    const holdsMoney = ['paid', 'shipped', 'delivered'].includes(state.status);
    if (req.chargeback) return;
    req.chargeback = signalled;
    if (!req.disputeRequest && holdsMoney && req.idle()) req.requestChargebackDispute(signalled);
  });

  // The carrier's delivery report counts as the buyer's confirmation while the order is shipped and
  // nothing else is being acted on; at any other time it is moot (a duplicate, a late or early report).
  setHandler(carrierDeliveredSignal, (report) => {
    const { eventId, occurredAt } = report;
    if (state.status !== 'shipped' || req.requested || req.beforeShipment(occurredAt)) {
      log.info('carrier delivery report ignored', {
        orderId: state.orderId,
        eventId,
        occurredAt,
        status: state.status,
      });
      return;
    }
    req.acceptCarrierReport(report);
  });
}
