/**
 * Test cards: the tokens whose behaviour the sandbox plays (decline, confirmation, failed or slow
 * capture), and tokenization of a card number by the buyer's browser with the publishable key.
 */
import type { Hono } from 'hono';
import { ApiError, newId, type SandboxContext } from './context.js';

/** Test card tokens and what they do. */
export const DECLINES: Record<string, string> = {
  pm_card_declined: 'card_declined',
  pm_card_insufficient_funds: 'insufficient_funds',
  pm_card_fraudulent: 'fraudulent',
};
export const KNOWN_METHODS = new Set([
  'pm_card_ok',
  'pm_card_requires_confirmation',
  'pm_card_capture_fails',
  // Captures answer SLOW_CAPTURE_MS after they took effect: a cancel or a crash can land in between.
  'pm_card_capture_slow',
  ...Object.keys(DECLINES),
]);
export const SLOW_CAPTURE_MS = 1500;

/** Card numbers that tokenize to the behaviour of a test card (Stripe's documented test numbers). */
const TEST_CARD_NUMBERS: Record<string, string> = {
  '4242424242424242': 'pm_card_ok',
  '5555555555554444': 'pm_card_ok',
  '4000000000000002': 'pm_card_declined',
  '4000000000009995': 'pm_card_insufficient_funds',
  '4000002500003155': 'pm_card_requires_confirmation',
};

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The card number goes from the buyer to the provider only; the platform gets a `pm_…` token. */
export function mountTokenization(app: Hono, ctx: SandboxContext, publishableKey: string): void {
  app.post('/v1/payment_methods', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${publishableKey}`) {
      return c.json(
        {
          error: {
            type: 'authentication_error',
            code: 'invalid_api_key',
            message: 'use the publishable key',
          },
        },
        401,
      );
    }
    const body = (await c.req.json().catch(() => ({}))) as { card?: Record<string, unknown> };
    const card = body.card ?? {};
    const number = String(card.number ?? '').replace(/[\s-]/g, '');
    const expMonth = Number(card.exp_month);
    const expYear = Number(card.exp_year);
    if (!/^\d{13,19}$/.test(number) || !luhnValid(number))
      throw new ApiError(402, 'incorrect_number', 'the card number is incorrect', 'card_error');
    if (!(expMonth >= 1 && expMonth <= 12) || new Date(expYear, expMonth) <= new Date())
      throw new ApiError(402, 'expired_card', 'the card has expired', 'card_error');
    if (!/^\d{3,4}$/.test(String(card.cvc ?? '')))
      throw new ApiError(402, 'incorrect_cvc', 'the security code is incorrect', 'card_error');
    const method = {
      id: newId('pm'),
      brand: number.startsWith('4') ? 'visa' : number.startsWith('5') ? 'mastercard' : 'unknown',
      last4: number.slice(-4),
      exp_month: expMonth,
      exp_year: expYear,
      behaves_like: TEST_CARD_NUMBERS[number] ?? 'pm_card_ok',
      created: Math.floor(Date.now() / 1000),
    };
    ctx.state.paymentMethods ??= {};
    ctx.state.paymentMethods[method.id] = method;
    ctx.persist();
    const { behaves_like: _, ...visible } = method;
    return c.json({ object: 'payment_method', ...visible }, 201);
  });
}
