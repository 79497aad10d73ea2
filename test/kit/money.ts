/**
 * The money invariants of an order, checked against the kit's state: what the provider kept
 * (captures − refunds − chargebacks) is what the ledger moved for the order (captured into escrow −
 * booked to refunds); a final order's escrow is empty; no intent of a final order still holds an
 * authorization (a hold on the buyer's card with nothing captured); the ledger balances per currency.
 * Violations come back as sentences, so `expect(kit.money.violations(id)).toEqual([])` says what broke.
 */
import { accounts } from '../../domain/ids.js';
import { isFinal } from '../../domain/order.js';
import type { FakeLedger } from './ledger.js';
import type { FakeOrders } from './orders.js';
import type { FakeProvider } from './provider.js';

export interface OrderMoney {
  captured: number;
  refunded: number;
  chargedBack: number;
  /** captured − refunded − charged back, over the order's intents. */
  providerKept: number;
  /** Captured into escrow (taken from buyer funding) by the order's postings. */
  ledgerIn: number;
  /** Booked to `refunds` by the order's postings (refunds, chargebacks, recoveries). */
  ledgerOut: number;
  escrow: number;
  /** Intents still `authorized` or `requires_confirmation`: a hold on the buyer's card. */
  holds: string[];
}

export class MoneyChecks {
  constructor(private readonly s: { provider: FakeProvider; ledger: FakeLedger; orders: FakeOrders }) {}

  of(orderId: string): OrderMoney {
    const intents = this.s.provider.intentsOf(orderId);
    const sum = (f: (i: (typeof intents)[number]) => number) => intents.reduce((a, i) => a + f(i), 0);
    const lines = this.s.ledger.entries(orderId).flatMap((p) => p.lines);
    const booked = (match: (account: string) => boolean) =>
      lines.filter((l) => match(l.account)).reduce((a, l) => a + Number(l.amount), 0);
    const currency = this.s.orders.row(orderId)?.currency ?? intents[0]?.currency ?? 'EUR';
    const captured = sum((i) => i.amountCaptured);
    const refunded = sum((i) => i.amountRefunded);
    const chargedBack = sum((i) => i.amountDisputed ?? 0);
    return {
      captured,
      refunded,
      chargedBack,
      providerKept: captured - refunded - chargedBack,
      ledgerIn: -booked((a) => a.startsWith('buyer_funding:')),
      ledgerOut: booked((a) => a === accounts.refunds),
      escrow: Number(this.s.ledger.balance(accounts.escrow(orderId), currency)),
      holds: intents
        .filter((i) => i.status === 'authorized' || i.status === 'requires_confirmation')
        .map((i) => i.id),
    };
  }

  /** What breaks the invariants for this order (and the ledger as a whole); empty when all hold. */
  violations(orderId: string): string[] {
    const m = this.of(orderId);
    const status = this.s.orders.status(orderId);
    const out: string[] = [];
    if (m.providerKept !== m.ledgerIn - m.ledgerOut)
      out.push(
        `provider kept ${m.providerKept} (captured ${m.captured} − refunded ${m.refunded} − charged back ${m.chargedBack}) but the ledger moved ${m.ledgerIn - m.ledgerOut} (in ${m.ledgerIn} − refunds ${m.ledgerOut})`,
      );
    if (status && isFinal(status) && m.escrow !== 0)
      out.push(`order is ${status} with ${m.escrow} in escrow`);
    if (status && isFinal(status) && m.holds.length)
      out.push(`order is ${status} with an authorization hold on ${m.holds.join(', ')}`);
    out.push(...this.s.ledger.check().problems);
    return out;
  }

  /** Throws when an invariant breaks (for callers outside a test framework, e.g. a simulator). */
  assert(orderId: string): void {
    const broken = this.violations(orderId);
    if (broken.length) throw new Error(`money of order ${orderId}: ${broken.join('; ')}`);
  }
}
