/**
 * An in-memory payment provider with the sandbox's rules (sandbox/intents.ts, sandbox/transfers.ts):
 * intents authorized, captured, voided and refunded, chargebacks (with their amount), transfers to
 * connected accounts, all idempotent by key. It implements `PaymentProvider`, so the kit's payment
 * activities call it as the real ones call an adapter, and throws the adapters' errors.
 *
 * Test cards: `pm_card_ok`, `pm_card_requires_confirmation` (the bank confirms `confirmAfterMs`
 * of server time later, or when the test says), `pm_card_capture_fails`, and the declines
 * `pm_card_declined`, `pm_card_insufficient_funds`, `pm_card_fraudulent`. Destinations:
 * `acct_invalid…` refused (account_invalid), `acct_fail…` fails (account_closed), `acct_pending…`
 * stays pending until `settleTransfer`, any other `acct_…` is paid.
 */
import type { Currency } from '../../domain/money.js';
import {
  PaymentDeclinedError,
  type PaymentIntent,
  type PaymentProvider,
  type ProviderActivity,
  ProviderRejectedError,
  type Refund,
  type Transfer,
} from '../../payments/provider.js';
import type { Clock } from './clock.js';
import { IdempotencyStore } from './idempotency.js';

const DECLINES: Record<string, string> = {
  pm_card_declined: 'card_declined',
  pm_card_insufficient_funds: 'insufficient_funds',
  pm_card_fraudulent: 'fraudulent',
};
const KNOWN_METHODS = new Set([
  'pm_card_ok',
  'pm_card_requires_confirmation',
  'pm_card_capture_fails',
  ...Object.keys(DECLINES),
]);

export interface Chargeback {
  id: string;
  intentId: string;
  orderId?: string;
  amount: number;
  currency: Currency;
  reason: string;
  created: number;
}

interface IntentRecord extends PaymentIntent {
  paymentMethod: string;
  /** Server time (ms) at which a `requires_confirmation` intent's bank answers by itself. */
  confirmsAt?: number;
}

export interface ProviderOptions {
  /** Server time after which the bank confirms a `pm_card_requires_confirmation` intent (default 45 s). */
  confirmAfterMs?: number;
}

export class FakeProvider implements PaymentProvider {
  readonly name = 'kit';
  private readonly intents = new Map<string, IntentRecord>();
  private readonly refundList: Refund[] = [];
  private readonly transfers = new Map<string, Transfer>();
  private readonly chargebackList: Chargeback[] = [];
  private readonly keys = new IdempotencyStore();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: ProviderOptions = {},
  ) {}

  // The provider's API, as the adapters expose it.

  authorize(req: Parameters<PaymentProvider['authorize']>[0]): Promise<PaymentIntent> {
    return this.keys.once(req.idempotencyKey, ['authorize', req], async () => {
      if (!KNOWN_METHODS.has(req.paymentMethod))
        throw new ProviderRejectedError(400, 'invalid_payment_method', `unknown method ${req.paymentMethod}`);
      const decline = DECLINES[req.paymentMethod];
      if (decline) throw new PaymentDeclinedError(decline);
      const now = await this.clock.now();
      const confirm = req.paymentMethod === 'pm_card_requires_confirmation';
      const intent: IntentRecord = {
        id: this.id('pi'),
        status: confirm ? 'requires_confirmation' : 'authorized',
        amount: req.amount,
        currency: req.currency,
        amountCaptured: 0,
        amountRefunded: 0,
        amountDisputed: 0,
        metadata: { ...req.metadata },
        created: Math.floor(now / 1000),
        paymentMethod: req.paymentMethod,
        ...(confirm && { confirmsAt: now + (this.options.confirmAfterMs ?? 45_000) }),
      };
      this.intents.set(intent.id, intent);
      return this.view(intent);
    });
  }

  capture(req: { idempotencyKey: string; intentId: string; amount?: number }): Promise<PaymentIntent> {
    return this.keys.once(req.idempotencyKey, ['capture', req], async () => {
      const intent = await this.settled(req.intentId);
      if (intent.status === 'captured') return this.view(intent);
      if (intent.status !== 'authorized')
        throw new ProviderRejectedError(400, 'payment_intent_unexpected_state', `intent is ${intent.status}`);
      if (intent.paymentMethod === 'pm_card_capture_fails') throw new PaymentDeclinedError('capture_failed');
      const amount = req.amount ?? intent.amount;
      if (amount > intent.amount)
        throw new ProviderRejectedError(400, 'amount_too_large', 'capture exceeds the authorized amount');
      intent.status = 'captured';
      intent.amountCaptured = amount;
      return this.view(intent);
    });
  }

  void(req: { idempotencyKey: string; intentId: string }): Promise<PaymentIntent> {
    return this.keys.once(req.idempotencyKey, ['void', req], async () => {
      const intent = await this.settled(req.intentId);
      if (intent.status === 'captured')
        throw new ProviderRejectedError(
          400,
          'payment_intent_unexpected_state',
          'a captured intent cannot be voided: refund it',
        );
      intent.status = 'voided';
      return this.view(intent);
    });
  }

  refund(req: { idempotencyKey: string; intentId: string; amount: number }): Promise<Refund> {
    return this.keys.once(req.idempotencyKey, ['refund', req], async () => {
      const intent = this.record(req.intentId);
      if (intent.status !== 'captured')
        throw new ProviderRejectedError(400, 'payment_intent_unexpected_state', `intent is ${intent.status}`);
      const disputed = intent.amountDisputed ?? 0;
      // As at a real processor: money the cardholder's bank took back cannot be refunded again.
      if (intent.amountRefunded + disputed + req.amount > intent.amountCaptured)
        throw new ProviderRejectedError(
          400,
          disputed ? 'charge_disputed' : 'amount_too_large',
          'refunds exceed what the intent still holds',
        );
      intent.amountRefunded += req.amount;
      const refund: Refund = {
        id: this.id('re'),
        intentId: intent.id,
        amount: req.amount,
        currency: intent.currency,
        status: 'succeeded',
      };
      this.refundList.push(refund);
      return { ...refund };
    });
  }

  async getIntent(intentId: string): Promise<PaymentIntent> {
    return this.view(await this.settled(intentId));
  }

  createTransfer(req: Parameters<PaymentProvider['createTransfer']>[0]): Promise<Transfer> {
    return this.keys.once(req.idempotencyKey, ['transfer', req], async () => {
      if (!/^acct_\w+$/.test(req.destination))
        throw new ProviderRejectedError(400, 'parameter_invalid', 'destination must be a connected account');
      if (req.destination.startsWith('acct_invalid'))
        throw new ProviderRejectedError(
          400,
          'account_invalid',
          `${req.destination} cannot receive transfers`,
        );
      const transfer: Transfer = {
        id: this.id('tr'),
        destination: req.destination,
        amount: req.amount,
        currency: req.currency,
        status: 'pending',
        metadata: { ...req.metadata },
        created: Math.floor((await this.clock.now()) / 1000),
      };
      this.transfers.set(transfer.id, transfer);
      return { ...transfer };
    });
  }

  /** A transfer as the provider has it now: the test destinations settle when first looked at. */
  async getTransfer(transferId: string): Promise<Transfer> {
    const transfer = this.transfers.get(transferId);
    if (!transfer) throw new ProviderRejectedError(404, 'resource_missing', 'no such transfer');
    if (transfer.status === 'pending' && !transfer.destination.startsWith('acct_pending')) {
      const fails = transfer.destination.startsWith('acct_fail');
      transfer.status = fails ? 'failed' : 'paid';
      if (fails) transfer.failureCode = 'account_closed';
    }
    return { ...transfer };
  }

  async listActivity(period: { from: Date; to: Date }): Promise<ProviderActivity> {
    const inPeriod = (created?: number) =>
      created !== undefined &&
      created * 1000 >= period.from.getTime() &&
      created * 1000 < period.to.getTime();
    return {
      intents: [...this.intents.values()].filter((i) => inPeriod(i.created)).map((i) => this.view(i)),
      refunds: this.refundList.filter((r) => inPeriod(this.intents.get(r.intentId)?.created)),
      transfers: [...this.transfers.values()].filter((t) => inPeriod(t.created)).map((t) => ({ ...t })),
      disputes: this.chargebackList
        .filter((c) => inPeriod(c.created))
        .map(({ id, intentId, amount, currency }) => ({ id, intentId, amount, currency })),
    };
  }

  // The outside world: the bank, the cardholder, the test's view.

  /** The cardholder's bank takes money back (all that is still held, unless `amount` says less). */
  async chargeback(
    intentId: string,
    options: { amount?: number; reason?: string } = {},
  ): Promise<Chargeback> {
    const intent = this.record(intentId);
    const disputable = intent.amountCaptured - intent.amountRefunded - (intent.amountDisputed ?? 0);
    const amount = options.amount ?? disputable;
    if (disputable <= 0 || amount <= 0 || amount > disputable)
      throw new Error(`intent ${intentId} holds ${disputable}: nothing to take back ${amount}`);
    intent.amountDisputed = (intent.amountDisputed ?? 0) + amount;
    const chargeback: Chargeback = {
      id: this.id('dp'),
      intentId,
      ...(intent.metadata?.orderId && { orderId: intent.metadata.orderId }),
      amount,
      currency: intent.currency,
      reason: options.reason ?? 'fraudulent',
      created: Math.floor((await this.clock.now()) / 1000),
    };
    this.chargebackList.push(chargeback);
    return { ...chargeback };
  }

  /** The buyer's bank answers a `requires_confirmation` intent now. */
  confirm(intentId: string, outcome: 'authorized' | 'declined' = 'authorized'): void {
    const intent = this.record(intentId);
    if (intent.status !== 'requires_confirmation') throw new Error(`intent ${intentId} is ${intent.status}`);
    intent.status = outcome;
    intent.confirmsAt = undefined;
  }

  /** The bank decides on a transfer held at an `acct_pending…` destination. */
  settleTransfer(transferId: string, status: 'paid' | 'failed', failureCode = 'account_closed'): Transfer {
    const transfer = this.transfers.get(transferId);
    if (transfer?.status !== 'pending') throw new Error(`transfer ${transferId} is not pending`);
    transfer.status = status;
    if (status === 'failed') transfer.failureCode = failureCode;
    return { ...transfer };
  }

  /** An intent as the provider has it, or undefined. */
  intent(intentId: string): PaymentIntent | undefined {
    const intent = this.intents.get(intentId);
    return intent && this.view(intent);
  }

  /** The intents created for an order (its `metadata.orderId`). */
  intentsOf(orderId: string): PaymentIntent[] {
    return [...this.intents.values()].filter((i) => i.metadata?.orderId === orderId).map((i) => this.view(i));
  }

  /** The holds made for an offer (its `metadata.offerId`), in the order they were made. */
  intentsOfOffer(offerId: string): PaymentIntent[] {
    return [...this.intents.values()].filter((i) => i.metadata?.offerId === offerId).map((i) => this.view(i));
  }

  refundsOf(intentId: string): Refund[] {
    return this.refundList.filter((r) => r.intentId === intentId).map((r) => ({ ...r }));
  }

  chargebacksOf(intentId: string): Chargeback[] {
    return this.chargebackList.filter((c) => c.intentId === intentId).map((c) => ({ ...c }));
  }

  transfer(transferId: string): Transfer | undefined {
    const transfer = this.transfers.get(transferId);
    return transfer && { ...transfer };
  }

  /** Transfers made for a payout (its `metadata.payoutId`). */
  transfersOf(payoutId: string): Transfer[] {
    return [...this.transfers.values()]
      .filter((t) => t.metadata?.payoutId === payoutId)
      .map((t) => ({ ...t }));
  }

  /** How many times the effect behind an idempotency key ran at the provider (never more than once). */
  effectsOf(idempotencyKey: string): number {
    return this.keys.effects.get(idempotencyKey) ?? 0;
  }

  private record(intentId: string): IntentRecord {
    const intent = this.intents.get(intentId);
    if (!intent) throw new ProviderRejectedError(404, 'resource_missing', `no such intent ${intentId}`);
    return intent;
  }

  /** The intent, after the bank's own confirmation if its time has come on the server's clock. */
  private async settled(intentId: string): Promise<IntentRecord> {
    const intent = this.record(intentId);
    if (intent.confirmsAt !== undefined && (await this.clock.now()) >= intent.confirmsAt) {
      intent.status = 'authorized';
      intent.confirmsAt = undefined;
    }
    return intent;
  }

  private view(intent: IntentRecord): PaymentIntent {
    const { paymentMethod: _, confirmsAt: __, ...visible } = intent;
    return structuredClone(visible);
  }

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}_kit${String(this.seq).padStart(4, '0')}`;
  }
}
