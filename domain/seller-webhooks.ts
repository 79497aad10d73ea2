/** Seller webhook types, shared by the delivery workflow, its activities and the API. */

export const SELLER_WEBHOOK_DELIVERY_WORKFLOW = 'sellerWebhookDeliveryWorkflow';

/** One workflow per delivery (endpoint × event): a second start is "already started". */
export const sellerWebhookDeliveryWorkflowId = ({ deliveryId }: { deliveryId: string }) =>
  `webhook-delivery-${deliveryId}`;

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'refused';
export type WebhookEndpointStatus = 'active' | 'disabled';

export interface SellerWebhookDeliveryInput {
  deliveryId: string;
  endpointId: string;
  eventType: string;
  /** First retry interval; doubles up to an hour (OUTBOUND_WEBHOOK_RETRY_INITIAL_MS). */
  retryInitialMs: number;
}

export interface SellerWebhookDeliveryResult {
  deliveryId: string;
  status: Exclude<WebhookDeliveryStatus, 'pending'>;
}

/** What the worker's activities need from OUTBOUND_WEBHOOK_* (config/env.ts). */
export interface SellerWebhookSettings {
  /** CIDRs reachable although not public (tests: 127.0.0.1/32); empty in production. */
  allowCidrs: readonly string[];
  timeoutMs: number;
  retryInitialMs: number;
}

export const DEFAULT_SELLER_WEBHOOK_SETTINGS: SellerWebhookSettings = {
  allowCidrs: [],
  timeoutMs: 5_000,
  retryInitialMs: 5_000,
};

/**
 * Retry schedule of a delivery: the first retry after `retryInitialMs` (5 s), doubling up to one
 * hour between attempts, 15 attempts in all (about 5½ hours with the defaults), never past a day.
 */
export const SELLER_WEBHOOK_RETRY = {
  backoffCoefficient: 2,
  maximumIntervalMs: 3600_000,
  maximumAttempts: 15,
  scheduleToCloseMs: 24 * 3600_000,
} as const;

/** Headers of every delivery; the signature is the scheme of inbound payment webhooks. */
export const SELLER_WEBHOOK_HEADERS = {
  signature: 'Escrowflow-Signature',
  eventId: 'Escrowflow-Event-Id',
  eventType: 'Escrowflow-Event-Type',
} as const;

/** The JSON body sellers receive; `id` is the same for every attempt and every endpoint. */
export interface SellerWebhookEvent {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

/** Event types are notification types (`order.sold`, `order.shipped`, ...); empty list = all. */
export const EVENT_TYPE_PATTERN = /^[a-z_]+\.[a-z_]+$/;
export const MAX_ENDPOINTS_PER_SELLER = 16;
