/**
 * The privacy parts that only PostgreSQL and Redis can show (ADR 12, docs/privacy.md): the fraud screen
 * counts a sealed address as the address; a sealed field opens to `[erased]` once its owner's key is
 * gone; and the erasure's look serializes with anything new of the person: an insert that references
 * their user row waits for the row lock the look holds.
 */
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createFraudActivities } from '../../activities/fraud.js';
import { deletePersonalKey, openSealed, sealFor } from '../../db/queries/personal-keys.js';
import { ensureUser } from '../../db/queries/users.js';
import { listings, users } from '../../db/schema/index.js';
import { DEFAULT_FRAUD_RULES } from '../../domain/fraud.js';
import { ERASED_TEXT } from '../../domain/privacy.js';
import type { PaymentProvider } from '../../payments/provider.js';
import { eventually, stack, testDb, uniqueUser } from '../support/stack.js';

const { db, close } = testDb();
const redis = new Redis(stack().env.REDIS_URL!);
afterAll(async () => {
  redis.disconnect();
  await close();
});

describe('personal data in PostgreSQL and Redis', () => {
  it('the fraud screen counts a sealed address as the address itself', async () => {
    const { screenPurchase } = createFraudActivities({
      db,
      redis,
      payments: {} as PaymentProvider,
      log: pino({ level: 'silent' }),
      fraudRules: { ...DEFAULT_FRAUD_RULES, newAccountMs: 0 },
    });
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    await redis.del(`fraud:ip:${address}`);
    for (const n of [1, 2]) {
      const buyerId = uniqueUser('buyer');
      await ensureUser(db, buyerId, 'buyer');
      const clientIp = n === 1 ? await sealFor(db, buyerId, address) : address;
      expect(clientIp === address).toBe(n === 2);
      await screenPurchase({
        orderId: `ord_${buyerId}`,
        buyerId,
        sellerId: 'seller_x',
        amount: 1_000,
        currency: 'EUR',
        paymentMethod: `pm_${buyerId}`,
        clientIp,
      });
    }
    expect(await redis.zcard(`fraud:ip:${address}`)).toBe(2);
  });

  it('opens a sealed field while its owner’s key lives, and to [erased] once it is deleted', async () => {
    const person = uniqueUser('person');
    await ensureUser(db, person, 'buyer');
    const sealed = await sealFor(db, person, 'Erin, 12 Rue des Lilas');
    expect(await sealFor(db, person, 'again')).toMatch(
      new RegExp(`^${sealed.split(':').slice(0, 3).join(':')}:`),
    );
    expect(await openSealed(db, sealed)).toBe('Erin, 12 Rue des Lilas');
    expect(await openSealed(db, 'a text the platform wrote')).toBe('a text the platform wrote');
    expect(await deletePersonalKey(db, person)).toBe(1);
    expect(await openSealed(db, sealed)).toBe(ERASED_TEXT);
  });

  it('holds back a new row of the person while the look’s lock on their user row is held', async () => {
    const person = uniqueUser('seller');
    await ensureUser(db, person, 'seller');
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => {
      locked = r;
    });
    // As eraseWhenNothingOpen begins: the person's user row, FOR UPDATE, until its transaction ends.
    const look = db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from ${users} where ${users.id} = ${person} for update`);
      locked();
      await held;
    });
    await lockTaken;
    let inserted = false;
    const listing = db
      .insert(listings)
      .values({
        id: `lst_${person}`,
        sellerId: person,
        title: 'Lamp',
        amount: 100n,
        currency: 'EUR',
        quantity: 1,
        available: 1,
      })
      .then(() => {
        inserted = true;
      });
    // The insert's foreign-key check waits on the lock (seen from PostgreSQL, no timing involved).
    await eventually(async () => {
      const [row] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from pg_stat_activity
         where wait_event_type = 'Lock' and query like 'insert into "listings"%' and query_start is not null`);
      return (row?.n ?? 0) > 0;
    });
    expect(inserted).toBe(false);
    release();
    await look;
    await listing;
    expect(inserted).toBe(true);
  });
});
