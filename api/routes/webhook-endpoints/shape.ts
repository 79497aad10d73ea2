/** Wire shapes of seller webhook endpoints and their delivery log. */
import { z } from '@hono/zod-openapi';
import type {
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookEndpointRow,
} from '../../../db/queries/seller-webhooks.js';
import type { WebhookDeliveryStatus, WebhookEndpointStatus } from '../../../domain/seller-webhooks.js';

export const WebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()).openapi({ description: 'Event types sent; empty means all' }),
    status: z.enum(['active', 'disabled']),
    createdAt: z.string(),
  })
  .openapi('WebhookEndpoint');

export const WebhookDelivery = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    eventKey: z.string(),
    status: z.enum(['pending', 'delivered', 'failed', 'refused']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    attemptLog: z.array(
      z.object({
        attempt: z.number().int(),
        statusCode: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number().int(),
        at: z.string(),
      }),
    ),
  })
  .openapi('WebhookDelivery');

export function endpointJson(row: WebhookEndpointRow) {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes,
    status: row.status as WebhookEndpointStatus,
    createdAt: row.createdAt.toISOString(),
  };
}

export function deliveryJson(row: WebhookDeliveryRow & { attemptLog: WebhookAttemptRow[] }) {
  return {
    id: row.id,
    eventId: String((row.payload as { id?: unknown }).id ?? ''),
    eventType: row.eventType,
    eventKey: row.eventKey,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    attemptLog: row.attemptLog.map((a) => ({
      attempt: a.attempt,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
      at: a.createdAt.toISOString(),
    })),
  };
}
