/**
 * The one place where errors thrown inside activities become ApplicationFailures: an activity
 * inbound interceptor every worker registers. Expected failures (`ExpectedFailure`, and the domain
 * errors of the provider and ledger adapters) leave with their failure type, non-retryable unless
 * they say how to retry; anything else passes through unchanged, so Temporal retries it.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { InsufficientFundsError, UnbalancedPostingError } from '../db/queries/ledger.js';
import { InvalidTransitionError } from '../db/queries/orders.js';
import {
  ExpectedFailure,
  FAILURE_TYPES,
  type FailureRetry,
  type FailureType,
  OTHER_FAILURE_TYPES,
  PROVIDER_REFUSAL_PREFIX,
} from '../domain/failures.js';
import {
  IdempotencyMismatchError,
  PaymentDeclinedError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../payments/provider.js';

/** The failure type, retry and details of an error the platform expects; undefined for the rest. */
function expected(
  err: unknown,
): { type: FailureType; retry?: FailureRetry; details?: unknown[] } | undefined {
  if (err instanceof ExpectedFailure) return { type: err.type, retry: err.retry };
  if (err instanceof PaymentDeclinedError)
    return { type: FAILURE_TYPES.paymentDeclined, details: [{ declineCode: err.declineCode }] };
  if (err instanceof IdempotencyMismatchError) return { type: FAILURE_TYPES.idempotencyMismatch };
  if (err instanceof ProviderRejectedError) return { type: `${PROVIDER_REFUSAL_PREFIX}${err.code}` };
  // Retryable, but not before the provider (or our circuit breaker) says it is worth it.
  if (err instanceof ProviderUnavailableError && (err.retryAfterMs ?? 0) > 0)
    return { type: OTHER_FAILURE_TYPES.providerUnavailable, retry: { retryAfterMs: err.retryAfterMs } };
  if (err instanceof UnbalancedPostingError) return { type: FAILURE_TYPES.ledgerUnbalanced };
  if (err instanceof InsufficientFundsError) return { type: FAILURE_TYPES.insufficientFunds };
  if (err instanceof InvalidTransitionError) return { type: OTHER_FAILURE_TYPES.invalidTransition };
  return undefined;
}

/** `err` as the ApplicationFailure the workflow sees, or `err` itself when it is not expected. */
export function toApplicationFailure(err: unknown): unknown {
  const known = expected(err);
  if (!known) return err;
  const { retryable = false, retryAfterMs } = known.retry ?? {};
  const failure = ApplicationFailure.create({
    type: known.type,
    message: (err as Error).message,
    nonRetryable: !retryable && retryAfterMs === undefined,
    ...(retryAfterMs !== undefined && { nextRetryDelay: retryAfterMs }),
    ...(known.details && { details: known.details }),
  });
  // Where it was thrown, not this line, is what the failure's stack trace should show.
  failure.stack = (err as Error).stack;
  return failure;
}

/** Register last in `interceptors.activity`, so tracing and log interceptors see the typed failure. */
export const failureInterceptor: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (err) {
        throw toApplicationFailure(err);
      }
    },
  },
});
