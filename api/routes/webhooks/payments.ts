/**
 * POST /v1/webhooks/payments: the provider's signed events. Verify (HMAC-SHA256 over "t.body",
 * timing-safe, 5-minute tolerance), store once by event id, signal the workflow that waits, answer
 * 2xx fast. Unknown or malformed-but-signed events are stored and acknowledged. `account.updated`
 * keeps a seller's payouts_enabled (accounts.ts).
 */
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { webhookSecrets } from '../../../config/env.js';
import { webhookEvents } from '../../../db/schema/index.js';
import type { ProviderEvent } from '../../../payments/events.js';
import { dispatch } from '../../services/webhooks/payment-dispatch.js';
import type { App, AppEnv } from '../../types.js';
import { applyAccountUpdate } from './accounts.js';
import { readEvent, storeMalformed, verifiedDelivery } from './signed.js';
import { registerStripeWebhook } from './stripe.js';

export const WEBHOOK_PATH = '/v1/webhooks/payments';

export function registerPaymentWebhook(app: App): void {
  app.post(WEBHOOK_PATH, async (c) => {
    const { db, env } = c.var.deps;
    // Signature, replay and verdict count as for every inbound webhook (signed.ts).
    const delivery = await verifiedDelivery(c, 'payments', webhookSecrets(env));
    if (!delivery.ok) return delivery.response;
    const event = readEvent<ProviderEvent>(delivery.rawBody);
    if (!event) {
      // Signed by the provider but unreadable: keep it for inspection, acknowledge so it is not resent forever.
      const id = await storeMalformed(db, { idPrefix: 'malformed', ...delivery });
      return c.json({ received: true, stored: id }, 200);
    }
    return receiveProviderEvent(c, event);
  });
  // Stripe's own format, verified with its SDK and mapped onto these events (stripe.ts).
  registerStripeWebhook(app, receiveProviderEvent);
}

/**
 * Stores an event once by id and hands it to what waits for it: the sandbox's, and Stripe's once
 * mapped onto the same events (stripe.ts).
 */
export async function receiveProviderEvent(c: Context<AppEnv>, event: ProviderEvent): Promise<Response> {
  const { db, temporal } = c.var.deps;
  const [stored] = await db
    .insert(webhookEvents)
    .values({ id: event.id, type: event.type, payload: event })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  if (!stored) {
    // A redelivery. Dispatched again only if the first delivery's signal never went through.
    const [first] = await db
      .select({ processedAt: webhookEvents.processedAt })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, event.id));
    if (first?.processedAt) return c.json({ received: true, duplicate: true }, 200);
  }

  await applyAccountUpdate(db, event);
  await dispatch(event, { temporal, log: c.var.log, db });
  await db.update(webhookEvents).set({ processedAt: new Date() }).where(eq(webhookEvents.id, event.id));
  return c.json({ received: true }, 200);
}
