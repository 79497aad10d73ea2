/** Stripe's errors onto our failure types (payments/provider.ts). */
import Stripe from 'stripe';
import {
  IdempotencyMismatchError,
  PaymentDeclinedError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from './provider.js';

/**
 * Stripe's errors onto our failure types: a declined card is a business outcome; a reused key with
 * other parameters is our bug; 429, 409 (a request with the key in flight), 5xx and connection
 * errors are transient and retried by Temporal (after the SDK's own retries); other 4xx are refusals.
 */
export function mapStripeError(err: unknown, what: string, idempotencyKey?: string): unknown {
  if (!(err instanceof Stripe.errors.StripeError)) return err;
  const status = err.statusCode ?? 0;
  if (err instanceof Stripe.errors.StripeCardError)
    return new PaymentDeclinedError(err.decline_code || err.code || 'card_declined');
  // 409 `idempotency_key_in_use` is an `idempotency_error` too, which some SDK paths build as a
  // StripeIdempotencyError: the first request with the key is still running, so it must be retried,
  // never failed (a transfer's retry failed that way would reverse a payout whose transfer lands).
  const keyInUse = status === 409 || err.code === 'idempotency_key_in_use';
  if (err instanceof Stripe.errors.StripeIdempotencyError && !keyInUse)
    return new IdempotencyMismatchError(idempotencyKey ?? '');
  if (err instanceof Stripe.errors.StripeConnectionError)
    return new ProviderUnavailableError(`${what}: ${err.message}`);
  if (status === 429 || keyInUse || status >= 500) {
    const retryAfter = Number(headerOf(err, 'retry-after'));
    return new ProviderUnavailableError(
      `${what}: ${status} ${err.code ?? err.type}`,
      // Stripe's 429s rarely say when; a second is its documented minimum backoff.
      status === 429 ? (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000) : undefined,
    );
  }
  return new ProviderRejectedError(status, err.code ?? err.type, `${what}: ${err.message}`);
}

function headerOf(err: Stripe.errors.StripeError, name: string): string | undefined {
  const headers = (err.headers ?? {}) as Record<string, string | string[] | undefined>;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Runs one Stripe call, its errors mapped onto ours. */
export async function stripeCall<T>(what: string, fn: () => Promise<T>, idempotencyKey?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw mapStripeError(err, what, idempotencyKey);
  }
}
