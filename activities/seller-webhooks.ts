/**
 * Seller webhooks: a notification for a user becomes one delivery per matching endpoint of theirs,
 * each run by its own `sellerWebhookDeliveryWorkflow`; every attempt re-vets the target, signs the
 * body and lands in the delivery log.
 */

import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import {
  endpointsForEvent,
  ensureWebhookDelivery,
  findDeliveryWithEndpoint,
  finishWebhookDelivery,
  recordWebhookAttempt,
} from '../db/queries/seller-webhooks.js';
import { ExpectedFailure, SELLER_WEBHOOK_FAILURES } from '../domain/failures.js';
import type { NotifyInput } from '../domain/notifications.js';
import { SA } from '../domain/search-attributes.js';
import {
  DEFAULT_SELLER_WEBHOOK_SETTINGS,
  SELLER_WEBHOOK_DELIVERY_WORKFLOW,
  SELLER_WEBHOOK_HEADERS,
  type SellerWebhookDeliveryInput,
  type SellerWebhookDeliveryResult,
  type SellerWebhookEvent,
  sellerWebhookDeliveryWorkflowId,
} from '../domain/seller-webhooks.js';
import { TASK_QUEUES } from '../domain/task-queues.js';
import { signPayload } from '../payments/webhook-signature.js';
import type { sellerWebhookDeliveryWorkflow } from '../workflows/seller-webhook-delivery.js';
import type { ActivityDeps } from './deps.js';
import { postToTarget, resolveWebhookTarget } from './outbound-webhook.js';

const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
/** The event's id: the same for every endpoint and every attempt. */
export const webhookEventId = (eventKey: string) => `evt_${digest(eventKey)}`;
/** One delivery per endpoint and event. */
export const webhookDeliveryId = (endpointId: string, eventKey: string) =>
  `whd_${digest(endpointId, eventKey)}`;

/**
 * The hook `notify` calls after its in-app step: a delivery row per active endpoint of the user that
 * takes this event type, and its workflow. Idempotent, so a retried notify starts nothing twice.
 */
export function sellerWebhookFanOut({ db, temporal, log, sellerWebhooks }: ActivityDeps) {
  const settings = { ...DEFAULT_SELLER_WEBHOOK_SETTINGS, ...sellerWebhooks };
  return async (input: NotifyInput): Promise<void> => {
    const endpoints = await endpointsForEvent(db, { userId: input.userId, eventType: input.type });
    if (endpoints.length === 0) return;
    if (!temporal) {
      log.warn({ userId: input.userId, type: input.type }, 'seller webhooks skipped: no Temporal client');
      return;
    }
    for (const endpoint of endpoints) {
      const event: SellerWebhookEvent = {
        id: webhookEventId(input.dedupeKey),
        type: input.type,
        createdAt: new Date().toISOString(),
        data: input.payload,
      };
      const delivery = await ensureWebhookDelivery(db, {
        id: webhookDeliveryId(endpoint.id, input.dedupeKey),
        endpointId: endpoint.id,
        eventKey: input.dedupeKey,
        eventType: input.type,
        payload: event,
      });
      if (delivery.status !== 'pending') continue;
      await startDelivery(
        temporal,
        {
          deliveryId: delivery.id,
          endpointId: endpoint.id,
          eventType: input.type,
          retryInitialMs: settings.retryInitialMs,
        },
        [
          { key: SA.SellerId, value: input.userId },
          ...(input.orderId ? [{ key: SA.OrderId, value: input.orderId }] : []),
        ],
      );
    }
  };
}

async function startDelivery(
  temporal: Client,
  input: SellerWebhookDeliveryInput,
  searchAttributes: SearchAttributePair[],
): Promise<void> {
  try {
    await temporal.workflow.start<typeof sellerWebhookDeliveryWorkflow>(SELLER_WEBHOOK_DELIVERY_WORKFLOW, {
      workflowId: sellerWebhookDeliveryWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `Webhook ${input.eventType} to endpoint ${input.endpointId}`,
      typedSearchAttributes: searchAttributes,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export function createSellerWebhookActivities({ db, sellerWebhooks }: ActivityDeps) {
  const settings = { ...DEFAULT_SELLER_WEBHOOK_SETTINGS, ...sellerWebhooks };
  return {
    /**
     * One attempt: vet the endpoint's address again (it may resolve elsewhere by now), POST the
     * signed event to that vetted address, log the attempt. 2xx ends the delivery; a refused target
     * ends it as `refused` without any request; anything else fails the attempt so Temporal retries.
     */
    async deliverSellerWebhook(input: {
      deliveryId: string;
    }): Promise<{ status: SellerWebhookDeliveryResult['status'] }> {
      const attempt = Context.current().info.attempt;
      const found = await findDeliveryWithEndpoint(db, input.deliveryId);
      if (!found)
        throw new ExpectedFailure(
          SELLER_WEBHOOK_FAILURES.deliveryNotFound,
          `no delivery ${input.deliveryId}`,
        );
      const { delivery, endpoint } = found;
      // Already ended (a run after a lost reply): nothing is sent again.
      if (delivery.status !== 'pending')
        return { status: delivery.status as SellerWebhookDeliveryResult['status'] };
      if (endpoint.status !== 'active') {
        await finishWebhookDelivery(db, {
          deliveryId: delivery.id,
          status: 'failed',
          error: 'endpoint disabled',
        });
        throw new ExpectedFailure(SELLER_WEBHOOK_FAILURES.endpointDisabled, 'endpoint disabled');
      }

      const started = performance.now();
      const target = await resolveWebhookTarget(endpoint.url, {
        allowCidrs: settings.allowCidrs,
        timeoutMs: settings.timeoutMs,
      });
      if (!target.ok) {
        const refused = target.reason !== 'unresolvable';
        await recordWebhookAttempt(db, {
          deliveryId: delivery.id,
          attempt,
          error: `${refused ? 'refused' : 'unresolvable'}: ${target.detail}`,
          durationMs: performance.now() - started,
          status: refused ? 'refused' : 'pending',
        });
        if (refused) throw new ExpectedFailure(SELLER_WEBHOOK_FAILURES.unsafeTarget, target.detail);
        throw new ExpectedFailure(SELLER_WEBHOOK_FAILURES.attemptFailed, target.detail, { retryable: true });
      }

      const event = delivery.payload as unknown as SellerWebhookEvent;
      const body = JSON.stringify({
        id: event.id,
        type: event.type,
        createdAt: event.createdAt,
        data: event.data,
      });
      const result = await postToTarget(
        target,
        body,
        {
          [SELLER_WEBHOOK_HEADERS.signature]: signPayload(
            endpoint.secret,
            body,
            Math.floor(Date.now() / 1000),
          ),
          [SELLER_WEBHOOK_HEADERS.eventId]: event.id,
          [SELLER_WEBHOOK_HEADERS.eventType]: event.type,
        },
        settings.timeoutMs,
      );
      const ok =
        !result.error &&
        result.statusCode !== undefined &&
        result.statusCode >= 200 &&
        result.statusCode < 300;
      await recordWebhookAttempt(db, {
        deliveryId: delivery.id,
        attempt,
        statusCode: result.statusCode,
        error: result.error ?? (ok ? undefined : `HTTP ${result.statusCode}`),
        durationMs: performance.now() - started,
        status: ok ? 'delivered' : 'pending',
      });
      if (!ok)
        throw new ExpectedFailure(
          SELLER_WEBHOOK_FAILURES.attemptFailed,
          result.error ?? `endpoint answered HTTP ${result.statusCode}`,
          { retryable: true },
        );
      return { status: 'delivered' };
    },

    /** After the last attempt: the delivery ends as failed (a no-op if it already ended). */
    async finishSellerWebhookDelivery(input: { deliveryId: string; error?: string }): Promise<void> {
      await finishWebhookDelivery(db, { deliveryId: input.deliveryId, status: 'failed', error: input.error });
    },
  };
}
