/**
 * The platform's `payments` records (one per idempotency key, as the payment activities write them)
 * and reconciliation over the kit's state: the facts activities/reconciliation.ts gathers from
 * PostgreSQL and the provider, gathered from memory, compared by the real `reconcile`.
 */
import type { Client } from '@temporalio/client';
import { intentFacts, providerFactsOf, reportCounts } from '../../activities/reconciliation.js';
import { accounts, purchaseWorkflowId } from '../../domain/ids.js';
import { isFinal, type OrderStatus } from '../../domain/order.js';
import { HOLDING_STATUSES, type PlatformFacts, reconcile } from '../../domain/reconciliation.js';
import type { FakeLedger } from './ledger.js';
import type { FakeOrders } from './orders.js';
import type { FakePayouts } from './payouts.js';
import type { FakeProvider } from './provider.js';

export interface PaymentRecord {
  orderId?: string;
  /** An offer's hold, before (and for) its order. */
  offerId?: string;
  kind: 'authorization' | 'capture' | 'void' | 'refund' | 'transfer';
  idempotencyKey: string;
  providerRef: string;
  amount: number;
  currency: string;
  status: string;
  /** Server time (ms) of the first write. */
  at: number;
}

export class PaymentRecords {
  private readonly rows = new Map<string, PaymentRecord>();

  /** Written once per key (a retry updates the status); true when this call wrote it. */
  record(row: PaymentRecord): boolean {
    const existing = this.rows.get(row.idempotencyKey);
    if (existing) {
      existing.status = row.status;
      return false;
    }
    this.rows.set(row.idempotencyKey, { ...row });
    return true;
  }

  /** An accepted offer's hold becomes its order's record (db/queries/offer-acceptance.ts). */
  linkToOrder(offerId: string, intentId: string, orderId: string): void {
    for (const row of this.rows.values())
      if (row.offerId === offerId && row.providerRef === intentId && row.kind === 'authorization')
        row.orderId = orderId;
  }

  all(): PaymentRecord[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }
}

/**
 * Both sides of a period, compared as activities/reconciliation.ts `compareWithProvider` does: the
 * orders with a payment effect in the period or named by what the provider did in it (an intent, a
 * refund, a dispute), payouts, and every escrow that should be empty or held by a running workflow.
 */
export async function compareInMemory(
  state: {
    records: PaymentRecords;
    ledger: FakeLedger;
    payouts: FakePayouts;
    provider: FakeProvider;
    orders: FakeOrders;
    client: Client;
  },
  period: { from: Date; to: Date },
) {
  const activity = await state.provider.listActivity(period);
  const listed = new Set([
    ...activity.intents.filter((i) => i.metadata?.orderId).map((i) => i.id),
    ...activity.refunds.map((r) => r.intentId),
    ...(activity.disputes ?? []).map((d) => d.intentId),
  ]);
  const inPeriod = (at: number) => at >= period.from.getTime() && at < period.to.getTime();
  const byOrder = new Map<string, { orderId: string; intentId: string; capturedRecorded: number }>();
  for (const r of state.records.all()) {
    if (!r.orderId || !['authorization', 'capture'].includes(r.kind)) continue;
    if (!inPeriod(r.at) && !listed.has(r.providerRef)) continue;
    const entry = byOrder.get(r.orderId) ?? {
      orderId: r.orderId,
      intentId: r.providerRef,
      capturedRecorded: 0,
    };
    if (r.kind === 'capture') entry.capturedRecorded = r.amount;
    byOrder.set(r.orderId, entry);
  }
  const booked = (orderId: string, account: (a: string) => boolean) =>
    state.ledger
      .entries(orderId)
      .flatMap((p) => p.lines)
      .filter((l) => account(l.account))
      .reduce((sum, l) => sum + Number(l.amount), 0);
  const ours: PlatformFacts = {
    orders: [...byOrder.values()].map((o) => ({
      ...o,
      ledgerCaptured: -booked(o.orderId, (a) => a.startsWith('buyer_funding:')),
      ledgerRefunded: booked(o.orderId, (a) => a === accounts.refunds),
    })),
    payouts: state.payouts
      .all()
      .filter((p) => inPeriod(p.createdAt))
      .map((p) => ({ payoutId: p.id, transferId: p.transferId ?? null, amount: p.amount, status: p.status })),
    escrows: await escrowFacts(state),
  };
  const theirs = providerFactsOf(activity);
  for (const order of ours.orders.filter((o) => !theirs.intents.some((i) => i.id === o.intentId))) {
    const intent = state.provider.intent(order.intentId);
    if (intent) theirs.intents.push(intentFacts(intent));
  }
  const known = new Set(ours.payouts.map((p) => p.payoutId));
  for (const t of theirs.transfers) {
    const older = t.payoutId && !known.has(t.payoutId) ? state.payouts.row(t.payoutId) : undefined;
    if (older) {
      ours.payouts.push({ payoutId: older.id, transferId: null, amount: older.amount, status: older.status });
      known.add(older.id);
    }
  }
  const mismatches = reconcile(ours, theirs);
  const counts = reportCounts(ours, theirs, activity, mismatches.length);
  return { counts, mismatches };
}

/** Final orders whose escrow is not empty, and orders holding money with how their workflow stands. */
async function escrowFacts(state: { ledger: FakeLedger; orders: FakeOrders; client: Client }) {
  const facts: NonNullable<PlatformFacts['escrows']> = [];
  for (const order of state.orders.all()) {
    const escrow = Number(state.ledger.balance(accounts.escrow(order.id), order.currency));
    const holding = HOLDING_STATUSES.includes(order.status as OrderStatus);
    if (!holding && !(isFinal(order.status) && escrow !== 0)) continue;
    const workflow = holding
      ? await state.client.workflow
          .getHandle(purchaseWorkflowId({ orderId: order.id }))
          .describe()
          .then(
            (d) => d.status.name,
            () => 'NOT_FOUND',
          )
      : undefined;
    facts.push({ orderId: order.id, status: order.status, escrow, ...(workflow && { workflow }) });
  }
  return facts;
}
