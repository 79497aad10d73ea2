/**
 * seller webhook delivery (`webhook-delivery-<deliveryId>`): one event to one seller endpoint. The
 * delivery activity is retried by Temporal with exponential backoff (workflows/options.ts); when the
 * retries run out the delivery ends as `failed`. A refused target or a disabled endpoint ends it at
 * once (the activity records that itself).
 */

import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { SELLER_WEBHOOK_FAILURES } from '../domain/failures.js';
import type { SellerWebhookDeliveryInput, SellerWebhookDeliveryResult } from '../domain/seller-webhooks.js';
import { activitiesOn, notificationStep, sellerWebhookAttempt } from './options.js';

export { sellerWebhookDeliveryWorkflowId } from '../domain/seller-webhooks.js';

const bookkeeping = activitiesOn(notificationStep);

export async function sellerWebhookDeliveryWorkflow(
  input: SellerWebhookDeliveryInput,
): Promise<SellerWebhookDeliveryResult> {
  const { deliveryId } = input;
  const sender = activitiesOn(sellerWebhookAttempt(input.retryInitialMs));
  try {
    const { status } = await sender.deliverSellerWebhook({ deliveryId });
    return { deliveryId, status };
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type === SELLER_WEBHOOK_FAILURES.unsafeTarget)
      return { deliveryId, status: 'refused' };
    // Retries exhausted (or the seller disabled the endpoint meanwhile): the delivery ends failed.
    await bookkeeping.finishSellerWebhookDelivery({ deliveryId, error: cause?.message ?? err.message });
    return { deliveryId, status: 'failed' };
  }
}
