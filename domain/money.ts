/**
 * Money is an integer count of minor units with its ISO-4217 currency beside it. Never a float.
 * Workflow and API payloads carry `amount` as a JSON number, so it must stay a safe integer;
 * the ledger stores and sums it as `bigint`.
 */
/** Currencies the platform settles, with their minor-unit exponent (ISO 4217). */
export const CURRENCIES = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  SEK: 2,
  PLN: 2,
  JPY: 0,
  BHD: 3,
} as const;

export type Currency = keyof typeof CURRENCIES;
export const currencyCodes = Object.keys(CURRENCIES) as [Currency, ...Currency[]];

export interface Money {
  amount: number;
  currency: Currency;
}

/** Largest single amount accepted anywhere (10 million major units of a 2-decimal currency). */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

export function isCurrency(value: string): value is Currency {
  return Object.hasOwn(CURRENCIES, value);
}

/** Multiplies a unit price by a quantity, refusing results that leave the safe range. */
export function multiply(unit: Money, quantity: number): Money {
  const amount = unit.amount * quantity;
  if (!Number.isSafeInteger(amount) || amount > MAX_AMOUNT_MINOR * 100) {
    throw new RangeError(`amount ${unit.amount} x ${quantity} is out of range`);
  }
  return { amount, currency: unit.currency };
}

/** Platform fee in basis points, rounded down so the seller never receives less than their share. */
export function feeFor(amount: number, feeBps: number): number {
  return Number((BigInt(amount) * BigInt(feeBps)) / 10_000n);
}
