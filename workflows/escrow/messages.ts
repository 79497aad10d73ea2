/**
 * The escrow's messages, defined once: the order's workflow (`order-<orderId>`) registers these
 * handlers and the API calls them by the same typed definitions, so a renamed update or a changed
 * argument fails to type-check. Each name is the string literal here and nowhere else.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CarrierDeliveredSignal } from '../../domain/carrier.js';
import type {
  ActorUpdate,
  ChargebackSignal,
  EscrowState,
  OpenDisputeUpdate,
  ShipUpdate,
} from '../../domain/escrow.js';

export const escrowStatusQuery = defineQuery<EscrowState>('status');
export const shipUpdate = defineUpdate<EscrowState, [ShipUpdate]>('ship');
export const confirmDeliveryUpdate = defineUpdate<EscrowState, [ActorUpdate]>('confirmDelivery');
export const cancelUpdate = defineUpdate<EscrowState, [ActorUpdate]>('cancel');
export const openDisputeUpdate = defineUpdate<EscrowState, [OpenDisputeUpdate]>('openDispute');
/** The provider's chargeback webhook: opens a dispute (or decides the open one). */
export const chargebackSignal = defineSignal<[ChargebackSignal]>('chargeback');
export const carrierDeliveredSignal = defineSignal<[CarrierDeliveredSignal]>('carrierDelivered');
