/**
 * The purchase's messages (the order workflow's), defined once for the workflow and every caller: the
 * name of each is the string literal here and nowhere else (api/routes/message-names.test.ts).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { FraudReviewDecision } from '../../domain/fraud.js';
import type {
  CancelPurchaseAnswer,
  CancelPurchaseUpdate,
  PaymentConfirmation,
  PurchaseStatus,
} from '../../domain/purchase.js';

/** The purchase's status; once the order is in escrow, the escrow's state merged over it. */
export const purchaseStatusQuery = defineQuery<PurchaseStatus>('status');
/** Resolves once the payment outcome is known: the API's `?wait=payment` uses it with update-with-start. */
export const awaitPaymentUpdate = defineUpdate<PurchaseStatus>('awaitPayment');
/** An operator's verdict on a purchase the fraud screen held for review. */
export const fraudReviewUpdate = defineUpdate<PurchaseStatus, [FraudReviewDecision]>('decideFraudReview');
/** A party's cancel while the order is still paying (domain/purchase.ts CancelPurchaseAnswer). */
export const cancelPurchaseUpdate = defineUpdate<CancelPurchaseAnswer, [CancelPurchaseUpdate]>(
  'cancelPurchase',
);
/** The provider's word on an authorization that needed the bank's confirmation (webhook or poll). */
export const paymentConfirmationSignal = defineSignal<[PaymentConfirmation]>('paymentConfirmation');
