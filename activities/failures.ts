/** Turns expected errors into non-retryable ApplicationFailures with a stable type; the rest retry. */
import { ApplicationFailure } from '@temporalio/activity';
import { InsufficientFundsError, UnbalancedPostingError } from '../db/queries/ledger.js';
import { InvalidTransitionError } from '../db/queries/orders.js';
import { FAILURE_TYPES, OTHER_FAILURE_TYPES, PROVIDER_REFUSAL_PREFIX } from '../domain/failures.js';
import {
  IdempotencyMismatchError,
  PaymentDeclinedError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../payments/provider.js';

export function toFailure(err: unknown): unknown {
  if (err instanceof PaymentDeclinedError) {
    return ApplicationFailure.create({
      type: FAILURE_TYPES.paymentDeclined,
      message: err.message,
      nonRetryable: true,
      details: [{ declineCode: err.declineCode }],
    });
  }
  if (err instanceof IdempotencyMismatchError) {
    return ApplicationFailure.create({
      type: FAILURE_TYPES.idempotencyMismatch,
      message: err.message,
      nonRetryable: true,
    });
  }
  if (err instanceof ProviderRejectedError) {
    return ApplicationFailure.create({
      type: `${PROVIDER_REFUSAL_PREFIX}${err.code}`,
      message: err.message,
      nonRetryable: true,
    });
  }
  if (err instanceof ProviderUnavailableError && (err.retryAfterMs ?? 0) > 0) {
    // Retryable, but not before the provider (or our circuit breaker) says it is worth it.
    return ApplicationFailure.create({
      type: OTHER_FAILURE_TYPES.providerUnavailable,
      message: err.message,
      nextRetryDelay: err.retryAfterMs,
    });
  }
  if (err instanceof UnbalancedPostingError) {
    return ApplicationFailure.create({
      type: FAILURE_TYPES.ledgerUnbalanced,
      message: err.message,
      nonRetryable: true,
    });
  }
  if (err instanceof InsufficientFundsError) {
    return ApplicationFailure.create({
      type: FAILURE_TYPES.insufficientFunds,
      message: err.message,
      nonRetryable: true,
    });
  }
  if (err instanceof InvalidTransitionError) {
    return ApplicationFailure.create({
      type: OTHER_FAILURE_TYPES.invalidTransition,
      message: err.message,
      nonRetryable: true,
    });
  }
  return err;
}

/** Wraps an activity so its expected errors leave it as typed, non-retryable failures. */
export function typed<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      throw toFailure(err);
    }
  };
}
