/**
 * The fraud screen's inputs kept in memory: accounts' ages and the velocity counters (one entry per
 * order, so a retried screen counts an order once; old orders fall out of the window), judged by the
 * real rules (domain/fraud.ts `judgeFraud`).
 */
import {
  DEFAULT_FRAUD_RULES,
  type FraudRules,
  type FraudScreenInput,
  type FraudVerdict,
  judgeFraud,
} from '../../domain/fraud.js';

export class FakeFraud {
  private readonly createdAt = new Map<string, number>();
  private readonly counters = new Map<string, Map<string, number>>();

  constructor(readonly rules: FraudRules = DEFAULT_FRAUD_RULES) {}

  /** A user whose account was created at `createdAtMs` (server time). */
  addUser(userId: string, createdAtMs: number): void {
    if (!this.createdAt.has(userId)) this.createdAt.set(userId, createdAtMs);
  }

  screen(input: FraudScreenInput, now: number): FraudVerdict {
    const created = this.createdAt.get(input.buyerId);
    return judgeFraud(
      {
        selfDealing: input.buyerId === input.sellerId,
        buyerOrders: this.count(`buyer:${input.buyerId}`, input.orderId, now),
        cardOrders: this.count(`card:${input.paymentMethod}`, input.orderId, now),
        ipOrders: input.clientIp ? this.count(`ip:${input.clientIp}`, input.orderId, now) : undefined,
        accountAgeMs: created === undefined ? 0 : now - created,
        amount: input.amount,
        currency: input.currency,
      },
      this.rules,
    );
  }

  private count(key: string, orderId: string, now: number): number {
    const seen = this.counters.get(key) ?? new Map<string, number>();
    this.counters.set(key, seen);
    if (!seen.has(orderId)) seen.set(orderId, now);
    for (const [id, at] of seen) if (at < now - this.rules.velocityWindowMs) seen.delete(id);
    return seen.size;
  }
}
