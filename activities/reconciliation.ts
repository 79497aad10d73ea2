import { payoutsByIds, platformFacts, saveReport } from '../db/queries/reconciliation.js';
import { type ProviderFacts, type ReconciliationReport, reconcile } from '../domain/reconciliation.js';
import { type PaymentIntent, ProviderRejectedError } from '../payments/provider.js';
import type { ActivityDeps } from './deps.js';

const intentFacts = (i: PaymentIntent) => ({
  id: i.id,
  ...(i.metadata?.orderId && { orderId: i.metadata.orderId }),
  captured: i.amountCaptured,
  refunded: i.amountRefunded,
  disputed: i.amountDisputed ?? 0,
});

/** Gathers both sides for a period and compares them; used by the activity and `npm run ledger:check`. */
export async function compareWithProvider(
  { db, payments }: Pick<ActivityDeps, 'db' | 'payments'>,
  period: { from: Date; to: Date },
) {
  const activity = await payments.listActivity(period);
  const ours = await platformFacts(
    db,
    period,
    activity.intents.filter((i) => i.metadata?.orderId).map((i) => i.id),
  );
  const theirs: ProviderFacts = {
    intents: activity.intents.map(intentFacts),
    transfers: activity.transfers.map((t) => ({
      id: t.id,
      ...(t.metadata?.payoutId && { payoutId: t.metadata.payoutId }),
      amount: t.amount,
      status: t.status,
    })),
  };
  // Our orders whose intent the provider listed under another period: ask for each directly.
  const listed = new Set(theirs.intents.map((i) => i.id));
  for (const order of ours.orders.filter((o) => !listed.has(o.intentId))) {
    try {
      theirs.intents.push(intentFacts(await payments.getIntent(order.intentId)));
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
  const counts = {
    orders: ours.orders.length,
    providerIntents: theirs.intents.length,
    providerRefunds: activity.refunds.length,
    providerTransfers: theirs.transfers.length,
    payouts: ours.payouts.length,
    mismatches: mismatches.length,
  };
  return { counts, mismatches };
}

export function createReconciliationActivities({ db, payments, metrics }: ActivityDeps) {
  return {
    /** Compares one period and stores the report under `reportId` (a retry stores it once). */
    async reconcilePeriod(input: {
      reportId: string;
      from: string;
      to: string;
    }): Promise<ReconciliationReport> {
      const period = { from: new Date(input.from), to: new Date(input.to) };
      const { counts, mismatches } = await compareWithProvider({ db, payments }, period);
      const saved = await saveReport(db, {
        id: input.reportId,
        periodStart: period.from,
        periodEnd: period.to,
        counts,
        mismatches,
      });
      if (saved && mismatches.length > 0) metrics?.ledgerCheckFailed();
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
