/** A provider outage: purchases placed while it is down wait (backoff, circuit breaker) and finish on their own after. */
import { afterAll, describe, expect, it } from 'vitest';
import { api, eventually, stack, uniqueUser } from '../support/stack.js';

const sandbox = (path: string, init?: RequestInit) => fetch(`${stack().sandboxUrl}${path}`, init);
afterAll(async () => {
  await sandbox('/_sandbox/reset', { method: 'POST' });
});

describe('provider outage', () => {
  it('purchases started during a 4-second outage are paid after it, each charged once', async () => {
    const seller = uniqueUser('seller');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Bench', amount: 1_500, currency: 'EUR', quantity: 5 },
    });
    const outageEnds = Date.now() + 4_000;
    await sandbox('/_sandbox/faults', {
      method: 'PUT',
      body: JSON.stringify({ outages: [{ from: Date.now(), to: outageEnds }] }),
    });
    const orders = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const buyer = uniqueUser('buyer');
        const res = await api('POST', '/v1/orders', {
          user: buyer,
          body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
        });
        expect(res.status).toBe(202);
        return { id: res.body.id as string, buyer };
      }),
    );
    const paidAt = await Promise.all(
      orders.map(({ id, buyer }) =>
        eventually(async () => {
          const order = (await api('GET', `/v1/orders/${id}`, { user: buyer })).body;
          expect(order.status).not.toBe('failed');
          return order.status === 'paid' && Date.now();
        }, 45_000),
      ),
    );
    expect(Math.min(...paidAt)).toBeGreaterThanOrEqual(outageEnds);
    const effects = (await (await sandbox('/_sandbox/effects')).json()) as { byKey: Record<string, number> };
    const ours = Object.entries(effects.byKey).filter(([key]) => orders.some((o) => key.includes(o.id)));
    expect(ours).toHaveLength(10); // authorize + capture each
    expect(ours.every(([, n]) => n === 1)).toBe(true);
    console.log(`[outage] 5 orders paid ${Math.max(...paidAt) - outageEnds} ms after a 4 s outage ended`);
  });
});
