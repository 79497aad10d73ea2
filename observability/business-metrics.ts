/**
 * The worker's business counters, made on the Temporal runtime's metric meter so its Prometheus
 * endpoint serves them beside the SDK's own series (custom metrics get no `temporal_` prefix).
 * Each is counted where the effect happens once: a row that really moved, a record newly written.
 */
import { type MetricMeter, noopMetricMeter } from '@temporalio/common';

export interface BusinessMetrics {
  /** An order reached a final status (failed, cancelled, completed, refunded, split). */
  orderFinal(status: string): void;
  /** A provider refund was recorded for the first time. */
  refund(currency: string): void;
  /** A payout reached `paid` or `failed`. */
  payoutFinal(status: string): void;
  /** A reconciliation of ledger, payments and payouts against the provider found mismatches. */
  ledgerCheckFailed(): void;
}

export const METRIC_NAMES = {
  ordersFinal: 'escrowflow_orders_final_total',
  refunds: 'escrowflow_refunds_total',
  payouts: 'escrowflow_payouts_total',
  ledgerCheckFailures: 'escrowflow_ledger_check_failures_total',
} as const;

export function createBusinessMetrics(meter: MetricMeter = noopMetricMeter): BusinessMetrics {
  const orders = meter.createCounter(
    METRIC_NAMES.ordersFinal,
    undefined,
    'Orders that reached a final status',
  );
  const refunds = meter.createCounter(METRIC_NAMES.refunds, undefined, 'Refunds made at the provider');
  const payouts = meter.createCounter(METRIC_NAMES.payouts, undefined, 'Payouts that reached a final status');
  const ledgerChecks = meter.createCounter(
    METRIC_NAMES.ledgerCheckFailures,
    undefined,
    'Reconciliation runs that found mismatches',
  );
  return {
    orderFinal: (status) => orders.add(1, { status }),
    refund: (currency) => refunds.add(1, { currency }),
    payoutFinal: (status) => payouts.add(1, { status }),
    ledgerCheckFailed: () => ledgerChecks.add(1),
  };
}
