import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { InsufficientFundsError } from '../db/queries/ledger.js';
import { InvalidTransitionError } from '../db/queries/orders.js';
import {
  EMAIL_FAILURES,
  ExpectedFailure,
  FAILURE_TYPES,
  OTHER_FAILURE_TYPES,
  PROVIDER_REFUSALS,
} from '../domain/failures.js';
import {
  PaymentDeclinedError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../payments/provider.js';
import { createCarrierActivities } from './carriers.js';
import type { ActivityDeps } from './deps.js';
import { failureInterceptor } from './failure-interceptor.js';

/** Runs `fn` as an activity under the interceptor (the SDK's own composition) and returns what it threw. */
async function failureOf(fn: () => Promise<unknown>): Promise<unknown> {
  const env = new MockActivityEnvironment(undefined, {
    interceptors: [failureInterceptor],
    // The SDK logs each failed attempt; the assertions below say what matters.
    logger: new DefaultLogger('ERROR'),
  });
  try {
    await env.run(fn);
  } catch (err) {
    return err;
  }
  throw new Error('the activity did not fail');
}

const thrower = (err: unknown) => async () => {
  throw err;
};

/** The parts of an ApplicationFailure a workflow and Temporal's retry act on. */
const seen = (err: unknown) => {
  expect(err).toBeInstanceOf(ApplicationFailure);
  const f = err as ApplicationFailure;
  return { type: f.type, nonRetryable: f.nonRetryable, nextRetryDelay: f.nextRetryDelay, message: f.message };
};

describe('the activity failure interceptor', () => {
  it('turns an activity’s expected failure into a non-retryable ApplicationFailure of its type', async () => {
    // A real activity: a worker without a carrier refuses tracking calls.
    const carriers = createCarrierActivities({} as ActivityDeps);
    const err = await failureOf(() =>
      carriers.getTracking({ carrier: 'dhl', trackingNumber: 'T1', orderId: 'o1' } as never),
    );
    expect(seen(err)).toEqual({
      type: OTHER_FAILURE_TYPES.carrierNotConfigured,
      nonRetryable: true,
      nextRetryDelay: undefined,
      message: 'this worker has no carrier',
    });
    const outOfStock = await failureOf(
      thrower(new ExpectedFailure(FAILURE_TYPES.outOfStock, 'listing l1 is out of stock')),
    );
    expect(seen(outOfStock)).toMatchObject({ type: 'out_of_stock', nonRetryable: true });
    // Where it was thrown stays in the trace.
    expect((outOfStock as Error).stack).toContain('failure-interceptor.test.ts');
  });

  it('keeps an expected failure retryable when it says so, with its delay', async () => {
    const later = await failureOf(
      thrower(new ExpectedFailure(EMAIL_FAILURES.rateLimited, 'over the limit', { retryAfterMs: 1500 })),
    );
    expect(seen(later)).toMatchObject({
      type: 'email_rate_limited',
      nonRetryable: false,
      nextRetryDelay: 1500,
    });
    const retried = await failureOf(
      thrower(new ExpectedFailure(OTHER_FAILURE_TYPES.transferPending, 'still pending', { retryable: true })),
    );
    expect(seen(retried)).toMatchObject({
      type: 'transfer_pending',
      nonRetryable: false,
      nextRetryDelay: undefined,
    });
  });

  it('maps the adapters’ domain errors', async () => {
    const declined = await failureOf(thrower(new PaymentDeclinedError('insufficient_funds')));
    expect(seen(declined)).toMatchObject({ type: FAILURE_TYPES.paymentDeclined, nonRetryable: true });
    expect((declined as ApplicationFailure).details).toEqual([{ declineCode: 'insufficient_funds' }]);
    const refused = await failureOf(thrower(new ProviderRejectedError(409, 'charge_disputed', 'disputed')));
    expect(seen(refused)).toMatchObject({ type: PROVIDER_REFUSALS.chargeDisputed, nonRetryable: true });
    const broke = await failureOf(thrower(new InsufficientFundsError('seller:s1', 'EUR', -5n)));
    expect(seen(broke)).toMatchObject({ type: FAILURE_TYPES.insufficientFunds, nonRetryable: true });
    const moved = await failureOf(thrower(new InvalidTransitionError('o1', 'paid', 'pending')));
    expect(seen(moved)).toMatchObject({ type: OTHER_FAILURE_TYPES.invalidTransition, nonRetryable: true });
    const busy = await failureOf(thrower(new ProviderUnavailableError('circuit open', 2000)));
    expect(seen(busy)).toMatchObject({
      type: 'upstream_unavailable',
      nonRetryable: false,
      nextRetryDelay: 2000,
    });
  });

  it('leaves an unknown error unchanged, so it is retried', async () => {
    const boom = new Error('connection reset');
    expect(await failureOf(thrower(boom))).toBe(boom);
    // A provider outage with no delay of its own: Temporal's backoff applies.
    const outage = new ProviderUnavailableError('503');
    expect(await failureOf(thrower(outage))).toBe(outage);
    const already = ApplicationFailure.create({ type: 'custom', message: 'as is' });
    expect(await failureOf(thrower(already))).toBe(already);
  });
});
