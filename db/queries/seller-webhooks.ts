import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { SellerWebhookEvent, WebhookDeliveryStatus } from '../../domain/seller-webhooks.js';
import type { DbOrTx } from '../client.js';
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '../schema/index.js';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookDeliveryAttempts.$inferSelect;

export async function insertWebhookEndpoint(
  db: DbOrTx,
  row: { id: string; sellerId: string; url: string; secret: string; eventTypes: string[] },
): Promise<WebhookEndpointRow> {
  const [inserted] = await db.insert(webhookEndpoints).values(row).returning();
  return inserted!;
}

export async function countActiveWebhookEndpoints(db: DbOrTx, sellerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.sellerId, sellerId), eq(webhookEndpoints.status, 'active')));
  return row?.n ?? 0;
}

export async function listWebhookEndpoints(db: DbOrTx, sellerId: string): Promise<WebhookEndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.sellerId, sellerId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

export async function findWebhookEndpoint(db: DbOrTx, id: string): Promise<WebhookEndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

/** Disables one of the seller's endpoints; undefined when it is not theirs (or does not exist). */
export async function disableWebhookEndpoint(
  db: DbOrTx,
  params: { id: string; sellerId: string },
): Promise<WebhookEndpointRow | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ status: 'disabled' })
    .where(and(eq(webhookEndpoints.id, params.id), eq(webhookEndpoints.sellerId, params.sellerId)))
    .returning();
  return row;
}

/** The user's active endpoints that take `eventType` (an empty list takes every type). */
export async function endpointsForEvent(
  db: DbOrTx,
  params: { userId: string; eventType: string },
): Promise<WebhookEndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.sellerId, params.userId),
        eq(webhookEndpoints.status, 'active'),
        sql`(cardinality(${webhookEndpoints.eventTypes}) = 0 or ${params.eventType} = any(${webhookEndpoints.eventTypes}))`,
      ),
    )
    .orderBy(asc(webhookEndpoints.id));
}

/** Inserts once per endpoint and event; returns the stored row either way. */
export async function ensureWebhookDelivery(
  db: DbOrTx,
  row: {
    id: string;
    endpointId: string;
    eventKey: string;
    eventType: string;
    payload: SellerWebhookEvent;
  },
): Promise<WebhookDeliveryRow> {
  const [inserted] = await db
    .insert(webhookDeliveries)
    .values({ ...row, payload: row.payload as unknown as Record<string, unknown> })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.endpointId, row.endpointId), eq(webhookDeliveries.eventKey, row.eventKey)),
    );
  return existing!;
}

export async function findDeliveryWithEndpoint(db: DbOrTx, deliveryId: string) {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  return row;
}

/**
 * One attempt into the log, and the delivery's counters (and final status, if any) with it, in one
 * transaction. Guarded: a delivery that already ended keeps its status.
 */
export async function recordWebhookAttempt(
  db: DbOrTx,
  params: {
    deliveryId: string;
    attempt: number;
    statusCode?: number;
    error?: string;
    durationMs: number;
    /** Ends the delivery with this status; pending keeps it retrying. */
    status: WebhookDeliveryStatus;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(webhookDeliveryAttempts)
      .values({
        deliveryId: params.deliveryId,
        attempt: params.attempt,
        statusCode: params.statusCode ?? null,
        error: params.error ?? null,
        durationMs: Math.round(params.durationMs),
      })
      .onConflictDoNothing();
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`greatest(${webhookDeliveries.attempts}, ${params.attempt})`,
        lastStatusCode: params.statusCode ?? null,
        lastError: params.error ?? null,
        status: params.status,
        ...(params.status === 'delivered' && { deliveredAt: new Date() }),
      })
      .where(and(eq(webhookDeliveries.id, params.deliveryId), eq(webhookDeliveries.status, 'pending')));
  });
}

/** Ends a delivery that is still pending (retries exhausted, endpoint disabled). */
export async function finishWebhookDelivery(
  db: DbOrTx,
  params: { deliveryId: string; status: Exclude<WebhookDeliveryStatus, 'pending'>; error?: string },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: params.status, ...(params.error && { lastError: params.error }) })
    .where(and(eq(webhookDeliveries.id, params.deliveryId), eq(webhookDeliveries.status, 'pending')));
}

/** An endpoint's newest deliveries with their attempts, oldest attempt first. */
export async function deliveryLog(
  db: DbOrTx,
  params: { endpointId: string; limit: number },
): Promise<Array<WebhookDeliveryRow & { attemptLog: WebhookAttemptRow[] }>> {
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, params.endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(params.limit);
  if (deliveries.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookDeliveryAttempts)
    .where(
      inArray(
        webhookDeliveryAttempts.deliveryId,
        deliveries.map((d) => d.id),
      ),
    )
    .orderBy(asc(webhookDeliveryAttempts.deliveryId), asc(webhookDeliveryAttempts.attempt));
  return deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) }));
}
