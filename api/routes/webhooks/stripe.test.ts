/** Stripe webhook verification (rotation, tolerance) and the mapping onto our events, without a stack. */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.js';
import { internalEventOf, verify } from '../../services/webhooks/stripe-events.js';

const event = (type: string, object: Record<string, unknown>) =>
  ({
    id: 'evt_1',
    object: 'event',
    created: 1_700_000_000,
    type,
    data: { object },
  }) as unknown as Stripe.Event;
const sign = (payload: string, secret: string, timestamp?: number) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp && { timestamp }) });
const noDb = {} as Db;

describe('Stripe webhook verification', () => {
  const payload = JSON.stringify(event('account.updated', { id: 'acct_1' }));

  it('verifies with any of the secrets while they rotate, old or new', () => {
    expect(verify(payload, sign(payload, 'whsec_old'), ['whsec_new', 'whsec_old'])).toMatchObject({
      ok: true,
    });
    expect(verify(payload, sign(payload, 'whsec_new'), ['whsec_new', 'whsec_old'])).toMatchObject({
      ok: true,
    });
  });

  it('verifies a header Stripe signed with both secrets during a rotation', () => {
    const t = Math.floor(Date.now() / 1000);
    const v1 = (secret: string) => sign(payload, secret, t).split(',')[1]!;
    const both = `t=${t},${v1('whsec_old')},${v1('whsec_new')}`;
    expect(verify(payload, both, ['whsec_new'])).toMatchObject({ ok: true });
  });

  it('refuses a forged body, a foreign secret, a stale timestamp and a malformed header', () => {
    const header = sign(payload, 'whsec_ours');
    expect(verify(payload.replace('acct_1', 'acct_2'), header, ['whsec_ours'])).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify(payload, sign(payload, 'whsec_theirs'), ['whsec_ours'])).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const stale = sign(payload, 'whsec_ours', Math.floor(Date.now() / 1000) - 301);
    expect(verify(payload, stale, ['whsec_ours'])).toEqual({ ok: false, reason: 'stale' });
    expect(verify(payload, 'nonsense', ['whsec_ours'])).toEqual({ ok: false, reason: 'malformed_header' });
    expect(verify(payload, header, [])).toEqual({ ok: false, reason: 'no_secret' });
  });
});

describe('Stripe events onto ours', () => {
  it('an authorization that waited for 3-D Secure → payment_intent.authorized with its order', async () => {
    const mapped = await internalEventOf(
      noDb,
      event('payment_intent.amount_capturable_updated', { id: 'pi_1', metadata: { orderId: 'o1' } }),
    );
    expect(mapped).toEqual({
      id: 'evt_1',
      created: 1_700_000_000,
      type: 'payment_intent.authorized',
      data: { object: { id: 'pi_1', metadata: { orderId: 'o1' } } },
    });
  });

  it('a transfer → transfer.paid; a reversal → transfer.failed with a failure code', async () => {
    const paid = await internalEventOf(
      noDb,
      event('transfer.created', { id: 'tr_1', reversed: false, metadata: { payoutId: 'p1' } }),
    );
    expect(paid).toMatchObject({
      type: 'transfer.paid',
      data: { object: { id: 'tr_1', metadata: { payoutId: 'p1' } } },
    });
    const reversed = await internalEventOf(
      noDb,
      event('transfer.reversed', { id: 'tr_1', reversed: true, metadata: { payoutId: 'p1' } }),
    );
    expect(reversed).toMatchObject({
      type: 'transfer.failed',
      data: { object: { id: 'tr_1', failure_code: 'transfer_reversed', metadata: { payoutId: 'p1' } } },
    });
  });

  it('account.updated keeps only what we act on; unknown types map to nothing', async () => {
    expect(
      await internalEventOf(
        noDb,
        event('account.updated', { id: 'acct_1', payouts_enabled: true, email: 'x@y' }),
      ),
    ).toMatchObject({ type: 'account.updated', data: { object: { id: 'acct_1', payouts_enabled: true } } });
    expect(await internalEventOf(noDb, event('customer.created', { id: 'cus_1' }))).toBeUndefined();
  });
});
