/** The purchase's messages (the order workflow's), defined once for the workflow and the API. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { FRAUD_REVIEW_UPDATE, type FraudReviewDecision } from '../../domain/fraud.js';
import {
  AWAIT_PAYMENT_UPDATE,
  CANCEL_PURCHASE_UPDATE,
  type CancelPurchaseAnswer,
  type CancelPurchaseUpdate,
  PAYMENT_CONFIRMATION_SIGNAL,
  type PaymentConfirmation,
  PURCHASE_STATUS_QUERY,
  type PurchaseStatus,
} from '../../domain/purchase.js';

/** The purchase's status; once the order is in escrow, the escrow's state merged over it. */
export const purchaseStatusQuery = defineQuery<PurchaseStatus>(PURCHASE_STATUS_QUERY);
/** Resolves once the payment outcome is known: the API's `?wait=payment` uses it with update-with-start. */
export const awaitPaymentUpdate = defineUpdate<PurchaseStatus>(AWAIT_PAYMENT_UPDATE);
/** An operator's verdict on a purchase the fraud screen held for review. */
export const fraudReviewUpdate = defineUpdate<PurchaseStatus, [FraudReviewDecision]>(FRAUD_REVIEW_UPDATE);
export const cancelPurchaseUpdate = defineUpdate<CancelPurchaseAnswer, [CancelPurchaseUpdate]>(
  CANCEL_PURCHASE_UPDATE,
);
export const paymentConfirmationSignal = defineSignal<[PaymentConfirmation]>(PAYMENT_CONFIRMATION_SIGNAL);
