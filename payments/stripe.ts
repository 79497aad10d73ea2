/**
 * The PaymentProvider on Stripe Connect (separate charges and transfers), through the official SDK.
 * Authorize = a PaymentIntent confirmed with `capture_method: manual`; capture, cancel (void) and
 * refunds act on it; payouts are transfers to the seller's connected account, which Stripe pays to
 * the seller's bank on the account's own schedule. Every write carries the idempotency key its
 * workflow step derived; the SDK's own retries reuse that key.
 */
import Stripe from 'stripe';
import type { Currency } from '../domain/money.js';
import {
  type ConnectedAccount,
  type ConnectedAccountProvider,
  IdempotencyMismatchError,
  PaymentDeclinedError,
  type PaymentIntent,
  type PaymentProvider,
  ProviderRejectedError,
  ProviderUnavailableError,
  type Refund,
  type Transfer,
} from './provider.js';

export interface StripeProviderOptions {
  secretKey: string;
  /** Another API host, e.g. stripe-mock (`http://127.0.0.1:12111`); Stripe's own when absent. */
  apiBase?: string;
  timeoutMs?: number;
  /** The SDK's retries of connection errors, 409 and 5xx (same key); Temporal retries past them. */
  maxNetworkRetries?: number;
}

export type StripeProvider = PaymentProvider & ConnectedAccountProvider & { readonly stripe: Stripe };

export function createStripeClient(options: StripeProviderOptions): Stripe {
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  return new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 10_000,
    appInfo: { name: 'escrowflow' },
    ...(base && {
      host: base.hostname,
      port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
      protocol: base.protocol === 'http:' ? 'http' : 'https',
    }),
  });
}

export function createStripeProvider(options: StripeProviderOptions): StripeProvider {
  const stripe = createStripeClient(options);
  const call = async <T>(what: string, fn: () => Promise<T>, idempotencyKey?: string): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw mapStripeError(err, what, idempotencyKey);
    }
  };
  const key = (idempotencyKey: string) => ({ idempotencyKey });

  return {
    name: 'stripe',
    stripe,
    async authorize(req) {
      const orderId = req.metadata?.orderId;
      const pi = await call(
        'create payment intent',
        () =>
          stripe.paymentIntents.create(
            {
              amount: req.amount,
              currency: req.currency.toLowerCase(),
              payment_method: req.paymentMethod,
              // Cards and wallets only: nothing that redirects the buyer (no return_url to give).
              automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
              capture_method: 'manual',
              confirm: true,
              metadata: req.metadata ?? {},
              // The seller's payout later names the same group (separate charges and transfers).
              ...(orderId && { transfer_group: transferGroup(orderId) }),
            },
            key(req.idempotencyKey),
          ),
        req.idempotencyKey,
      );
      const intent = intentOf(pi);
      // Stripe answers a declined confirmation with a 402 card error; should it ever answer 200 with
      // the attempt failed instead, that is a decline all the same, never an authorization.
      if (intent.status === 'declined') throw new PaymentDeclinedError(intent.declineCode ?? 'card_declined');
      return intent;
    },
    async capture(req) {
      const pi = await call(
        'capture payment intent',
        () =>
          stripe.paymentIntents.capture(
            req.intentId,
            req.amount === undefined ? {} : { amount_to_capture: req.amount },
            key(req.idempotencyKey),
          ),
        req.idempotencyKey,
      );
      return intentOf(pi);
    },
    async void(req) {
      const pi = await call(
        'cancel payment intent',
        () => stripe.paymentIntents.cancel(req.intentId, {}, key(req.idempotencyKey)),
        req.idempotencyKey,
      );
      return intentOf(pi);
    },
    async refund(req) {
      const refund = await call(
        'create refund',
        () =>
          stripe.refunds.create(
            { payment_intent: req.intentId, amount: req.amount },
            key(req.idempotencyKey),
          ),
        req.idempotencyKey,
      );
      return refundOf(refund, req.intentId);
    },
    async getIntent(intentId) {
      // The charge holds what was refunded and disputed; the intent alone does not.
      const pi = await call('retrieve payment intent', () =>
        stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge'] }),
      );
      return intentOf(pi);
    },
    async createTransfer(req) {
      const transfer = await call(
        'create transfer',
        () =>
          stripe.transfers.create(
            {
              amount: req.amount,
              currency: req.currency.toLowerCase(),
              destination: req.destination,
              metadata: req.metadata ?? {},
              ...(req.group && { transfer_group: req.group }),
              ...(req.sourceCharge && { source_transaction: req.sourceCharge }),
            },
            key(req.idempotencyKey),
          ),
        req.idempotencyKey,
      );
      return transferOf(transfer);
    },
    async getTransfer(transferId) {
      return transferOf(await call('retrieve transfer', () => stripe.transfers.retrieve(transferId)));
    },
    async listActivity(period) {
      const created = {
        gte: Math.floor(period.from.getTime() / 1000),
        lt: Math.ceil(period.to.getTime() / 1000),
      };
      const all = { limit: 10_000 };
      const [intents, refunds, transfers] = await call('list activity', () =>
        Promise.all([
          stripe.paymentIntents.list({ created, limit: 100 }).autoPagingToArray(all),
          stripe.refunds.list({ created, limit: 100 }).autoPagingToArray(all),
          stripe.transfers.list({ created, limit: 100 }).autoPagingToArray(all),
        ]),
      );
      return {
        intents: intents.map(intentOf),
        refunds: refunds.map((r) => refundOf(r)),
        transfers: transfers.map(transferOf),
      };
    },

    async createAccount(req) {
      const account = await call(
        'create connected account',
        () =>
          stripe.accounts.create(
            {
              type: 'express',
              ...(req.email && { email: req.email }),
              capabilities: { transfers: { requested: true } },
              metadata: { sellerId: req.sellerId },
            },
            key(req.idempotencyKey),
          ),
        req.idempotencyKey,
      );
      return accountOf(account);
    },
    async createOnboardingLink(req) {
      // Account links are single-use and short-lived: no idempotency key, a new one each time.
      const link = await call('create account link', () =>
        stripe.accountLinks.create({
          account: req.accountId,
          refresh_url: req.refreshUrl,
          return_url: req.returnUrl,
          type: 'account_onboarding',
        }),
      );
      return { url: link.url, expiresAt: link.expires_at };
    },
    async getAccount(accountId) {
      return accountOf(await call('retrieve connected account', () => stripe.accounts.retrieve(accountId)));
    },
  };
}

/** One transfer group per order: the charge and whatever is transferred for it. */
export const transferGroup = (orderId: string) => `order_${orderId}`;

const upper = (currency: string) => currency.toUpperCase() as Currency;

/**
 * Stripe's PaymentIntent states onto ours. `requires_capture` is an authorization; `requires_action`
 * and `processing` wait for the `payment_intent.amount_capturable_updated` webhook (3-D Secure);
 * `requires_payment_method` after a confirmation is a failed attempt.
 */
export function intentStatusOf(pi: Stripe.PaymentIntent): PaymentIntent['status'] {
  switch (pi.status) {
    case 'requires_capture':
      return 'authorized';
    case 'succeeded':
      return 'captured';
    case 'canceled':
      return 'voided';
    case 'requires_payment_method':
      return pi.last_payment_error ? 'declined' : 'requires_confirmation';
    default:
      return 'requires_confirmation';
  }
}

export function intentOf(pi: Stripe.PaymentIntent): PaymentIntent {
  const charge =
    typeof pi.latest_charge === 'object' && pi.latest_charge !== null ? pi.latest_charge : undefined;
  const declineCode = pi.last_payment_error?.decline_code ?? pi.last_payment_error?.code;
  return {
    id: pi.id,
    status: intentStatusOf(pi),
    amount: pi.amount,
    currency: upper(pi.currency),
    amountCaptured: pi.status === 'succeeded' ? pi.amount_received : 0,
    amountRefunded: charge?.amount_refunded ?? 0,
    // A disputed charge has lost its whole amount until the dispute is won.
    ...(charge?.disputed && { amountDisputed: charge.amount_captured - charge.amount_refunded }),
    ...(declineCode && intentStatusOf(pi) === 'declined' && { declineCode }),
    metadata: { ...pi.metadata },
    created: pi.created,
  };
}

function refundOf(refund: Stripe.Refund, intentId?: string): Refund {
  const pi = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
  return {
    id: refund.id,
    intentId: pi ?? intentId ?? '',
    amount: refund.amount,
    currency: upper(refund.currency),
    // A pending refund is committed at Stripe; only failed and canceled ones gave nothing back.
    status: refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'succeeded',
  };
}

/**
 * A transfer moves the money into the connected account at once (Stripe then pays the seller's bank
 * on the account's schedule); it fails only by being reversed.
 */
function transferOf(transfer: Stripe.Transfer): Transfer {
  const destination =
    typeof transfer.destination === 'string' ? transfer.destination : (transfer.destination?.id ?? '');
  return {
    id: transfer.id,
    destination,
    amount: transfer.amount,
    currency: upper(transfer.currency),
    status: transfer.reversed ? 'failed' : 'paid',
    ...(transfer.reversed && { failureCode: 'transfer_reversed' }),
    metadata: { ...transfer.metadata },
    created: transfer.created,
  };
}

export function accountOf(account: Stripe.Account): ConnectedAccount {
  return {
    id: account.id,
    payoutsEnabled: account.payouts_enabled === true,
    detailsSubmitted: account.details_submitted === true,
  };
}

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
  if (err instanceof Stripe.errors.StripeIdempotencyError)
    return new IdempotencyMismatchError(idempotencyKey ?? '');
  if (err instanceof Stripe.errors.StripeConnectionError)
    return new ProviderUnavailableError(`${what}: ${err.message}`);
  if (status === 429 || status === 409 || status >= 500) {
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
