/**
 * A payment that needs the buyer's bank (3-D Secure), on the kit: the provider's webhook (a signal)
 * says how it ended; when it is late, the purchase asks the provider itself every 30 s; unconfirmed
 * after 15 minutes counts as declined. The kit's bank answers `confirmAfterMs` of server time later.
 */
import { describe, expect, it } from 'vitest';
import { until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit({ provider: { confirmAfterMs: 45_000 } });

const polls = (orderId: string) =>
  kit.calls.filter(
    (c) =>
      c.name === 'pollPaymentConfirmation' &&
      kit.provider.intent(c.input.intentId)?.metadata?.orderId === orderId,
  );

describe('payment confirmation (kit)', () => {
  it('polls the provider when the confirmation webhook does not come, then captures', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_requires_confirmation' });
    // Waiting on the bank is waiting on timers: skip them.
    await kit.skip(90_000);
    expect(await order.awaitPayment()).toMatchObject({ status: 'paid' });
    // At 30 s the bank had not answered; at 60 s it had.
    expect(polls(order.orderId).map((c) => c.queue)).toEqual(['payments', 'payments']);
    expect(kit.provider.intentsOf(order.orderId)).toMatchObject([
      { status: 'captured', amountCaptured: 10_000 },
    ]);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('takes the signalled confirmation without polling', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_requires_confirmation' });
    const intentId = await until(async () => (await order.status()).paymentIntentId);
    // As the provider does: the webhook goes out once the bank has confirmed.
    kit.provider.confirm(intentId);
    await order.confirmPayment({ intentId, status: 'authorized' });
    expect(await order.awaitPayment()).toMatchObject({ status: 'paid' });
    expect(polls(order.orderId)).toEqual([]);
  });

  it('the bank declines: failed as payment_declined, the authorization voided, the stock back', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_requires_confirmation' });
    const intentId = await until(async () => (await order.status()).paymentIntentId);
    kit.provider.confirm(intentId, 'declined');
    await order.confirmPayment({ intentId, status: 'declined' });
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'payment_declined' });
    expect(kit.stock.available(order.input.listingId)).toBe(3);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('a confirmation for another intent is ignored', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_requires_confirmation' });
    const intentId = await until(async () => (await order.status()).paymentIntentId);
    await order.confirmPayment({ intentId: 'pi_someone_else', status: 'authorized' });
    await kit.skip(90_000);
    expect(await order.awaitPayment()).toMatchObject({ status: 'paid', paymentIntentId: intentId });
    expect(polls(order.orderId).length).toBeGreaterThan(0);
  });

  it('the bank never answers: declined after 15 minutes, nothing held on the card', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_requires_confirmation' });
    const intentId = await until(async () => (await order.status()).paymentIntentId);
    // The bank stays silent longer than the purchase waits.
    kit.faults.replace('pollPaymentConfirmation', async () => undefined);
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'payment_declined' });
    expect(await order.runningTimeMs()).toBeGreaterThanOrEqual(15 * 60_000);
    expect(kit.provider.intent(intentId)?.status).toBe('voided');
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });
});
