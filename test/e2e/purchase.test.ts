/** The purchase happy path and its refusals, through HTTP against API + worker + Temporal dev server. */
import { describe, expect, it } from 'vitest';
import { accountBalance, checkLedger } from '../../db/queries/ledger.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import { recordHistories } from '../support/histories.js';
import { expectFinalOrderMoneyBalanced } from '../support/money.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

async function newListing(seller: string, overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/v1/listings', {
    user: seller,
    body: { title: 'Vintage camera', amount: 1999, currency: 'EUR', quantity: 2, ...overrides },
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('purchase', () => {
  it('buys an item: order paid, stock taken, funds in escrow, ledger balanced', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await newListing(seller);
    expect(listing).toMatchObject({
      sellerId: seller,
      amount: 1999,
      currency: 'EUR',
      quantity: 2,
      available: 2,
      version: 1,
    });

    const created = await api('POST', '/v1/orders', {
      user: buyer,
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
      headers: { 'idempotency-key': `buy-${buyer}` },
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      listingId: listing.id,
      buyerId: buyer,
      sellerId: seller,
      amount: 1999,
      currency: 'EUR',
      status: 'pending',
    });
    const orderId = created.body.id as string;
    expect(created.body.links.workflow).toBe(`order-${orderId}`);

    const paid = await eventually(async () => {
      const res = await api('GET', `/v1/orders/${orderId}`, { user: buyer });
      return res.body.status === 'paid' && res.body;
    });
    expect(paid.failureReason).toBeUndefined();

    const after = await api('GET', `/v1/listings/${listing.id}`, { user: buyer });
    expect(after.body.available).toBe(1);

    const { db, close } = testDb();
    try {
      expect(await accountBalance(db, `escrow:${orderId}`, 'EUR')).toBe(1999n);
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }

    // The seller sees the same order; a stranger does not.
    expect((await api('GET', `/v1/orders/${orderId}`, { user: seller })).status).toBe(200);
    const stranger = await api('GET', `/v1/orders/${orderId}`, { user: uniqueUser('stranger') });
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get('content-type')).toContain('application/problem+json');
    expect(stranger.body.code).toBe('not_found');
  });

  it('answers with the payment outcome in one round trip with ?wait=payment', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await newListing(seller);
    const res = await api('POST', '/v1/orders?wait=payment', {
      user: buyer,
      body: { listingId: listing.id, quantity: 2, paymentMethod: 'pm_card_ok' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'paid', amount: 3998, quantity: 2 });
  });

  it('a declined card fails the order and gives the stock back', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await newListing(seller, { quantity: 1 });
    const res = await api('POST', '/v1/orders?wait=payment', {
      user: buyer,
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_declined' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'failed', failureReason: 'payment_declined' });
    const after = await api('GET', `/v1/listings/${listing.id}`, { user: buyer });
    expect(after.body.available).toBe(1);
    await recordHistories({ 'purchase-declined': purchaseWorkflowId({ orderId: res.body.id }) });
  });

  it('a cancel while the capture is in flight becomes a refund-and-cancel of the paid order', async () => {
    const { db, close } = testDb();
    try {
      const seller = uniqueUser('seller');
      const buyer = uniqueUser('buyer');
      const listing = await newListing(seller, { quantity: 1 });
      // The provider answers this card's capture 1.5 s after taking the money.
      const created = await api('POST', '/v1/orders', {
        user: buyer,
        body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_capture_slow' },
      });
      expect(created.status).toBe(202);
      const orderId = created.body.id as string;
      await eventually(
        async () => (await api('GET', `/v1/orders/${orderId}`, { user: buyer })).body.status === 'authorized',
      );
      const cancelled = await api('POST', `/v1/orders/${orderId}/cancel`, {
        user: buyer,
        headers: { 'idempotency-key': `cancel-${orderId}` },
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ id: orderId, status: 'cancelled' });
      const sandbox = (await fetch(`${stack().sandboxUrl}/_sandbox/records`).then((r) => r.json())) as any;
      const intent = sandbox.intents.find((i: any) => i.metadata?.orderId === orderId);
      expect(intent).toMatchObject({ amount_captured: 1999, amount_refunded: 1999 });
      expect(await accountBalance(db, `escrow:${orderId}`, 'EUR')).toBe(0n);
      expect((await api('GET', `/v1/listings/${listing.id}`, { user: seller })).body.available).toBe(1);
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
      await recordHistories({
        'purchase-cancel-in-capture': purchaseWorkflowId({ orderId }),
      });
    } finally {
      await close();
    }
  });

  it('the same create sent five times at once: one order, one charge; the others replay or wait (409)', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await newListing(seller, { quantity: 5 });
    const request = {
      user: buyer,
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
      headers: { 'idempotency-key': `burst-${buyer}` },
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api('POST', '/v1/orders?wait=payment', request)),
    );
    const done = answers.filter((a) => a.status === 201);
    const inFlight = answers.filter((a) => a.status === 409);
    expect(done.length + inFlight.length).toBe(5);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(inFlight.every((a) => a.body.code === 'idempotency_in_flight')).toBe(true);
    expect(new Set(done.map((a) => a.body.id)).size).toBe(1);
    const mine = await api('GET', '/v1/orders?role=buyer', { user: buyer });
    expect(mine.body.data).toHaveLength(1);
    const { db, close } = testDb();
    try {
      const captures = await db.query.payments.findMany({
        where: (p, { and, eq }) => and(eq(p.orderId, done[0]!.body.id), eq(p.kind, 'capture')),
      });
      expect(captures).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('a repeated create with the same Idempotency-Key returns the first answer and buys once', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await newListing(seller, { quantity: 5 });
    const request = {
      user: buyer,
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
      headers: { 'idempotency-key': `once-${buyer}` },
    };
    const first = await api('POST', '/v1/orders', request);
    const second = await api('POST', '/v1/orders', request);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');

    const other = await api('POST', '/v1/orders', { ...request, body: { ...request.body, quantity: 2 } });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_conflict');

    await eventually(
      async () => (await api('GET', `/v1/orders/${first.body.id}`, { user: buyer })).body.status === 'paid',
    );
    const mine = await api('GET', '/v1/orders?role=buyer', { user: buyer });
    expect(mine.body.data).toHaveLength(1);
    expect((await api('GET', `/v1/listings/${listing.id}`, { user: buyer })).body.available).toBe(4);
  });

  it('refuses bad requests with problem+json and writes nothing', async () => {
    const seller = uniqueUser('seller');
    const listing = await newListing(seller, { quantity: 1 });
    const buyer = uniqueUser('buyer');
    const cases: Array<[unknown, number, string]> = [
      [{ listingId: listing.id, quantity: 0, paymentMethod: 'pm_card_ok' }, 400, 'validation_failed'],
      [{ listingId: listing.id, quantity: 1.5, paymentMethod: 'pm_card_ok' }, 400, 'validation_failed'],
      [
        { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok', amount: 1 },
        400,
        'validation_failed',
      ],
      [{ listingId: 'lst_missing', quantity: 1, paymentMethod: 'pm_card_ok' }, 404, 'not_found'],
      [{ listingId: listing.id, quantity: 2, paymentMethod: 'pm_card_ok' }, 409, 'out_of_stock'],
    ];
    for (const [body, status, code] of cases) {
      const res = await api('POST', '/v1/orders', { user: buyer, body });
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const own = await api('POST', '/v1/orders', {
      user: seller,
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('self_purchase');
    const malformed = await api('POST', '/v1/orders', { user: buyer, rawBody: '{"listingId":' });
    expect(malformed.status).toBe(400);
    expect((await api('POST', '/v1/orders', { body: {} })).status).toBe(401);
    expect((await api('GET', '/v1/orders?role=buyer', { user: buyer })).body.data).toHaveLength(0);
  });

  it('cancels racing the payment never fail: each answers 202, 200 or 409 and the order ends without money held', async () => {
    // Seen: a cancel landing while the eagerly dispatched authorization starts failed the workflow
    // task that took it (UnhandledCommand: the purchase completed in that task while the activity's
    // events came in), the update was lost with it and the API answered 500.
    const { db, close } = testDb();
    try {
      for (let i = 0; i < 6; i++) {
        const seller = uniqueUser('seller');
        const buyer = uniqueUser('buyer');
        const listing = await newListing(seller);
        const created = await api('POST', '/v1/orders', {
          user: buyer,
          body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
          headers: { 'idempotency-key': `buy-${buyer}` },
        });
        expect(created.status).toBe(202);
        const orderId = created.body.id as string;
        if (i % 2) await new Promise((r) => setTimeout(r, 20 * i));
        const answers = await Promise.all(
          ['first', 'second'].map((n) =>
            api('POST', `/v1/orders/${orderId}/cancel`, {
              user: buyer,
              headers: { 'idempotency-key': `cancel-${n}-${buyer}` },
            }),
          ),
        );
        for (const answer of answers)
          expect([200, 202, 409], JSON.stringify(answer.body)).toContain(answer.status);
        const final = await eventually(async () => {
          const status = (await api('GET', `/v1/orders/${orderId}`, { user: buyer })).body.status;
          return ['failed', 'cancelled'].includes(status) && status;
        });
        expect(final).toBeTruthy();
        await expectFinalOrderMoneyBalanced(db, orderId);
        expect((await api('GET', `/v1/listings/${listing.id}`, { user: buyer })).body.available).toBe(2);
      }
    } finally {
      await close();
    }
  });
});
