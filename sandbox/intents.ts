/** Payment intents with manual capture (authorize, capture, cancel) and refunds. */
import type { Hono } from 'hono';
import { DECLINES, KNOWN_METHODS, SLOW_CAPTURE_MS } from './cards.js';
import { ApiError, currencyOf, intentOr404, newId, positiveAmount, type SandboxContext } from './context.js';
import type { Idempotent } from './idempotency.js';
import type { IntentRecord } from './store.js';

export function mountIntents(app: Hono, ctx: SandboxContext, idempotent: Idempotent): void {
  const { state, webhooks } = ctx;

  app.post('/v1/payment_intents', (c) =>
    idempotent(c, 'authorize', (body) => {
      const amount = positiveAmount(body.amount);
      const currency = currencyOf(body.currency);
      const token = String(body.payment_method ?? '');
      const method = state.paymentMethods?.[token]?.behaves_like ?? token;
      if (!KNOWN_METHODS.has(method))
        throw new ApiError(400, 'invalid_payment_method', `unknown payment method ${method}`);
      const decline =
        DECLINES[method] ??
        (method === 'pm_card_ok' && ctx.random() < ctx.faults().declineRate ? 'card_declined' : undefined);
      if (decline) throw new ApiError(402, decline, 'the card was declined', 'card_error');
      const intent: IntentRecord = {
        id: newId('pi'),
        status: method === 'pm_card_requires_confirmation' ? 'requires_confirmation' : 'authorized',
        amount,
        currency,
        amount_captured: 0,
        amount_refunded: 0,
        payment_method: token,
        metadata: (body.metadata as Record<string, string>) ?? {},
        created: Math.floor(Date.now() / 1000),
      };
      state.intents[intent.id] = intent;
      if (intent.status === 'requires_confirmation') {
        ctx.later(ctx.settleDelayMs, () => {
          intent.status = 'authorized';
          ctx.persist();
          webhooks.send('payment_intent.authorized', intent);
        });
      }
      return { status: 200, body: intent };
    }),
  );

  app.get('/v1/payment_intents/:id', (c) => c.json(intentOr404(state, c.req.param('id'))));

  app.post('/v1/payment_intents/:id/capture', async (c) => {
    const answer = await idempotent(c, 'capture', (body) => {
      const intent = intentOr404(state, c.req.param('id'));
      if (intent.status === 'captured') return { status: 200, body: intent };
      if (intent.status !== 'authorized')
        throw new ApiError(400, 'payment_intent_unexpected_state', `intent is ${intent.status}`);
      if (intent.payment_method === 'pm_card_capture_fails')
        throw new ApiError(402, 'capture_failed', 'capture was refused', 'card_error');
      const amount = body.amount === undefined ? intent.amount : positiveAmount(body.amount);
      if (amount > intent.amount)
        throw new ApiError(400, 'amount_too_large', 'capture exceeds the authorized amount');
      intent.status = 'captured';
      intent.amount_captured = amount;
      webhooks.send('payment_intent.captured', intent);
      return { status: 200, body: intent };
    });
    // The capture is done; its answer comes late, as over a slow network.
    if (state.intents[c.req.param('id')]?.payment_method === 'pm_card_capture_slow')
      await new Promise((r) => setTimeout(r, SLOW_CAPTURE_MS));
    return answer;
  });

  app.post('/v1/payment_intents/:id/cancel', (c) =>
    idempotent(c, 'void', () => {
      const intent = intentOr404(state, c.req.param('id'));
      if (intent.status === 'captured')
        throw new ApiError(
          400,
          'payment_intent_unexpected_state',
          'a captured intent cannot be voided: refund it',
        );
      intent.status = 'voided';
      webhooks.send('payment_intent.canceled', intent);
      return { status: 200, body: intent };
    }),
  );

  app.post('/v1/refunds', (c) =>
    idempotent(c, 'refund', (body) => {
      const intent = intentOr404(state, String(body.payment_intent ?? ''));
      const amount = positiveAmount(body.amount);
      if (intent.status !== 'captured')
        throw new ApiError(400, 'payment_intent_unexpected_state', `intent is ${intent.status}`);
      // As at a real processor, money the cardholder's bank took back cannot be refunded again.
      if (intent.amount_refunded + (intent.amount_disputed ?? 0) + amount > intent.amount_captured)
        throw new ApiError(
          400,
          intent.amount_disputed ? 'charge_disputed' : 'amount_too_large',
          'refunds exceed what the intent still holds',
        );
      intent.amount_refunded += amount;
      const refund = {
        id: newId('re'),
        payment_intent: intent.id,
        amount,
        currency: intent.currency,
        status: 'succeeded' as const,
        created: Math.floor(Date.now() / 1000),
      };
      state.refunds[refund.id] = refund;
      webhooks.send('charge.refunded', refund);
      return { status: 200, body: refund };
    }),
  );
}
