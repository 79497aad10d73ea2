/**
 * Payout workflow on the time-skipping server with real activities: the webhook may never come (the
 * polling fallback decides), may come as a signal, or the transfer fails and the money goes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/new-id.js';
import { accountBalance, checkLedger, postEntry } from '../../db/queries/ledger.js';
import { findPayout, insertPayout } from '../../db/queries/payouts.js';
import { ensureUser } from '../../db/queries/users.js';
import { payoutWorkflowId } from '../../domain/ids.js';
import type { PayoutInput } from '../../domain/payout.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { payoutStatusQuery, payoutWorkflow, transferOutcomeSignal } from '../../workflows/payout.js';
import { uniqueUser } from '../support/stack.js';
import { startTimeSkipping } from '../support/time-skipping.js';

let ts: Awaited<ReturnType<typeof startTimeSkipping>>;
beforeAll(async () => {
  ts = await startTimeSkipping();
});
afterAll(async () => {
  await ts?.stop();
});

/** A seller with `available` minor units released to them, and a payout row for `amount`. */
async function sellerWithFunds(
  available: number,
  amount: number,
  destination?: string,
): Promise<PayoutInput> {
  const sellerId = uniqueUser('seller');
  await ensureUser(ts.db, sellerId, 'seller');
  await postEntry(ts.db, {
    key: `${sellerId}:released`,
    description: 'test: escrow released',
    lines: [
      { account: 'buyer_funding:EUR', currency: 'EUR', amount: String(-available) },
      { account: `seller_available:${sellerId}`, currency: 'EUR', amount: String(available) },
    ],
  });
  const payoutId = newId('po');
  await insertPayout(ts.db, { id: payoutId, sellerId, amount: BigInt(amount), currency: 'EUR' });
  return {
    payoutId,
    sellerId,
    amount,
    currency: 'EUR',
    destination: destination ?? `acct_${sellerId.replace(/\W/g, '')}`,
  };
}

const start = (input: PayoutInput) =>
  ts.env.client.workflow.start(payoutWorkflow, {
    workflowId: payoutWorkflowId(input),
    taskQueue: TASK_QUEUES.orders,
    args: [input],
  });

describe('payout (time-skipping)', () => {
  it('polls the provider when no webhook arrives, then books the money as paid out', async () => {
    const input = await sellerWithFunds(5_000, 5_000);
    const state = await (await start(input)).result();
    expect(state).toMatchObject({ status: 'paid' });
    expect(await accountBalance(ts.db, `seller_available:${input.sellerId}`, 'EUR')).toBe(0n);
    expect(await accountBalance(ts.db, `payout_in_transit:${input.sellerId}`, 'EUR')).toBe(0n);
    expect(await accountBalance(ts.db, `seller_paid_out:${input.sellerId}`, 'EUR')).toBe(5_000n);
    expect((await findPayout(ts.db, input.payoutId))?.status).toBe('paid');
    const transfer = await ts.payments.getTransfer(state.transferId!);
    expect(transfer).toMatchObject({ amount: 5_000, status: 'paid' });
  });

  it('takes the provider’s webhook verdict as a signal', async () => {
    const input = await sellerWithFunds(3_000, 1_000);
    const handle = await start(input);
    let transferId: string | undefined;
    while (!transferId) transferId = (await handle.query(payoutStatusQuery)).transferId;
    await handle.signal(transferOutcomeSignal, { transferId, status: 'paid' });
    expect((await handle.result()).status).toBe('paid');
    expect(await accountBalance(ts.db, `seller_available:${input.sellerId}`, 'EUR')).toBe(2_000n);
    expect(await accountBalance(ts.db, `seller_paid_out:${input.sellerId}`, 'EUR')).toBe(1_000n);
  });

  it('a failed transfer moves the money back to available', async () => {
    const input = await sellerWithFunds(2_000, 2_000, 'acct_fail_closed');
    const state = await (await start(input)).result();
    expect(state.status).toBe('failed');
    expect(state.failureCode).toBeDefined();
    expect(await accountBalance(ts.db, `seller_available:${input.sellerId}`, 'EUR')).toBe(2_000n);
    expect(await accountBalance(ts.db, `payout_in_transit:${input.sellerId}`, 'EUR')).toBe(0n);
    expect((await findPayout(ts.db, input.payoutId))?.status).toBe('failed');
  });

  it('refuses to pay out more than is available, moving nothing', async () => {
    const input = await sellerWithFunds(500, 900);
    const state = await (await start(input)).result();
    expect(state).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds' });
    expect(await accountBalance(ts.db, `seller_available:${input.sellerId}`, 'EUR')).toBe(500n);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });
});
