/**
 * The payout workflow on the kit: the webhook may never come (the provider is asked), may come as a
 * signal, or the transfer fails or is refused and the money goes back to the seller's available
 * balance. The kit's provider plays the sandbox's test destinations: `acct_fail…` fails,
 * `acct_invalid…` is refused at once, `acct_pending…` stays pending until the test settles it.
 */
import { describe, expect, it } from 'vitest';
import { effectKey, payoutWorkflowId } from '../../domain/ids.js';
import type { PayoutInput } from '../../domain/payout.js';
import { PAYOUT_SWEEP_WORKFLOW } from '../../domain/payout.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import type { payoutSweepWorkflow } from '../../workflows/payout-sweep.js';
import { DAY, HOUR } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

const balances = (sellerId: string) => ({
  available: kit.ledger.balance(`seller_available:${sellerId}`),
  inTransit: kit.ledger.balance(`payout_in_transit:${sellerId}`),
  paidOut: kit.ledger.balance(`seller_paid_out:${sellerId}`),
});

const key = (input: PayoutInput, step: string) => effectKey(payoutWorkflowId(input), step);

describe('payout (kit)', () => {
  it('asks the provider when no webhook arrives, then books the money as paid out', async () => {
    const input = await kit.sellerWithFunds(5_000);
    const payout = await kit.startPayout(input);
    const state = await payout.result();

    expect(state).toMatchObject({ status: 'paid' });
    expect(balances(input.sellerId)).toEqual({ available: 0n, inTransit: 0n, paidOut: 5_000n });
    expect(kit.payouts.row(input.payoutId)).toMatchObject({ status: 'paid', transferId: state.transferId });
    expect(kit.provider.transfersOf(input.payoutId)).toEqual([
      expect.objectContaining({
        id: state.transferId,
        amount: 5_000,
        status: 'paid',
        destination: input.destination,
      }),
    ]);
    // The transfer went out under the payout's key, on the payments queue.
    expect(
      kit.calls.filter((c) => c.name === 'createTransfer').map((c) => [c.queue, c.input.idempotencyKey]),
    ).toEqual([[TASK_QUEUES.payments, key(input, 'transfer')]]);
    expect(kit.ledger.check()).toEqual({ ok: true, problems: [] });
  });

  it('takes the provider’s webhook verdict as a signal', async () => {
    const input = await kit.sellerWithFunds(3_000, 1_000, { destination: 'acct_pending_webhook' });
    const payout = await kit.startPayout(input);
    const transferId = await payout.transferId();
    await payout.transferOutcome({ transferId, status: 'paid' });

    expect((await payout.result()).status).toBe('paid');
    await kit.recordHistory('payout-paid-by-webhook', payout.workflowId);
    expect(balances(input.sellerId)).toEqual({ available: 2_000n, inTransit: 0n, paidOut: 1_000n });
    // The verdict came before the grace period was over: the provider was never asked.
    expect(kit.inputsOf('checkTransfer')).toEqual([]);
  });

  it('a webhook for another transfer changes nothing', async () => {
    const input = await kit.sellerWithFunds(2_000, 2_000, { destination: 'acct_pending_other' });
    const payout = await kit.startPayout(input);
    const transferId = await payout.transferId();
    await payout.transferOutcome({
      transferId: 'tr_someone_else',
      status: 'failed',
      failureCode: 'account_closed',
    });
    await kit.skip(3 * HOUR);
    expect(await payout.status()).toMatchObject({ status: 'in_transit', transferId });
    kit.provider.settleTransfer(transferId, 'paid');
    expect(await payout.result()).toMatchObject({ status: 'paid', transferId });
  });

  it('a failed transfer moves the money back to available', async () => {
    const input = await kit.sellerWithFunds(2_000, 2_000, { destination: 'acct_fail_closed' });
    const state = await (await kit.startPayout(input)).result();
    expect(state).toMatchObject({ status: 'failed', failureCode: 'account_closed' });
    expect(balances(input.sellerId)).toEqual({ available: 2_000n, inTransit: 0n, paidOut: 0n });
    expect(kit.payouts.row(input.payoutId)).toMatchObject({
      status: 'failed',
      failureCode: 'account_closed',
    });
    expect(kit.ledger.posting(key(input, 'reversed'))).toBeDefined();
  });

  it('refuses to pay out more than is available, moving nothing', async () => {
    const input = await kit.sellerWithFunds(500, 900);
    const state = await (await kit.startPayout(input)).result();
    expect(state).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds' });
    await kit.recordHistory('payout-insufficient-funds', payoutWorkflowId(input));
    expect(balances(input.sellerId)).toEqual({ available: 500n, inTransit: 0n, paidOut: 0n });
    expect(kit.provider.transfersOf(input.payoutId)).toEqual([]);
    expect(kit.ledger.check()).toEqual({ ok: true, problems: [] });
  });

  it('a transfer the provider refuses moves the money back and fails the payout with the provider’s code', async () => {
    const input = await kit.sellerWithFunds(2_500, 2_000, { destination: 'acct_invalid_kit' });
    const payout = await kit.startPayout(input);
    expect(await payout.result()).toMatchObject({ status: 'failed', failureCode: 'account_invalid' });
    expect(balances(input.sellerId)).toEqual({ available: 2_500n, inTransit: 0n, paidOut: 0n });
    expect(kit.payouts.row(input.payoutId)).toMatchObject({
      status: 'failed',
      failureCode: 'account_invalid',
    });
    expect(kit.payouts.row(input.payoutId)?.transferId).toBeUndefined();
    expect(kit.provider.transfersOf(input.payoutId)).toEqual([]);
    expect(kit.ledger.check()).toEqual({ ok: true, problems: [] });
    await kit.recordHistory('payout-transfer-refused', payout.workflowId);
  });

  it('a seller who has not finished onboarding is refused before any transfer: the money goes back', async () => {
    const input = await kit.sellerWithFunds(3_000, 3_000, { onboarded: false });
    const state = await (await kit.startPayout(input)).result();
    expect(state).toMatchObject({ status: 'failed', failureCode: 'payouts_not_enabled' });
    expect(balances(input.sellerId)).toEqual({ available: 3_000n, inTransit: 0n, paidOut: 0n });
    expect(kit.provider.transfersOf(input.payoutId)).toEqual([]);
  });

  it('a transfer whose answer was lost is retried under its key: one transfer, paid once', async () => {
    kit.faults.failNext('createTransfer', { afterEffect: true });
    // The retry finds the transfer by its key, not refused by the onboarding gate of the first attempt.
    const input = await kit.sellerWithFunds(4_000);
    const state = await (await kit.startPayout(input)).result();
    expect(state.status).toBe('paid');
    expect(kit.calls.filter((c) => c.name === 'createTransfer').map((c) => c.attempt)).toEqual([1, 2]);
    expect(kit.provider.transfersOf(input.payoutId)).toHaveLength(1);
    expect(kit.provider.effectsOf(key(input, 'transfer'))).toBe(1);
    expect(balances(input.sellerId)).toEqual({ available: 0n, inTransit: 0n, paidOut: 4_000n });
  });

  it('keeps tracking a transfer still pending hours later, then books it paid out when it settles', async () => {
    const input = await kit.sellerWithFunds(7_000, 7_000, { destination: 'acct_pending_hours' });
    const payout = await kit.startPayout(input);
    const transferId = await payout.transferId();

    // Far past the webhook grace and an hour of polls: still running, the money in transit.
    await kit.skip(3 * HOUR);
    expect((await payout.handle.describe()).status.name).toBe('RUNNING');
    expect(await payout.status()).toMatchObject({ status: 'in_transit', transferId });
    expect(kit.payouts.row(input.payoutId)?.status).toBe('in_transit');
    expect(balances(input.sellerId)).toEqual({ available: 0n, inTransit: 7_000n, paidOut: 0n });

    kit.provider.settleTransfer(transferId, 'paid');
    expect(await payout.result()).toMatchObject({ status: 'paid', transferId });
    expect(balances(input.sellerId)).toEqual({ available: 0n, inTransit: 0n, paidOut: 7_000n });
    // Found by a poll round, not at once: the last rounds are an hour apart.
    const ran = await payout.runningTimeMs();
    expect(ran).toBeGreaterThan(3 * HOUR);
    expect(ran).toBeLessThan(5 * HOUR);
    await kit.recordHistory('payout-long-pending-paid', payout.workflowId);
  });

  it('a transfer pending for days that the bank then fails is reversed when its webhook arrives', async () => {
    const input = await kit.sellerWithFunds(4_000, 4_000, { destination: 'acct_pending_days' });
    const payout = await kit.startPayout(input);
    const transferId = await payout.transferId();

    await kit.skip(2 * DAY);
    expect((await payout.handle.describe()).status.name).toBe('RUNNING');
    expect(balances(input.sellerId).inTransit).toBe(4_000n);

    kit.provider.settleTransfer(transferId, 'failed', 'account_closed');
    await payout.transferOutcome({ transferId, status: 'failed', failureCode: 'account_closed' });
    expect(await payout.result()).toMatchObject({
      status: 'failed',
      failureCode: 'account_closed',
      transferId,
    });
    expect(balances(input.sellerId)).toEqual({ available: 4_000n, inTransit: 0n, paidOut: 0n });
    expect(kit.ledger.check()).toEqual({ ok: true, problems: [] });
    await kit.recordHistory('payout-long-pending-failed', payout.workflowId);
  });

  it('a run continued as new goes on tracking the same transfer without moving the money again', async () => {
    const input = await kit.sellerWithFunds(6_000, 6_000, { destination: 'acct_pending_resumed' });
    // What the first run left when it continued as new: the money in transit, the transfer pending.
    kit.ledger.post({
      key: key(input, 'in-transit'),
      description: 'kit: the first run moved the money',
      lines: [
        { account: `seller_available:${input.sellerId}`, currency: 'EUR', amount: '-6000' },
        { account: `payout_in_transit:${input.sellerId}`, currency: 'EUR', amount: '6000' },
      ],
    });
    const transfer = await kit.provider.createTransfer({
      idempotencyKey: key(input, 'transfer'),
      destination: input.destination,
      amount: input.amount,
      currency: input.currency,
      metadata: { payoutId: input.payoutId },
    });
    kit.payouts.setStatus({ payoutId: input.payoutId, status: 'in_transit', transferId: transfer.id });

    const continued = await kit.startPayout({ ...input, resume: { transferId: transfer.id } });
    expect(await continued.status()).toMatchObject({ status: 'in_transit', transferId: transfer.id });
    await kit.skip(5 * HOUR);
    expect((await continued.handle.describe()).status.name).toBe('RUNNING');
    kit.provider.settleTransfer(transfer.id, 'paid');
    expect(await continued.result()).toMatchObject({ status: 'paid', transferId: transfer.id });
    expect(balances(input.sellerId)).toEqual({ available: 0n, inTransit: 0n, paidOut: 6_000n });
    expect(kit.provider.transfersOf(input.payoutId)).toMatchObject([{ id: transfer.id, status: 'paid' }]);
    // The continued run only watched and booked: no second posting into transit, no second transfer.
    const steps = kit.calls.map((c) => c.name);
    expect(steps).not.toContain('createTransfer');
    expect(steps.filter((step) => step === 'postLedger')).toHaveLength(1);
    expect(steps).toContain('checkTransfer');
  });

  it('the daily sweep starts one payout per onboarded seller due, and each pays out', async () => {
    const due = await kit.sellerWithFunds(8_000);
    const small = await kit.sellerWithFunds(4_000);
    const notOnboarded = await kit.sellerWithFunds(9_000, 9_000, { onboarded: false });
    // Above every other seller of this file: a payout the sweep starts outlives the sweep, and the
    // test server stops skipping time when such a child completes after its parent (kit.reset heals).
    const minimum = 5_000;
    const sweep = await kit.client.workflow.start<typeof payoutSweepWorkflow>(PAYOUT_SWEEP_WORKFLOW, {
      workflowId: 'payout-sweep-kit-1',
      taskQueue: TASK_QUEUES.orders,
      args: [{ minimum }],
    });
    expect(await sweep.result()).toEqual({ started: 1 });
    await kit.recordHistory('payoutSweep-one-seller', sweep.workflowId);
    const [started, ...more] = kit.payouts
      .all()
      .filter((p) => p.sellerId === due.sellerId && p.id !== due.payoutId);
    expect(more).toEqual([]);
    expect(started).toMatchObject({ amount: 8_000, currency: 'EUR' });
    // Its id is derived from the sweep, the seller and the currency: a retried sweep finds the same row.
    expect(started!.id).toMatch(/^po_[0-9a-f]{32}$/);
    const payout = kit.env.client.workflow.getHandle(payoutWorkflowId({ payoutId: started!.id }));
    expect(await payout.result()).toMatchObject({ status: 'paid' });
    expect(balances(due.sellerId)).toEqual({ available: 0n, inTransit: 0n, paidOut: 8_000n });
    for (const seller of [small, notOnboarded])
      expect(kit.payouts.all().filter((p) => p.sellerId === seller.sellerId)).toEqual([
        expect.objectContaining({ id: seller.payoutId }),
      ]);
  });
});
