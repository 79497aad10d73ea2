import { openSealed } from '../db/queries/personal-keys.js';
import { findUser } from '../db/queries/users.js';
import {
  DEFAULT_FRAUD_RULES,
  type FraudRules,
  type FraudScreenInput,
  type FraudVerdict,
  judgeFraud,
} from '../domain/fraud.js';
import type { ActivityDeps } from './deps.js';

/**
 * Velocity counters live in Redis as sorted sets of order ids scored by time: adding the same order
 * twice (an activity retry) counts it once, and old orders fall out of the window.
 */
export function createFraudActivities({ db, redis, fraudRules }: ActivityDeps) {
  const rules: FraudRules = fraudRules ?? DEFAULT_FRAUD_RULES;

  async function countRecent(key: string, orderId: string, now: number): Promise<number> {
    const results = await redis
      .multi()
      .zadd(key, 'NX', now, orderId)
      .zremrangebyscore(key, '-inf', now - rules.velocityWindowMs)
      .pexpire(key, rules.velocityWindowMs)
      .zcard(key)
      .exec();
    const [err, count] = results?.[3] ?? [new Error('redis transaction aborted'), 0];
    if (err) throw err;
    return Number(count);
  }

  return {
    async screenPurchase(input: FraudScreenInput): Promise<FraudVerdict> {
      const now = Date.now();
      const buyer = await findUser(db, input.buyerId);
      // The buyer's address comes sealed under their key (docs/adr/0012); counted by the address itself.
      const clientIp = input.clientIp && (await openSealed(db, input.clientIp));
      const [buyerOrders, cardOrders, ipOrders] = await Promise.all([
        countRecent(`fraud:buyer:${input.buyerId}`, input.orderId, now),
        countRecent(`fraud:card:${input.paymentMethod}`, input.orderId, now),
        clientIp ? countRecent(`fraud:ip:${clientIp}`, input.orderId, now) : undefined,
      ]);
      return judgeFraud(
        {
          selfDealing: input.buyerId === input.sellerId,
          buyerOrders,
          cardOrders,
          ipOrders,
          accountAgeMs: buyer ? now - buyer.createdAt.getTime() : 0,
          amount: input.amount,
          currency: input.currency,
        },
        rules,
      );
    },
  };
}
