/** Payout workflow types, shared by the workflow, its activities and the API. */
import type { Currency } from './money.js';

export type PayoutStatus = 'pending' | 'in_transit' | 'paid' | 'failed';

export interface PayoutInput {
  payoutId: string;
  sellerId: string;
  amount: number;
  currency: Currency;
  destination: string;
}

export interface PayoutState {
  payoutId: string;
  status: PayoutStatus;
  transferId?: string;
  failureCode?: string;
}

/** The provider's verdict on a transfer, delivered by webhook signal or found by polling. */
export interface TransferOutcome {
  transferId: string;
  status: 'paid' | 'failed';
  failureCode?: string;
}

export const PAYOUT_WORKFLOW = 'payoutWorkflow';
export const PAYOUT_SWEEP_WORKFLOW = 'payoutSweepWorkflow';
export const TRANSFER_OUTCOME_SIGNAL = 'transferOutcome';
export const PAYOUT_STATUS_QUERY = 'status';
export const PAYOUT_SCHEDULE_ID = 'payout-sweep-daily';
