/**
 * The dispute workflow's message contract: defined once, registered by the workflow and called by the
 * API and escrow with these typed definitions (`handle.executeUpdate(resolveDisputeUpdate, …)`), so a
 * name or argument drift fails to type-check. Each name is the string literal here and nowhere else.
 * Pure definitions: safe to import outside a workflow.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  DisputeAcceptUpdate,
  DisputeEvidenceUpdate,
  DisputeResolveUpdate,
  DisputeState,
} from '../../domain/dispute.js';
import type { ChargebackSignal } from '../../domain/escrow.js';

export const disputeStatusQuery = defineQuery<DisputeState>('status');
export const addEvidenceUpdate = defineUpdate<DisputeState, [DisputeEvidenceUpdate]>('addEvidence');
export const acceptDisputeUpdate = defineUpdate<DisputeState, [DisputeAcceptUpdate]>('accept');
export const resolveDisputeUpdate = defineUpdate<DisputeState, [DisputeResolveUpdate]>('resolve');

/** Escrow forwards a chargeback that came while the dispute was open: it decides the dispute. */
export const disputeChargebackSignal = defineSignal<[ChargebackSignal]>('chargeback');
