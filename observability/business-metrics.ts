/**
 * The worker's business counters, made on the Temporal runtime's metric meter so its Prometheus
 * endpoint serves them beside the SDK's own series (custom metrics get no `temporal_` prefix).
 * Each is counted where the effect happens once: a row that really moved, a record newly written.
 * Series with known labels start at 0, so `increase()` sees their first count and alert rules
 * (deploy/monitoring/) find them on a fresh worker.
 */
import { type MetricMeter, noopMetricMeter } from '@temporalio/common';
import { FINAL_STATUSES, ORDER_STATUSES } from '../domain/order.js';
import { MISMATCH_KINDS, type MismatchKind } from '../domain/reconciliation.js';

export interface BusinessMetrics {
  /** An order's row moved to `status` (each status once per order). */
  orderStatusChanged(status: string): void;
  /** An order reached a final status (failed, cancelled, completed, refunded, split). */
  orderFinal(status: string): void;
  /** An order became `paid`, `ms` after it was placed. */
  timeToPaid(ms: number): void;
  /** A provider refund was recorded for the first time. */
  refund(currency: string): void;
  /** A payout reached `paid` or `failed`. */
  payoutFinal(status: string): void;
  /** A reconciliation of ledger, payments and payouts against the provider found mismatches. */
  ledgerCheckFailed(): void;
  /** The mismatches a newly saved reconciliation report holds, one count each. */
  reconciliationMismatches(kinds: readonly MismatchKind[]): void;
}

export const METRIC_NAMES = {
  orderStatusChanges: 'escrowflow_order_status_changes_total',
  ordersFinal: 'escrowflow_orders_final_total',
  // Milliseconds, like the SDK's own latencies on the same endpoint (its default histogram buckets).
  timeToPaid: 'escrowflow_order_time_to_paid_milliseconds',
  refunds: 'escrowflow_refunds_total',
  payouts: 'escrowflow_payouts_total',
  ledgerCheckFailures: 'escrowflow_ledger_check_failures_total',
  reconciliationMismatches: 'escrowflow_reconciliation_mismatches_total',
} as const;

const PAYOUT_FINAL_STATUSES = ['paid', 'failed'] as const;

export function createBusinessMetrics(meter: MetricMeter = noopMetricMeter): BusinessMetrics {
  const statusChanges = meter.createCounter(
    METRIC_NAMES.orderStatusChanges,
    undefined,
    'Order status changes, by the status reached',
  );
  const orders = meter.createCounter(
    METRIC_NAMES.ordersFinal,
    undefined,
    'Orders that reached a final status',
  );
  const timeToPaid = meter.createHistogram(
    METRIC_NAMES.timeToPaid,
    'int',
    undefined,
    'Time from an order being placed to its payment captured (paid), in milliseconds',
  );
  const refunds = meter.createCounter(METRIC_NAMES.refunds, undefined, 'Refunds made at the provider');
  const payouts = meter.createCounter(METRIC_NAMES.payouts, undefined, 'Payouts that reached a final status');
  const ledgerChecks = meter.createCounter(
    METRIC_NAMES.ledgerCheckFailures,
    undefined,
    'Reconciliation runs that found mismatches',
  );
  const mismatches = meter.createCounter(
    METRIC_NAMES.reconciliationMismatches,
    undefined,
    'Mismatches found by reconciliation runs, by kind',
  );
  for (const status of ORDER_STATUSES) statusChanges.add(0, { status });
  for (const status of FINAL_STATUSES) orders.add(0, { status });
  for (const status of PAYOUT_FINAL_STATUSES) payouts.add(0, { status });
  for (const kind of MISMATCH_KINDS) mismatches.add(0, { kind });
  ledgerChecks.add(0);
  return {
    orderStatusChanged: (status) => statusChanges.add(1, { status }),
    orderFinal: (status) => orders.add(1, { status }),
    timeToPaid: (ms) => timeToPaid.record(Math.max(0, Math.round(ms))),
    refund: (currency) => refunds.add(1, { currency }),
    payoutFinal: (status) => payouts.add(1, { status }),
    ledgerCheckFailed: () => ledgerChecks.add(1),
    reconciliationMismatches: (kinds) => {
      for (const kind of kinds) mismatches.add(1, { kind });
    },
  };
}
