/**
 * POST /v1/payouts retried after a 5xx: the Idempotency-Key names the payout, so a retry with
 * another body is refused (422 `idempotency_conflict`, as for every route) and the payout's workflow
 * starts only ever with the stored row's values. The API runs in this process over a Temporal client
 * whose first start fails (as when the server is unreachable) and which records the starts after it.
 */
import { type Client, ServiceError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEntry } from '../../db/queries/ledger.js';
import type { PayoutInput } from '../../domain/payout.js';
import { onboardSeller } from '../support/onboarding.js';
import { testDb, tokenFor, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

const starts: PayoutInput[] = [];
let failNextStart = true;

function failingOnce(real: Client): Client {
  const start = async (_type: unknown, options: { workflowId: string; args: [PayoutInput] }) => {
    if (failNextStart) {
      failNextStart = false;
      throw new ServiceError('Failed to start Workflow', {
        cause: new Error('14 UNAVAILABLE: No connection established'),
      });
    }
    starts.push(options.args[0]);
    return real.workflow.getHandle(options.workflowId);
  };
  const workflow = Object.create(real.workflow, { start: { value: start } });
  return Object.create(real, { workflow: { value: workflow } });
}

const { db, close } = testDb();
let app: InProcessApi;
beforeAll(async () => {
  app = await inProcessApi({ temporal: failingOnce });
});
afterAll(async () => {
  await app.close();
  await close();
});

async function payout(seller: string, key: string, body: Record<string, unknown>) {
  const res = await fetch(`${app.url}/v1/payouts`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenFor(seller, 'seller')}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
}

describe('POST /v1/payouts retried after a 5xx', () => {
  it('refuses the same key with another amount, and starts the payout only with the stored row', async () => {
    const seller = uniqueUser('seller');
    await onboardSeller(seller);
    // What the seller's completed sales left available (planted: the payout's own path is under test).
    await postEntry(db, {
      key: `planted-available-${seller}`,
      description: 'planted: sales available for payout',
      lines: [
        { account: 'buyer_funding:EUR', currency: 'EUR', amount: '-9000' },
        { account: `seller_available:${seller}`, currency: 'EUR', amount: '9000' },
      ],
    });
    const key = `payout-${seller}`;

    const first = await payout(seller, key, { currency: 'EUR', amount: 3_000 });
    expect(first.status, JSON.stringify(first.body)).toBeGreaterThanOrEqual(500);
    expect(starts).toEqual([]);

    const other = await payout(seller, key, { currency: 'EUR', amount: 8_000 });
    expect(other.status, JSON.stringify(other.body)).toBe(422);
    expect(other.type).toContain('application/problem+json');
    expect(other.body.code).toBe('idempotency_conflict');
    expect(starts).toEqual([]);

    const retried = await payout(seller, key, { currency: 'EUR', amount: 3_000 });
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    expect(retried.body).toMatchObject({ amount: 3_000, currency: 'EUR', status: 'pending' });
    expect(starts).toEqual([
      expect.objectContaining({
        payoutId: retried.body.id,
        sellerId: seller,
        amount: 3_000,
        currency: 'EUR',
      }),
    ]);
    const rows = await db.query.payouts.findMany({ where: (p, { eq }) => eq(p.sellerId, seller) });
    expect(rows.map((r) => [r.id, Number(r.amount)])).toEqual([[retried.body.id, 3_000]]);
  });
});
