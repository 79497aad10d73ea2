/**
 * Payout workflow on the time-skipping server with real activities: the webhook may never come (the
 * polling fallback decides), may come as a signal, or the transfer fails and the money goes back.
 * The sandbox provider's test destinations pick the transfer's fate: `acct_fail…` fails,
 * `acct_invalid…` is refused at once (400 account_invalid), `acct_pending…` stays pending until the
 * test settles it (sandbox/app.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/new-id.js';
import { accountBalance, checkLedger, postEntry } from '../../db/queries/ledger.js';
import { findPayout, insertPayout, setPayoutAccount, setPayoutStatus } from '../../db/queries/payouts.js';
import { ensureUser } from '../../db/queries/users.js';
import { payoutWorkflowId } from '../../domain/ids.js';
import type { PayoutInput } from '../../domain/payout.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { payoutStatusQuery, payoutWorkflow, transferOutcomeSignal } from '../../workflows/payout.js';
import { HISTORIES_DIR } from '../support/histories.js';
import { stack, uniqueUser } from '../support/stack.js';
import { startTimeSkipping } from '../support/time-skipping.js';

let ts: Awaited<ReturnType<typeof startTimeSkipping>>;
beforeAll(async () => {
  ts = await startTimeSkipping();
});
afterAll(async () => {
  await ts?.stop();
});

/**
 * A seller with `available` minor units released to them, a payout row for `amount`, and a payout
 * account at `destination` (onboarded unless `onboarded` is false).
 */
async function sellerWithFunds(
  available: number,
  amount: number,
  destination?: string,
  onboarded = true,
): Promise<PayoutInput> {
  const sellerId = uniqueUser('seller');
  await ensureUser(ts.db, sellerId, 'seller');
  const account = destination ?? `acct_${sellerId.replace(/\W/g, '')}`;
  // Onboarded: the provider's account.updated enabled payouts (api/routes/webhooks/accounts.ts).
  await setPayoutAccount(ts.db, sellerId, account, onboarded);
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
    destination: account,
  };
}

const start = (input: PayoutInput) =>
  ts.env.client.workflow.start(payoutWorkflow, {
    workflowId: payoutWorkflowId(input),
    taskQueue: TASK_QUEUES.orders,
    args: [input],
  });

const HOUR = 3_600_000;
const balance = (account: string, sellerId: string) => accountBalance(ts.db, `${account}:${sellerId}`, 'EUR');

/** The transfers the sandbox provider holds for a payout (metadata.payoutId). */
async function transfersAtProvider(payoutId: string) {
  const res = await fetch(`${stack().sandboxUrl}/_sandbox/records`);
  const { transfers } = (await res.json()) as {
    transfers: Array<{ id: string; status: string; amount: number; metadata: Record<string, string> }>;
  };
  return transfers.filter((t) => t.metadata.payoutId === payoutId);
}

/** The bank finally decides on a held transfer (sandbox control endpoint; its webhook reaches no one here). */
async function settleAtProvider(transferId: string, status: 'paid' | 'failed', failureCode?: string) {
  const res = await fetch(`${stack().sandboxUrl}/_sandbox/transfers/${transferId}/settle`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status, ...(failureCode && { failure_code: failureCode }) }),
  });
  expect(res.status).toBe(200);
}

/**
 * Like test/support/histories.ts, but from this time-skipping server: with RECORD_HISTORIES=<label>
 * the payout branches this file drives are saved for test/workflows/replay.test.ts (plain payloads:
 * these workers run without the codec).
 */
async function recordHistory(name: string, workflowId: string): Promise<void> {
  const label = process.env.RECORD_HISTORIES;
  if (!label) return;
  const history = await ts.env.client.workflow.getHandle(workflowId).fetchHistory();
  const json = JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) }, null, 1);
  writeFileSync(join(HISTORIES_DIR, `${label}-${name}.json`), `${json}\n`);
}

/** The provider's transfer id, once the workflow has created the transfer. */
async function transferIdOf(handle: Awaited<ReturnType<typeof start>>): Promise<string> {
  for (;;) {
    const { transferId } = await handle.query(payoutStatusQuery);
    if (transferId) return transferId;
  }
}

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
    const transferId = await transferIdOf(handle);
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

  it('a transfer the provider refuses moves the money back and fails the payout with the provider’s code', async () => {
    const input = await sellerWithFunds(2_500, 2_000, `acct_invalid_${uniqueUser('x').slice(2)}`);
    const handle = await start(input);
    const state = await handle.result();
    expect(state).toMatchObject({ status: 'failed', failureCode: 'account_invalid' });
    expect(await balance('seller_available', input.sellerId)).toBe(2_500n);
    expect(await balance('payout_in_transit', input.sellerId)).toBe(0n);
    expect(await balance('seller_paid_out', input.sellerId)).toBe(0n);
    expect(await findPayout(ts.db, input.payoutId)).toMatchObject({
      status: 'failed',
      failureCode: 'account_invalid',
      transferId: null,
    });
    expect(await transfersAtProvider(input.payoutId)).toEqual([]);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
    await recordHistory('payout-transfer-refused', handle.workflowId);
  });

  it('a seller who has not finished onboarding is refused before any transfer: the money goes back', async () => {
    const input = await sellerWithFunds(3_000, 3_000, undefined, false);
    const state = await (await start(input)).result();
    expect(state).toMatchObject({ status: 'failed', failureCode: 'payouts_not_enabled' });
    expect(await balance('seller_available', input.sellerId)).toBe(3_000n);
    expect(await balance('payout_in_transit', input.sellerId)).toBe(0n);
    expect(await balance('seller_paid_out', input.sellerId)).toBe(0n);
    expect(await findPayout(ts.db, input.payoutId)).toMatchObject({ status: 'failed', transferId: null });
    expect(await transfersAtProvider(input.payoutId)).toEqual([]);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });

  it('keeps tracking a transfer still pending hours later, then books it paid out when it settles', async () => {
    const input = await sellerWithFunds(7_000, 7_000, `acct_pending_${uniqueUser('x').slice(2)}`);
    const handle = await start(input);
    const transferId = await transferIdOf(handle);

    // Far past the webhook grace and the old one-hour poll window: still running, the money in transit.
    await ts.env.sleep(3 * HOUR);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await handle.query(payoutStatusQuery)).toMatchObject({ status: 'in_transit', transferId });
    expect((await findPayout(ts.db, input.payoutId))?.status).toBe('in_transit');
    expect(await balance('seller_available', input.sellerId)).toBe(0n);
    expect(await balance('payout_in_transit', input.sellerId)).toBe(7_000n);

    await settleAtProvider(transferId, 'paid');
    const state = await handle.result();
    expect(state).toMatchObject({ status: 'paid', transferId });
    expect(await balance('payout_in_transit', input.sellerId)).toBe(0n);
    expect(await balance('seller_paid_out', input.sellerId)).toBe(7_000n);
    expect((await findPayout(ts.db, input.payoutId))?.status).toBe('paid');
    expect(await transfersAtProvider(input.payoutId)).toMatchObject([{ id: transferId, status: 'paid' }]);
    // Found by a poll round, not at once: the last rounds are an hour apart.
    const { startTime, closeTime } = await handle.describe();
    expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThan(3 * HOUR);
    expect(closeTime!.getTime() - startTime.getTime()).toBeLessThan(5 * HOUR);
    await recordHistory('payout-long-pending-paid', handle.workflowId);
  });

  it('a transfer pending for days that the bank then fails is reversed when its webhook arrives', async () => {
    const input = await sellerWithFunds(4_000, 4_000, `acct_pending_${uniqueUser('x').slice(2)}`);
    const handle = await start(input);
    const transferId = await transferIdOf(handle);

    await ts.env.sleep(2 * 24 * HOUR);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await balance('payout_in_transit', input.sellerId)).toBe(4_000n);

    await settleAtProvider(transferId, 'failed', 'account_closed');
    // The webhook, as the API delivers it (this test server is not the one the stack's API signals).
    await handle.signal(transferOutcomeSignal, {
      transferId,
      status: 'failed',
      failureCode: 'account_closed',
    });
    const state = await handle.result();
    expect(state).toMatchObject({ status: 'failed', failureCode: 'account_closed', transferId });
    expect(await balance('seller_available', input.sellerId)).toBe(4_000n);
    expect(await balance('payout_in_transit', input.sellerId)).toBe(0n);
    expect(await balance('seller_paid_out', input.sellerId)).toBe(0n);
    expect(await findPayout(ts.db, input.payoutId)).toMatchObject({
      status: 'failed',
      failureCode: 'account_closed',
    });
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
    await recordHistory('payout-long-pending-failed', handle.workflowId);
  });

  it('a run continued as new goes on tracking the same transfer without moving the money again', async () => {
    const input = await sellerWithFunds(6_000, 6_000, `acct_pending_${uniqueUser('x').slice(2)}`);
    // What the first run left when it continued as new: the money in transit, the transfer pending.
    const scope = payoutWorkflowId(input);
    await postEntry(ts.db, {
      key: `${scope}:in-transit`,
      description: 'test: the first run moved the money',
      lines: [
        { account: `seller_available:${input.sellerId}`, currency: 'EUR', amount: '-6000' },
        { account: `payout_in_transit:${input.sellerId}`, currency: 'EUR', amount: '6000' },
      ],
    });
    const transfer = await ts.payments.createTransfer({
      idempotencyKey: `${scope}:transfer`,
      destination: input.destination,
      amount: input.amount,
      currency: input.currency,
      metadata: { payoutId: input.payoutId },
    });
    await setPayoutStatus(ts.db, { payoutId: input.payoutId, status: 'in_transit', transferId: transfer.id });

    const continued = await start({ ...input, resume: { transferId: transfer.id } });
    expect(await continued.query(payoutStatusQuery)).toMatchObject({
      status: 'in_transit',
      transferId: transfer.id,
    });
    await ts.env.sleep(5 * HOUR);
    expect((await continued.describe()).status.name).toBe('RUNNING');
    await settleAtProvider(transfer.id, 'paid');
    expect(await continued.result()).toMatchObject({ status: 'paid', transferId: transfer.id });
    expect(await balance('seller_available', input.sellerId)).toBe(0n);
    expect(await balance('payout_in_transit', input.sellerId)).toBe(0n);
    expect(await balance('seller_paid_out', input.sellerId)).toBe(6_000n);
    expect(await transfersAtProvider(input.payoutId)).toMatchObject([{ id: transfer.id, status: 'paid' }]);
    expect((await findPayout(ts.db, input.payoutId))?.status).toBe('paid');
    // The continued run only watched and booked: no second posting into transit, no second transfer
    // (a provider forgets idempotency keys after a day or so; a pending transfer can outlive that).
    const { events } = await continued.fetchHistory();
    const steps = (events ?? []).flatMap(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );
    expect(steps).not.toContain('createTransfer');
    expect(steps.filter((step) => step === 'postLedger')).toHaveLength(1);
    expect(steps).toContain('checkTransfer');
  });
});
