/**
 * POST /v1/webhooks/payments/stripe: Stripe's events, verified with `stripe.webhooks.constructEvent`
 * (the `Stripe-Signature` header, 5-minute tolerance) against each of STRIPE_WEBHOOK_SECRET's secrets
 * (during a rotation Stripe signs with both), then mapped onto the internal events the sandbox sends,
 * and received exactly like them (stored once by id, signalled to the workflow that waits).
 */
import type { Context } from 'hono';
import { commaList } from '../../../config/env.js';
import { problem } from '../../problem.js';
import { type InternalEvent, internalEventOf, verify } from '../../services/webhooks/stripe-events.js';
import type { App, AppEnv } from '../../types.js';

export const STRIPE_WEBHOOK_PATH = '/v1/webhooks/payments/stripe';

export type ReceiveEvent = (c: Context<AppEnv>, event: InternalEvent) => Promise<Response>;

export function registerStripeWebhook(app: App, receive: ReceiveEvent): void {
  app.post(STRIPE_WEBHOOK_PATH, async (c) => {
    const verdict = (result: string) => c.var.metrics.webhookVerifications.inc({ source: 'stripe', result });
    const rawBody = await c.req.text();
    const header = c.req.header('stripe-signature');
    if (!header) {
      verdict('missing_header');
      return problem(c, 'validation_failed', 'missing Stripe-Signature header');
    }
    const event = verify(rawBody, header, commaList(c.var.deps.env.STRIPE_WEBHOOK_SECRET));
    if (!event.ok) {
      verdict(event.reason);
      c.var.log.warn({ reason: event.reason, source: 'stripe' }, 'webhook rejected');
      return problem(c, 'unauthorized', `signature rejected: ${event.reason}`);
    }
    verdict('valid');
    const internal = await internalEventOf(c.var.deps.db, event.event);
    if (!internal) {
      c.var.log.info({ eventId: event.event.id, type: event.event.type }, 'stripe event type ignored');
      return c.json({ received: true, ignored: true }, 200);
    }
    return receive(c, internal);
  });
}
