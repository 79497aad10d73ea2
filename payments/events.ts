/**
 * The provider-neutral webhook events the platform acts on: the sandbox sends them as they are,
 * Stripe's are mapped onto them (api/routes/webhooks/stripe.ts). Stored once by `id`, dispatched on
 * `type` (api/services/webhooks/payment-dispatch.ts).
 */
import { type Currency, isCurrency } from '../domain/money.js';

export interface ProviderEvent {
  id: string;
  type: string;
  /** Unix seconds. */
  created?: number;
  data?: { object?: Record<string, unknown> };
}

/**
 * `charge.dispute.created`'s object: the cardholder's bank took `amount` (minor units of `currency`;
 * all of the payment or part of it) back from the order's payment.
 */
export interface DisputeObject {
  id: string;
  payment_intent: string | null;
  amount: number;
  currency: Currency;
  reason?: string;
  metadata: { orderId?: string } & Record<string, string>;
}

/** What a dispute event says, read defensively (a signed event may still lack fields). */
export interface Chargeback {
  orderId: string;
  /** Undefined when the event carried no usable amount or currency. */
  amount?: number;
  currency?: Currency;
  reason?: string;
}

/** The chargeback a `charge.dispute.created` event tells of, or undefined when it names no order. */
export function chargebackOf(event: ProviderEvent): Chargeback | undefined {
  if (event.type !== 'charge.dispute.created') return undefined;
  const object = (event.data?.object ?? {}) as Partial<DisputeObject>;
  const orderId = object.metadata?.orderId;
  if (typeof orderId !== 'string' || !orderId) return undefined;
  const currency = typeof object.currency === 'string' ? object.currency.toUpperCase() : '';
  const amount = object.amount;
  const usable = Number.isSafeInteger(amount) && (amount as number) > 0 && isCurrency(currency);
  return {
    orderId,
    ...(usable && { amount: amount as number, currency: currency as Currency }),
    ...(typeof object.reason === 'string' && { reason: object.reason }),
  };
}
