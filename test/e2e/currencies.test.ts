/** One seller, three currencies with 0, 2 and 3 decimals: each stays in its own minor units end to end. */
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../db/queries/ledger.js';
import { feeFor } from '../../domain/money.js';
import { api, eventually, testDb, uniqueUser } from '../support/stack.js';

const FEE_BPS = 1000;

describe('currencies', () => {
  it('sells in JPY, EUR and BHD and keeps a per-currency balance with exact fees', async () => {
    const seller = uniqueUser('seller');
    const prices = [
      { currency: 'JPY', amount: 12_345 }, // ¥12,345
      { currency: 'EUR', amount: 1_999 }, // €19.99
      { currency: 'BHD', amount: 12_345 }, // 12.345 BD
    ];
    for (const { currency, amount } of prices) {
      const buyer = uniqueUser('buyer');
      const listing = await api('POST', '/v1/listings', {
        user: seller,
        body: { title: `Item in ${currency}`, amount, currency, quantity: 1 },
      });
      expect(listing.status).toBe(201);
      const order = await api('POST', '/v1/orders?wait=payment', {
        user: buyer,
        body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
      });
      expect(order.body).toMatchObject({ status: 'paid', amount, currency });
      await eventually(
        async () => (await api('GET', `/v1/orders/${order.body.id}`, { user: buyer })).body.deadlines?.shipBy,
      );
      await api('POST', `/v1/orders/${order.body.id}/ship`, {
        user: seller,
        body: { carrier: 'DHL', trackingNumber: 'JJD777' },
      });
      await api('POST', `/v1/orders/${order.body.id}/confirm-delivery`, { user: buyer });
      await eventually(
        async () =>
          (await api('GET', `/v1/orders/${order.body.id}`, { user: buyer })).body.status === 'completed',
      );
    }
    const balances = (await api('GET', '/v1/sellers/me/balance', { user: seller })).body.balances as Array<{
      currency: string;
      available: number;
      escrow: number;
    }>;
    expect(balances.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual(
      ['BHD', 'EUR', 'JPY'].map((currency) => {
        const amount = prices.find((p) => p.currency === currency)!.amount;
        return expect.objectContaining({ currency, escrow: 0, available: amount - feeFor(amount, FEE_BPS) });
      }),
    );
    expect(balances.find((b) => b.currency === 'JPY')!.available).toBe(12_345 - 1_234);
    const { db, close } = testDb();
    try {
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
  });

  it('refuses unknown or lower-case currencies and fractional amounts with problem+json', async () => {
    const seller = uniqueUser('seller');
    for (const body of [
      { title: 'x', amount: 100, currency: 'XXX', quantity: 1 },
      { title: 'x', amount: 100, currency: 'eur', quantity: 1 },
      { title: 'x', amount: 10.5, currency: 'EUR', quantity: 1 },
      { title: 'x', amount: -1, currency: 'EUR', quantity: 1 },
    ]) {
      const res = await api('POST', '/v1/listings', { user: seller, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
