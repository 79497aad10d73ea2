/**
 * The payout workflow's message contract: defined once, registered by the workflow and used by the
 * API with these typed definitions (`handle.signal(transferOutcomeSignal, …)`, `handle.query(payoutStatusQuery)`).
 * Each name is the string literal here and nowhere else. Pure definitions: safe to import outside a workflow.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PayoutState, TransferOutcome } from '../../domain/payout.js';

export const payoutStatusQuery = defineQuery<PayoutState>('status');
/** The provider's verdict from its webhook; the polling fallback finds the same verdict itself. */
export const transferOutcomeSignal = defineSignal<[TransferOutcome]>('transferOutcome');
