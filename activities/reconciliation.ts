import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../db/client.js';
import { HOLD_LIFETIME_MS, offerHoldsToCheck } from '../db/queries/offer-holds.js';
import { orderStatuses, payoutsByIds, platformFacts, saveReport } from '../db/queries/reconciliation.js';
import { escrowHolder } from '../domain/ids.js';
import type { OrderStatus } from '../domain/order.js';
import {
  HOLDING_STATUSES,
  type PlatformFacts,
  type ProviderFacts,
  type ReconciliationReport,
  reconcile,
} from '../domain/reconciliation.js';
import { type PaymentIntent, type ProviderActivity, ProviderRejectedError } from '../payments/provider.js';
import type { ActivityDeps } from './deps.js';

/** An intent as reconciliation compares it. */
export const intentFacts = (i: PaymentIntent) => ({
  id: i.id,
  ...(i.metadata?.orderId && { orderId: i.metadata.orderId }),
  captured: i.amountCaptured,
  refunded: i.amountRefunded,
  disputed: i.amountDisputed ?? 0,
  ...(i.status === 'authorized' && { held: i.amount }),
});

/** The provider's side of a period: its intents and transfers (the kit's reconciliation uses it too). */
export function providerFactsOf(activity: ProviderActivity): ProviderFacts {
  return {
    intents: activity.intents.map(intentFacts),
    transfers: activity.transfers.map((t) => ({
      id: t.id,
      ...(t.metadata?.payoutId && { payoutId: t.metadata.payoutId }),
      amount: t.amount,
      status: t.status,
    })),
  };
}

/** A report's counts: what each side held and how many mismatches. */
export function reportCounts(
  ours: PlatformFacts,
  theirs: ProviderFacts,
  activity: ProviderActivity,
  mismatches: number,
): Record<string, number> {
  return {
    orders: ours.orders.length,
    providerIntents: theirs.intents.length,
    providerRefunds: activity.refunds.length,
    providerDisputes: activity.disputes?.length ?? 0,
    providerTransfers: theirs.transfers.length,
    payouts: ours.payouts.length,
    escrowsChecked: ours.escrows?.length ?? 0,
    offerHoldsChecked: ours.offerHolds?.length ?? 0,
    mismatches,
  };
}

/**
 * Gathers both sides for a period and compares them; used by the activity and `npm run ledger:check`.
 * With `temporal`, the orders holding money are checked to have a running workflow.
 */
export async function compareWithProvider(
  { db, payments, temporal }: Pick<ActivityDeps, 'db' | 'payments' | 'temporal'>,
  period: { from: Date; to: Date },
) {
  const activity = await payments.listActivity(period);
  // What the provider did in the period names orders too: a refund or chargeback of an older payment.
  const ours = await platformFacts(db, period, [
    ...activity.intents.filter((i) => i.metadata?.orderId).map((i) => i.id),
    ...activity.refunds.map((r) => r.intentId).filter(Boolean),
    ...(activity.disputes ?? []).map((d) => d.intentId).filter(Boolean),
  ]);
  if (temporal) ours.escrows = await withWorkflowStates(db, temporal, ours.escrows ?? []);
  ours.offerHolds = await offerHoldsToCheck(
    db,
    new Date(period.to.getTime() - HOLD_LIFETIME_MS),
    activity.intents.flatMap((i) =>
      i.metadata?.offerId ? [{ intentId: i.id, offerId: i.metadata.offerId }] : [],
    ),
  );
  const theirs = providerFactsOf(activity);
  // Our orders' and ended offers' intents the provider listed under another period: ask for each directly.
  const listed = new Set(theirs.intents.map((i) => i.id));
  const unlisted = new Set(
    [...ours.orders.map((o) => o.intentId), ...ours.offerHolds.map((h) => h.intentId)].filter(
      (id) => !listed.has(id),
    ),
  );
  for (const intentId of unlisted) {
    try {
      theirs.intents.push(intentFacts(await payments.getIntent(intentId)));
    } catch (err) {
      if (!(err instanceof ProviderRejectedError && err.status === 404)) throw err;
    }
  }
  // Transfers of payouts created before the period.
  const known = new Set(ours.payouts.map((p) => p.payoutId));
  const older = await payoutsByIds(
    db,
    theirs.transfers.flatMap((t) => (t.payoutId && !known.has(t.payoutId) ? [t.payoutId] : [])),
  );
  ours.payouts.push(
    ...older.map((p) => ({ payoutId: p.id, transferId: null, amount: Number(p.amount), status: p.status })),
  );
  const mismatches = reconcile(ours, theirs);
  return { counts: reportCounts(ours, theirs, activity, mismatches.length), mismatches };
}

type Escrows = NonNullable<PlatformFacts['escrows']>;

/**
 * How the workflow of each order holding money stands (`order-<id>` holds its escrow). A workflow
 * found closed is checked against the order's status read again: an order that moved on meanwhile
 * (its workflow completed it) is left to the next run.
 */
async function withWorkflowStates(db: Db, temporal: Client, escrows: Escrows): Promise<Escrows> {
  const holding = escrows.filter((e) => HOLDING_STATUSES.includes(e.status as OrderStatus));
  const states = new Map<string, string>();
  for (let i = 0; i < holding.length; i += DESCRIBE_BATCH) {
    await Promise.all(
      holding.slice(i, i + DESCRIBE_BATCH).map(async (e) => {
        states.set(e.orderId, await workflowState(temporal, escrowHolder(e)));
      }),
    );
  }
  const closed = [...states].filter(([, state]) => state !== 'RUNNING').map(([orderId]) => orderId);
  const now = await orderStatuses(db, closed);
  return escrows.flatMap((e) => {
    const state = states.get(e.orderId);
    if (state === undefined) return [e];
    // Moved on while we asked (its escrow read before is stale): the next run sees it as it is.
    if (state !== 'RUNNING' && now.get(e.orderId) !== e.status) return [];
    return [{ ...e, workflow: state }];
  });
}

/** Workflows described at once. */
const DESCRIBE_BATCH = 10;

async function workflowState(temporal: Client, workflowId: string): Promise<string> {
  try {
    return (await temporal.workflow.getHandle(workflowId).describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'NOT_FOUND';
    throw err;
  }
}

export function createReconciliationActivities({ db, payments, metrics, temporal }: ActivityDeps) {
  return {
    /** Compares one period and stores the report under `reportId` (a retry stores it once). */
    async reconcilePeriod(input: {
      reportId: string;
      from: string;
      to: string;
    }): Promise<ReconciliationReport> {
      const period = { from: new Date(input.from), to: new Date(input.to) };
      const { counts, mismatches } = await compareWithProvider({ db, payments, temporal }, period);
      const saved = await saveReport(db, {
        id: input.reportId,
        periodStart: period.from,
        periodEnd: period.to,
        counts,
        mismatches,
      });
      if (saved && mismatches.length > 0) {
        metrics?.ledgerCheckFailed();
        metrics?.reconciliationMismatches(mismatches.map((m) => m.kind));
      }
      return {
        reportId: input.reportId,
        periodStart: input.from,
        periodEnd: input.to,
        status: mismatches.length ? 'mismatches' : 'clean',
        counts,
        mismatches,
      };
    },
  };
}
