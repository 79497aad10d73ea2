/**
 * The fraud screen of a purchase: signals gathered by the `screenPurchase` activity, judged by
 * `judgeFraud` against rules that are configuration (FRAUD_RULES, JSON, merged over the defaults).
 * Pure code, shared by the worker, the API and tests; zod-free, as workflow code imports it.
 */
import { CURRENCIES, type Currency } from './money.js';

export const FRAUD_DECISIONS = ['allow', 'review', 'deny'] as const;
export type FraudDecision = (typeof FRAUD_DECISIONS)[number];

/** The screen's thresholds; FRAUD_RULES is checked against them in ./fraud-rules.ts. */
export interface FraudRules {
  /** Orders within this window count towards the velocity limits below. */
  velocityWindowMs: number;
  /** Purchases by one buyer, one card token or one IP within the window: review above, deny above. */
  buyerVelocity: Threshold;
  cardVelocity: Threshold;
  ipVelocity: Threshold;
  /** Amount limits in major units of the order's currency (scaled by its ISO-4217 exponent). */
  amountMajor: Threshold;
  /** Accounts younger than this buying above `newAccountReviewMajor` go to review. */
  newAccountMs: number;
  newAccountReviewMajor: number;
  /** How long a purchase waits for an operator's decision before it is denied. */
  reviewTimeoutMs: number;
  /**
   * Amount limits are written in euro-sized major units; a currency whose major unit is worth much
   * less scales them (¥150 ≈ €1). A rough guard, not an exchange rate.
   */
  currencyScale: Record<string, number>;
}
interface Threshold {
  review: number;
  deny: number;
}

export const DEFAULT_FRAUD_RULES: FraudRules = {
  velocityWindowMs: 3600_000,
  buyerVelocity: { review: 10, deny: 30 },
  cardVelocity: { review: 10, deny: 30 },
  ipVelocity: { review: 50, deny: 200 },
  amountMajor: { review: 5_000, deny: 50_000 },
  newAccountMs: 10 * 60_000,
  newAccountReviewMajor: 1_000,
  reviewTimeoutMs: 24 * 3600_000,
  currencyScale: { JPY: 150 },
};

export interface FraudScreenInput {
  orderId: string;
  buyerId: string;
  sellerId: string;
  amount: number;
  currency: Currency;
  paymentMethod: string;
  clientIp?: string;
}

/** What the activity measured; counts include this order. */
export interface FraudSignals {
  selfDealing: boolean;
  buyerOrders: number;
  cardOrders: number;
  ipOrders?: number;
  accountAgeMs: number;
  amount: number;
  currency: Currency;
}

export interface FraudVerdict {
  decision: FraudDecision;
  /** Machine-readable rule names that fired, strongest first. */
  reasons: string[];
  /** For `review`: how long the purchase waits for an operator before it is denied. */
  reviewTimeoutMs?: number;
}

export function judgeFraud(signals: FraudSignals, rules: FraudRules): FraudVerdict {
  const minor = (major: number, currency: Currency) =>
    Math.round(major * (rules.currencyScale[currency] ?? 1) * 10 ** CURRENCIES[currency]);
  const deny: string[] = [];
  const review: string[] = [];
  const limit = (value: number | undefined, bounds: { review: number; deny: number }, name: string) => {
    if (value === undefined) return;
    if (value > bounds.deny) deny.push(name);
    else if (value > bounds.review) review.push(name);
  };
  if (signals.selfDealing) deny.push('self_dealing');
  limit(signals.buyerOrders, rules.buyerVelocity, 'buyer_velocity');
  limit(signals.cardOrders, rules.cardVelocity, 'card_velocity');
  limit(signals.ipOrders, rules.ipVelocity, 'ip_velocity');
  limit(
    signals.amount,
    {
      review: minor(rules.amountMajor.review, signals.currency),
      deny: minor(rules.amountMajor.deny, signals.currency),
    },
    'amount',
  );
  if (
    signals.accountAgeMs < rules.newAccountMs &&
    signals.amount > minor(rules.newAccountReviewMajor, signals.currency)
  ) {
    review.push('new_account');
  }
  if (deny.length) return { decision: 'deny', reasons: [...deny, ...review] };
  if (review.length) return { decision: 'review', reasons: review, reviewTimeoutMs: rules.reviewTimeoutMs };
  return { decision: 'allow', reasons: [] };
}

/** The operator's answer to a purchase held for review (update on the purchase workflow). */
export interface FraudReviewDecision {
  decision: 'allow' | 'deny';
  operatorId: string;
  note?: string;
}
