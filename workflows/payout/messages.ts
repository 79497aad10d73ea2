/**
 * The payout workflow's message contract: defined once, registered by the workflow and used by the
 * API with these typed definitions (`handle.signal(transferOutcomeSignal, …)`, `handle.query(payoutStatusQuery)`).
 * Pure definitions: safe to import outside a workflow.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import {
  PAYOUT_STATUS_QUERY,
  type PayoutState,
  TRANSFER_OUTCOME_SIGNAL,
  type TransferOutcome,
} from '../../domain/payout.js';

export const payoutStatusQuery = defineQuery<PayoutState>(PAYOUT_STATUS_QUERY);
/** The provider's verdict from its webhook; the polling fallback finds the same verdict itself. */
export const transferOutcomeSignal = defineSignal<[TransferOutcome]>(TRANSFER_OUTCOME_SIGNAL);
