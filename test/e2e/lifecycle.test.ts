/** The whole money path over HTTP: buy → ship → confirm → release → payout, with balances at each step. */
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../db/queries/ledger.js';
import { payoutWorkflowId, purchaseWorkflowId } from '../../domain/ids.js';
import { recordHistories } from '../support/histories.js';
import { completeOnboarding } from '../support/onboarding.js';
import { paidOrder } from '../support/orders.js';
import { api, eventually, testDb, uniqueUser } from '../support/stack.js';

const balanceOf = async (seller: string) =>
  (await api('GET', '/v1/sellers/me/balance', { user: seller })).body.balances[0];

describe('order lifecycle', () => {
  it('ships, confirms, releases minus the fee, and pays the seller out', async () => {
    const { seller, buyer, order } = await paidOrder({ title: 'Bike', stock: 1 });
    expect(await balanceOf(seller)).toEqual({
      currency: 'EUR',
      escrow: 10_000,
      available: 0,
      inTransit: 0,
      paidOut: 0,
    });

    const byBuyer = await api('POST', `/v1/orders/${order.id}/ship`, {
      user: buyer,
      body: { carrier: 'DHL', trackingNumber: 'JJD0001' },
    });
    expect(byBuyer.status).toBe(403);
    expect(byBuyer.body.code).toBe('forbidden');

    const shipped = await api('POST', `/v1/orders/${order.id}/ship`, {
      user: seller,
      body: { carrier: 'DHL', trackingNumber: 'JJD0001' },
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(shipped.body.deadlines.autoConfirmAt).toBeDefined();

    const lateCancel = await api('POST', `/v1/orders/${order.id}/cancel`, { user: buyer });
    expect(lateCancel.status).toBe(409);
    expect(lateCancel.body.code).toBe('invalid_state');

    const delivered = await api('POST', `/v1/orders/${order.id}/confirm-delivery`, { user: buyer });
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe('delivered');

    await eventually(
      async () => (await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status === 'completed',
    );
    expect(await balanceOf(seller)).toEqual({
      currency: 'EUR',
      escrow: 0,
      available: 9_000,
      inTransit: 0,
      paidOut: 0,
    });

    const disabled = await api('POST', '/v1/payouts', { user: seller, body: { currency: 'EUR' } });
    expect(disabled.status).toBe(409);
    expect(disabled.body.reason).toBe('payouts_disabled');

    // Onboarding: the account exists at the provider, but nothing moves until the provider enables it.
    const onboarding = await api('POST', '/v1/sellers/me/payout-account', { user: seller });
    expect(onboarding.status).toBe(201);
    expect(onboarding.body).toMatchObject({ payoutEnabled: false, onboardingUrl: expect.any(String) });
    const notYet = await api('POST', '/v1/payouts', { user: seller, body: { currency: 'EUR' } });
    expect(notYet.status).toBe(409);
    expect(notYet.body).toMatchObject({ code: 'invalid_state', reason: 'onboarding_incomplete' });
    await completeOnboarding(onboarding.body.accountId);
    await eventually(
      async () => (await api('GET', '/v1/sellers/me/payout-account', { user: seller })).body.payoutEnabled,
    );
    const payout = await api('POST', '/v1/payouts', {
      user: seller,
      body: { currency: 'EUR' },
      headers: { 'idempotency-key': `payout-${seller}` },
    });
    expect(payout.status).toBe(202);
    expect(payout.body).toMatchObject({ amount: 9_000, currency: 'EUR' });
    const paid = await eventually(async () => {
      const res = await api('GET', `/v1/payouts/${payout.body.id}`, { user: seller });
      return res.body.status === 'paid' && res.body;
    });
    expect(paid.amount).toBe(9_000);
    expect(await balanceOf(seller)).toEqual({
      currency: 'EUR',
      escrow: 0,
      available: 0,
      inTransit: 0,
      paidOut: 9_000,
    });

    await recordHistories({
      'purchase-completed': purchaseWorkflowId({ orderId: order.id }),
      'payout-paid': payoutWorkflowId({ payoutId: payout.body.id }),
    });

    const again = await api('POST', '/v1/payouts', { user: seller, body: { currency: 'EUR' } });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('below_minimum');

    const { db, close } = testDb();
    try {
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
  });

  it('a seller cancels before shipment: refunded and restocked', async () => {
    const { seller, buyer, order, listing } = await paidOrder({ title: 'Bike', amount: 4_000, stock: 1 });
    const stranger = await api('POST', `/v1/orders/${order.id}/cancel`, { user: uniqueUser('stranger') });
    expect(stranger.status).toBe(404);
    const cancelled = await api('POST', `/v1/orders/${order.id}/cancel`, { user: seller });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api('GET', `/v1/listings/${listing.id}`, { user: buyer })).body.available).toBe(1);
    expect(await balanceOf(seller)).toEqual({
      currency: 'EUR',
      escrow: 0,
      available: 0,
      inTransit: 0,
      paidOut: 0,
    });
    await recordHistories({ 'purchase-cancelled': purchaseWorkflowId({ orderId: order.id }) });
  });
});
