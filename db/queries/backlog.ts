/**
 * What is owed and not yet delivered: notification outbox rows and seller webhook deliveries still
 * pending, with the age of the oldest (by the database's clock). Read by the API's /metrics at scrape
 * time (observability/backlog-metrics.ts); both scans use a partial index over the owed rows only.
 */
import { eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { notificationOutbox, webhookDeliveries } from '../schema/index.js';

export interface Backlog {
  pending: number;
  /** Seconds since the oldest owed row was written; 0 when none is owed. */
  oldestAgeSeconds: number;
}

const pendingOf = (createdAt: typeof notificationOutbox.createdAt | typeof webhookDeliveries.createdAt) => ({
  pending: sql<number>`count(*)::int`,
  oldestAgeSeconds: sql<number>`coalesce(extract(epoch from now() - min(${createdAt})), 0)::float8`,
});

export async function backlogs(db: DbOrTx): Promise<{ outbox: Backlog; sellerWebhooks: Backlog }> {
  const [[outbox], [sellerWebhooks]] = await Promise.all([
    db
      .select(pendingOf(notificationOutbox.createdAt))
      .from(notificationOutbox)
      .where(isNull(notificationOutbox.deliveredAt)),
    db
      .select(pendingOf(webhookDeliveries.createdAt))
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, 'pending')),
  ]);
  const none = { pending: 0, oldestAgeSeconds: 0 };
  return { outbox: outbox ?? none, sellerWebhooks: sellerWebhooks ?? none };
}
