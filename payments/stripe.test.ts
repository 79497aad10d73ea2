/** The Stripe adapter's mapping of PaymentIntent states and of Stripe's errors onto our failure types. */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  IdempotencyMismatchError,
  PaymentDeclinedError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from './provider.js';
import { intentOf, intentStatusOf, mapStripeError } from './stripe.js';

const pi = (status: string, extra: Record<string, unknown> = {}) =>
  ({ id: 'pi_1', status, ...extra }) as unknown as Stripe.PaymentIntent;
const stripeError = (raw: Record<string, unknown>) =>
  Stripe.errors.StripeError.generate(raw as Parameters<typeof Stripe.errors.StripeError.generate>[0]);

describe('PaymentIntent states', () => {
  it.each([
    ['requires_capture', 'authorized'],
    ['succeeded', 'captured'],
    ['canceled', 'voided'],
    ['requires_action', 'requires_confirmation'],
    ['processing', 'requires_confirmation'],
  ])('%s → %s', (status, ours) => {
    expect(intentStatusOf(pi(status))).toBe(ours);
  });

  it('requires_payment_method after a failed attempt is a decline', () => {
    expect(
      intentStatusOf(pi('requires_payment_method', { last_payment_error: { code: 'card_declined' } })),
    ).toBe('declined');
  });
});

describe('a PaymentIntent with its latest charge expanded', () => {
  const captured = (charge: Record<string, unknown>, disputes?: Array<Record<string, unknown>>) =>
    intentOf(
      pi('succeeded', {
        amount: 10_000,
        amount_received: 10_000,
        currency: 'eur',
        metadata: { orderId: 'ord_1' },
        latest_charge: {
          id: 'ch_1',
          amount_captured: 10_000,
          amount_refunded: 0,
          disputed: false,
          ...charge,
        },
      }),
      disputes as unknown as Stripe.Dispute[] | undefined,
    );
  const dispute = (amount: number, status: string) => ({
    id: `dp_${status}`,
    object: 'dispute',
    amount,
    currency: 'eur',
    payment_intent: 'pi_1',
    status,
  });

  it('reads refunds from the charge', () => {
    expect(captured({ amount_refunded: 2_500 })).toMatchObject({
      amountCaptured: 10_000,
      amountRefunded: 2_500,
    });
  });

  it('a partial dispute took the dispute’s amount, not the whole charge', () => {
    expect(captured({ disputed: true }, [dispute(4_000, 'needs_response')]).amountDisputed).toBe(4_000);
    expect(captured({ disputed: true }, [dispute(4_000, 'lost')]).amountDisputed).toBe(4_000);
  });

  it('a dispute won, or an inquiry (no funds withdrawn), took nothing', () => {
    for (const status of ['won', 'warning_needs_response', 'warning_under_review', 'warning_closed'])
      expect(captured({ disputed: true }, [dispute(4_000, status)]).amountDisputed).toBe(0);
  });
});

describe('Stripe errors', () => {
  it('a card error is a decline with its decline code', () => {
    const err = mapStripeError(
      stripeError({
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'stolen_card',
        statusCode: 402,
      }),
      'authorize',
    );
    expect(err).toBeInstanceOf(PaymentDeclinedError);
    expect((err as PaymentDeclinedError).declineCode).toBe('stolen_card');
  });

  it('an idempotency error is a mismatch naming the key', () => {
    const err = mapStripeError(
      stripeError({ type: 'idempotency_error', statusCode: 400 }),
      'capture',
      'o1:capture',
    );
    expect(err).toEqual(new IdempotencyMismatchError('o1:capture'));
  });

  it('429, 409 and 5xx are transient; a 429 says to wait', () => {
    const limited = mapStripeError(
      stripeError({
        type: 'invalid_request_error',
        code: 'rate_limit',
        statusCode: 429,
        headers: { 'retry-after': '3' },
      }),
      'refund',
    );
    expect(limited).toBeInstanceOf(ProviderUnavailableError);
    expect((limited as ProviderUnavailableError).retryAfterMs).toBe(3_000);
    expect(mapStripeError(stripeError({ type: 'api_error', statusCode: 500 }), 'x')).toBeInstanceOf(
      ProviderUnavailableError,
    );
    expect(
      mapStripeError(
        stripeError({ type: 'invalid_request_error', code: 'idempotency_key_in_use', statusCode: 409 }),
        'x',
      ),
    ).toBeInstanceOf(ProviderUnavailableError);
  });

  it('409 idempotency_key_in_use is retryable in every shape the SDK gives it, never a mismatch', () => {
    // The first request with the key is still running (a transfer retry overlapping its first attempt):
    // taken for a mismatch, the payout would be failed and reversed while the transfer lands.
    const raw: Parameters<typeof Stripe.errors.StripeError.generate>[0] = {
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
      statusCode: 409,
      message: 'There is currently another in-progress request using this Idempotent Key.',
    };
    for (const err of [
      stripeError(raw),
      // As the SDK's v2 error path builds it: by its type, whatever the status.
      new Stripe.errors.StripeIdempotencyError(raw),
    ]) {
      const mapped = mapStripeError(err, 'create transfer', 'payout:po_1:transfer');
      expect(mapped, String(err.constructor.name)).toBeInstanceOf(ProviderUnavailableError);
    }
  });

  it('other 4xx are refusals with Stripe’s code; non-Stripe errors pass through', () => {
    const refused = mapStripeError(
      stripeError({
        type: 'invalid_request_error',
        code: 'resource_missing',
        statusCode: 404,
        message: 'No such',
      }),
      'retrieve',
    );
    expect(refused).toBeInstanceOf(ProviderRejectedError);
    expect(refused).toMatchObject({ status: 404, code: 'resource_missing' });
    const plain = new TypeError('bug');
    expect(mapStripeError(plain, 'x')).toBe(plain);
  });
});
