/** Many buyers race for the last units through HTTP: exactly the stock is sold, the rest fail out_of_stock. */
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../db/queries/ledger.js';
import { inventoryReservations, payments } from '../../db/schema/index.js';
import { api, eventually, testDb, uniqueUser } from '../support/stack.js';

const BUYERS = 40;
const UNITS = 5;

describe('the race for the last units', () => {
  it(`${BUYERS} buyers, ${UNITS} units: ${UNITS} sold, the rest out of stock, nothing oversold or held`, async () => {
    const seller = uniqueUser('seller');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Limited print', amount: 5_000, currency: 'EUR', quantity: UNITS },
    });
    const started = Date.now();
    const attempts = await Promise.all(
      Array.from({ length: BUYERS }, async () => {
        const buyer = uniqueUser('buyer');
        const res = await api('POST', '/v1/orders', {
          user: buyer,
          body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
        });
        return { buyer, res };
      }),
    );
    // The stock is taken with the order: every loser hears 409 out_of_stock at once, no order is
    // written and no workflow runs for them.
    const refusedAtOnce = attempts.filter((a) => a.res.status === 409);
    expect(refusedAtOnce.every((a) => a.res.body.code === 'out_of_stock')).toBe(true);
    const placed = attempts.filter((a) => a.res.status === 202);
    expect(placed).toHaveLength(UNITS);
    expect(refusedAtOnce).toHaveLength(BUYERS - UNITS);

    const finals = await Promise.all(
      placed.map(({ buyer, res }) =>
        eventually(async () => {
          const order = (await api('GET', `/v1/orders/${res.body.id}`, { user: buyer })).body;
          return ['paid', 'failed'].includes(order.status) && order;
        }, 60_000),
      ),
    );
    const elapsed = Date.now() - started;
    const sold = finals.filter((o) => o.status === 'paid');
    const failed = finals.filter((o) => o.status === 'failed');
    expect(sold).toHaveLength(UNITS);
    expect(failed.every((o) => o.failureReason === 'out_of_stock')).toBe(true);
    expect((await api('GET', `/v1/listings/${listing.body.id}`, { user: seller })).body.available).toBe(0);

    const { db, close } = testDb();
    try {
      const ids = finals.map((o) => o.id as string);
      const held = await db
        .select()
        .from(inventoryReservations)
        .where(inArray(inventoryReservations.orderId, ids));
      expect(held.filter((r) => r.status === 'held')).toEqual([]);
      expect(held.filter((r) => r.status === 'committed')).toHaveLength(UNITS);
      const charges = await db.select().from(payments).where(inArray(payments.orderId, ids));
      expect(charges.filter((p) => p.kind === 'capture')).toHaveLength(UNITS);
      // Losers never reached the provider: the reservation comes before any payment.
      expect(charges.filter((p) => failed.some((f) => f.id === p.orderId))).toEqual([]);
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
    console.log(
      `[race] buyers=${BUYERS} units=${UNITS} sold=${sold.length} failed=${failed.length} refusedAtOnce=${refusedAtOnce.length} oversold=${Math.max(0, sold.length - UNITS)} elapsedMs=${elapsed}`,
    );
  });
});
