/** The fraud screen activity against the run's real PostgreSQL and Redis: velocity counters and account age. */
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createFraudActivities } from '../../activities/fraud.js';
import { ensureUser } from '../../db/queries/users.js';
import { DEFAULT_FRAUD_RULES } from '../../domain/fraud.js';
import type { PaymentProvider } from '../../payments/provider.js';
import { stack, testDb, uniqueUser } from '../support/stack.js';

const { db, close } = testDb();
const redis = new Redis(stack().env.REDIS_URL!);
afterAll(async () => {
  redis.disconnect();
  await close();
});

const { screenPurchase } = createFraudActivities({
  db,
  redis,
  payments: {} as PaymentProvider, // the screen never calls the provider
  log: pino({ level: 'silent' }),
  fraudRules: { ...DEFAULT_FRAUD_RULES, buyerVelocity: { review: 2, deny: 3 }, newAccountMs: 0 },
});

describe('fraud screen activity', () => {
  it('counts a buyer’s orders once each, even when the screen is retried', async () => {
    const buyerId = uniqueUser('buyer');
    await ensureUser(db, buyerId, 'buyer');
    const screen = (n: number) =>
      screenPurchase({
        orderId: `ord_${buyerId}_${n}`,
        buyerId,
        sellerId: 'seller_x',
        amount: 1_000,
        currency: 'EUR',
        paymentMethod: `pm_${buyerId}`,
      });
    expect((await screen(1)).decision).toBe('allow');
    expect((await screen(2)).decision).toBe('allow');
    expect((await screen(2)).decision).toBe('allow'); // a retry of order 2 is not a third order
    expect(await screen(3)).toMatchObject({ decision: 'review', reasons: ['buyer_velocity'] });
    expect(await screen(4)).toMatchObject({ decision: 'deny', reasons: ['buyer_velocity'] });
    expect(await redis.zcard(`fraud:buyer:${buyerId}`)).toBe(4);
    expect(await redis.pttl(`fraud:buyer:${buyerId}`)).toBeGreaterThan(0);
  });

  it('sees an account’s age from its user row', async () => {
    const fresh = createFraudActivities({
      db,
      redis,
      payments: {} as PaymentProvider,
      log: pino({ level: 'silent' }),
      fraudRules: DEFAULT_FRAUD_RULES,
    });
    const buyerId = uniqueUser('buyer');
    await ensureUser(db, buyerId, 'buyer');
    const verdict = await fresh.screenPurchase({
      orderId: `ord_${buyerId}`,
      buyerId,
      sellerId: 'seller_x',
      amount: 200_000,
      currency: 'EUR',
      paymentMethod: `pm_${buyerId}`,
      clientIp: '203.0.113.7',
    });
    expect(verdict).toMatchObject({ decision: 'review', reasons: ['new_account'] });
  });
});
