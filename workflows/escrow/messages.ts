/**
 * The escrow's messages, defined once: the workflow registers these handlers and the API calls them
 * by the same typed definitions, so a renamed update or a changed argument fails to type-check.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { CARRIER_DELIVERED_SIGNAL, type CarrierDeliveredSignal } from '../../domain/carrier.js';
import {
  type ActorUpdate,
  CHARGEBACK_SIGNAL,
  type ChargebackSignal,
  ESCROW_STATUS_QUERY,
  ESCROW_UPDATES,
  type EscrowState,
  type OpenDisputeUpdate,
  type ShipUpdate,
} from '../../domain/escrow.js';

export const escrowStatusQuery = defineQuery<EscrowState>(ESCROW_STATUS_QUERY);
export const shipUpdate = defineUpdate<EscrowState, [ShipUpdate]>(ESCROW_UPDATES.ship);
export const confirmDeliveryUpdate = defineUpdate<EscrowState, [ActorUpdate]>(ESCROW_UPDATES.confirmDelivery);
export const cancelUpdate = defineUpdate<EscrowState, [ActorUpdate]>(ESCROW_UPDATES.cancel);
export const openDisputeUpdate = defineUpdate<EscrowState, [OpenDisputeUpdate]>(ESCROW_UPDATES.openDispute);
export const chargebackSignal = defineSignal<[ChargebackSignal]>(CHARGEBACK_SIGNAL);
export const carrierDeliveredSignal = defineSignal<[CarrierDeliveredSignal]>(CARRIER_DELIVERED_SIGNAL);
