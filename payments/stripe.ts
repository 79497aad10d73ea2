/**
 * The PaymentProvider on Stripe Connect (separate charges and transfers), through the official SDK.
 * Authorize = a PaymentIntent confirmed with `capture_method: manual`; capture, cancel (void) and
 * refunds act on it; payouts are transfers to the seller's connected account, which Stripe pays to
 * the seller's bank on the account's own schedule. Every write carries the idempotency key its
 * workflow step derived; the SDK's own retries reuse that key.
 */
import Stripe from 'stripe';
import { type ConnectedAccountProvider, PaymentDeclinedError, type PaymentProvider } from './provider.js';
import { stripeCall as call } from './stripe-errors.js';
import { accountOf, disputeOf, intentOf, refundOf, transferGroup, transferOf } from './stripe-objects.js';

export { mapStripeError } from './stripe-errors.js';
export { intentOf, intentStatusOf, transferGroup } from './stripe-objects.js';

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
  return { name: 'stripe', stripe, ...stripePayments(stripe), ...stripeConnectedAccounts(stripe) };
}

const key = (idempotencyKey: string) => ({ idempotencyKey });

/** Charges (PaymentIntents with manual capture), refunds and transfers. */
function stripePayments(stripe: Stripe): Omit<PaymentProvider, 'name'> {
  return {
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
      // The charge holds what was refunded and whether it is disputed; the intent alone does not.
      const pi = await call('retrieve payment intent', () =>
        stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge'] }),
      );
      return intentOf(pi, await disputesOf(stripe, pi));
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
      const [intents, refunds, transfers, disputes] = await call('list activity', () =>
        Promise.all([
          // Without its charge an intent reads as never refunded nor disputed (Stripe lists ids only).
          stripe.paymentIntents
            .list({ created, limit: 100, expand: ['data.latest_charge'] })
            .autoPagingToArray(all),
          stripe.refunds.list({ created, limit: 100 }).autoPagingToArray(all),
          stripe.transfers.list({ created, limit: 100 }).autoPagingToArray(all),
          stripe.disputes.list({ created, limit: 100 }).autoPagingToArray(all),
        ]),
      );
      const disputed = await Promise.all(intents.map((pi) => disputesOf(stripe, pi)));
      return {
        intents: intents.map((pi, i) => intentOf(pi, disputed[i])),
        refunds: refunds.map((r) => refundOf(r)),
        transfers: transfers.map(transferOf),
        disputes: disputes.map(disputeOf),
      };
    },
  };
}

/**
 * The disputes of an intent whose charge is disputed (a charge no longer names them): how much each
 * took. Undefined for an undisputed one, or one read without its charge.
 */
async function disputesOf(stripe: Stripe, pi: Stripe.PaymentIntent): Promise<Stripe.Dispute[] | undefined> {
  const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : undefined;
  if (!charge?.disputed) return undefined;
  return call('list disputes', () =>
    stripe.disputes.list({ payment_intent: pi.id, limit: 100 }).autoPagingToArray({ limit: 1_000 }),
  );
}

/** Seller onboarding: Express connected accounts and their hosted onboarding links. */
function stripeConnectedAccounts(stripe: Stripe): ConnectedAccountProvider {
  return {
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
