/**
 * The payment provider boundary. Workflows never see it: activities call it with an idempotency key
 * derived from the workflow id and step, so a retried or replayed step never repeats an effect.
 * Shaped after separate charges and transfers (Stripe Connect style) so another adapter can be added
 * without touching workflows.
 */
import type { Currency } from '../domain/money.js';

export type IntentStatus = 'requires_confirmation' | 'authorized' | 'captured' | 'voided' | 'declined';

export interface PaymentIntent {
  id: string;
  status: IntentStatus;
  amount: number;
  currency: Currency;
  amountCaptured: number;
  amountRefunded: number;
  /** Taken back by chargebacks. */
  amountDisputed?: number;
  declineCode?: string;
  metadata?: Record<string, string>;
  /** Unix seconds. */
  created?: number;
}

export interface Refund {
  id: string;
  intentId: string;
  amount: number;
  currency: Currency;
  status: 'succeeded' | 'failed';
}

export interface Transfer {
  id: string;
  destination: string;
  amount: number;
  currency: Currency;
  status: 'pending' | 'paid' | 'failed';
  failureCode?: string;
  metadata?: Record<string, string>;
  created?: number;
}

/** A cardholder's bank disputed (part of) a payment: `amount` was taken back from the platform. */
export interface Dispute {
  id: string;
  intentId: string;
  amount: number;
  currency: Currency;
}

/** Everything the provider created in a period, for reconciliation. */
export interface ProviderActivity {
  intents: PaymentIntent[];
  refunds: Refund[];
  transfers: Transfer[];
  /** Disputes opened in the period (on payments of any age); absent where an adapter cannot list them. */
  disputes?: Dispute[];
}

export interface PaymentProvider {
  readonly name: string;
  authorize(req: {
    idempotencyKey: string;
    amount: number;
    currency: Currency;
    paymentMethod: string;
    metadata?: Record<string, string>;
  }): Promise<PaymentIntent>;
  capture(req: { idempotencyKey: string; intentId: string; amount?: number }): Promise<PaymentIntent>;
  void(req: { idempotencyKey: string; intentId: string }): Promise<PaymentIntent>;
  refund(req: { idempotencyKey: string; intentId: string; amount: number }): Promise<Refund>;
  getIntent(intentId: string): Promise<PaymentIntent>;
  createTransfer(req: {
    idempotencyKey: string;
    destination: string;
    amount: number;
    currency: Currency;
    metadata?: Record<string, string>;
    /** Groups the transfer with the charges it pays out (Stripe's `transfer_group`). */
    group?: string;
    /** The one charge that funds it, when it pays out a single order (Stripe's `source_transaction`). */
    sourceCharge?: string;
  }): Promise<Transfer>;
  getTransfer(transferId: string): Promise<Transfer>;
  /** Intents, refunds, transfers and disputes created in [from, to). */
  listActivity(period: { from: Date; to: Date }): Promise<ProviderActivity>;
}

/** A seller's connected account at the provider: payouts go there once the provider enables them. */
export interface ConnectedAccount {
  id: string;
  /** The provider checked the seller (KYC, bank account): transfers and payouts may go there. */
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** The seller the platform made it for (its `sellerId` metadata, set by onboarding), if it names one. */
  sellerId?: string;
}

/**
 * Seller onboarding (Stripe Connect style): the platform creates an account per seller and sends them
 * to the provider's hosted onboarding; the provider says by `account.updated` when payouts are enabled.
 */
export interface ConnectedAccountProvider {
  createAccount(req: { idempotencyKey: string; sellerId: string; email?: string }): Promise<ConnectedAccount>;
  /** A single-use link to the provider's hosted onboarding for the account. */
  createOnboardingLink(req: {
    accountId: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string; expiresAt: number }>;
  getAccount(accountId: string): Promise<ConnectedAccount>;
}

/** The card was declined: a business outcome, never retried. */
export class PaymentDeclinedError extends Error {
  constructor(readonly declineCode: string) {
    super(`payment declined: ${declineCode}`);
    this.name = 'PaymentDeclinedError';
  }
}

/** The same idempotency key was reused with other parameters: a bug on our side, never retried. */
export class IdempotencyMismatchError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`idempotency key ${idempotencyKey} was reused with other parameters`);
    this.name = 'IdempotencyMismatchError';
  }
}

/** The provider refused a request for a reason that will not change on retry (400/404/409). */
export class ProviderRejectedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRejectedError';
  }
}

/** Timeouts, 5xx, 429 and connection errors: transient, retried by Temporal with backoff. */
export class ProviderUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}
