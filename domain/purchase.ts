/** Inputs and outputs shared by the purchase workflow, its activities and the API. */
import type { EscrowState, EscrowStatus, EscrowTimers } from './escrow.js';
import type { FraudReviewDecision, FraudScreenInput, FraudVerdict } from './fraud.js';
import type { Currency } from './money.js';
import type { FailureReason, OrderStatus, SetOrderStatusInput } from './order.js';

export interface PurchaseInput {
  orderId: string;
  listingId: string;
  buyerId: string;
  sellerId: string;
  quantity: number;
  /** Total price (unit price x quantity) in minor units, fixed when the order was placed. */
  amount: number;
  currency: Currency;
  /** Provider token for the buyer's card; the platform never sees card numbers. */
  paymentMethod: string;
  /** Escrow terms fixed when the order was placed: platform fee and timers of this deployment. */
  escrow: { feeBps: number; timers: EscrowTimers };
  /** The buyer's address as the API saw it, for the fraud screen's per-IP velocity. */
  clientIp?: string;
  /**
   * The buyer's card is held already (an accepted offer's hold, for `amount`): the purchase captures
   * that intent instead of authorizing, and voids it if the order fails before the capture.
   */
  preauthorized?: { intentId: string };
}

/** The purchase's state; once the order is in escrow, the escrow's state merged over it. */
export interface PurchaseStatus extends Partial<Omit<EscrowState, 'orderId' | 'status'>> {
  orderId: string;
  status: OrderStatus;
  failureReason?: FailureReason;
  paymentIntentId?: string;
  /** The fraud screen's verdict and, after a review, the operator's decision. */
  fraud?: FraudVerdict & { review?: FraudReviewDecision | 'timed_out' };
}

/** How the order's workflow ended: `failed` before the money was held, else the escrow's final state. */
export interface PurchaseResult extends Partial<Omit<EscrowState, 'orderId' | 'status'>> {
  orderId: string;
  status: 'failed' | EscrowStatus;
  failureReason?: FailureReason;
}

export interface ReserveInventoryInput {
  orderId: string;
  listingId: string;
  quantity: number;
}

/** The purchase's first step (activities/purchase-steps.ts): reserve, move to `reserved`, screen. */
export interface AdmitOrderInput {
  reserve: ReserveInventoryInput;
  status: SetOrderStatusInput;
  screen: FraudScreenInput;
}

export interface AuthorizeInput {
  idempotencyKey: string;
  orderId: string;
  /** A hold for an offer: recorded against the offer (its order does not exist yet). */
  offerId?: string;
  amount: number;
  currency: Currency;
  paymentMethod: string;
}
export interface AuthorizeResult {
  intentId: string;
  /** `requires_confirmation`: the buyer's bank confirms later (3-D Secure); a webhook or a poll tells. */
  status?: 'authorized' | 'requires_confirmation';
}

/** The order's hold and its move to `authorized` (activities/purchase-steps.ts). */
export interface AuthorizeOrderInput {
  authorize: AuthorizeInput;
  /** The move once the hold is in; the activity adds the intent. */
  authorized: SetOrderStatusInput;
}
export interface AuthorizeOrderResult extends AuthorizeResult {
  /** The order is `authorized` now; false while the bank confirms, or when the move was refused. */
  moved: boolean;
  /** Why the move was refused: the order was not `reserved` (the workflow fails it, voiding the hold). */
  refused?: string;
}

/** The provider's word on an intent that needed confirmation (webhook → signal, or a status poll). */
export interface PaymentConfirmation {
  intentId: string;
  status: 'authorized' | 'declined';
}

/**
 * A party's cancel of an order still paying. Before the capture is sent the purchase stops and
 * compensates (`cancelling`); once it is sent the money may already be taken, so the purchase finishes
 * and the answer (`paid`) tells the caller to cancel the paid order through escrow (refund, restock).
 */
export interface CancelPurchaseUpdate {
  userId: string;
}
export interface CancelPurchaseAnswer {
  outcome: 'cancelling' | 'paid' | 'failed';
}

export interface CaptureInput {
  idempotencyKey: string;
  intentId: string;
  amount: number;
  currency: Currency;
}

export interface VoidInput {
  idempotencyKey: string;
  intentId: string;
}

/** The purchase workflow's type, by which the API starts it (its messages: workflows/purchase/messages.ts). */
export const PURCHASE_WORKFLOW = 'purchaseWorkflow';
