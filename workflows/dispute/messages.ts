/**
 * The dispute workflow's message contract: defined once, registered by the workflow and called by the
 * API and escrow with these typed definitions (`handle.executeUpdate(resolveDisputeUpdate, …)`), so a
 * name or argument drift fails to type-check. Pure definitions: safe to import outside a workflow.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  DISPUTE_STATUS_QUERY,
  DISPUTE_UPDATES,
  type DisputeAcceptUpdate,
  type DisputeEvidenceUpdate,
  type DisputeResolveUpdate,
  type DisputeState,
} from '../../domain/dispute.js';
import { CHARGEBACK_SIGNAL, type ChargebackSignal } from '../../domain/escrow.js';

export const disputeStatusQuery = defineQuery<DisputeState>(DISPUTE_STATUS_QUERY);
export const addEvidenceUpdate = defineUpdate<DisputeState, [DisputeEvidenceUpdate]>(
  DISPUTE_UPDATES.evidence,
);
export const acceptDisputeUpdate = defineUpdate<DisputeState, [DisputeAcceptUpdate]>(DISPUTE_UPDATES.accept);
export const resolveDisputeUpdate = defineUpdate<DisputeState, [DisputeResolveUpdate]>(
  DISPUTE_UPDATES.resolve,
);

/** Escrow forwards a chargeback that came while the dispute was open: it decides the dispute. */
export const disputeChargebackSignal = defineSignal<[ChargebackSignal]>(CHARGEBACK_SIGNAL);
