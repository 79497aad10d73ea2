import type { MetricCounter, MetricHistogram, MetricMeter, MetricTags } from '@temporalio/common';
import { noopMetricMeter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { MISMATCH_KINDS } from '../domain/reconciliation.js';
import { createBusinessMetrics, METRIC_NAMES } from './business-metrics.js';

/** A meter that keeps what was added and recorded, keyed like a Prometheus series. */
function recordingMeter() {
  const series = new Map<string, number>();
  const recorded = new Map<string, number[]>();
  const key = (name: string, tags: MetricTags = {}) =>
    `${name}${JSON.stringify(Object.entries(tags).sort())}`;
  const meter: MetricMeter = {
    createGauge: (...args) => noopMetricMeter.createGauge(...args),
    createUpDownCounter: (...args) => noopMetricMeter.createUpDownCounter(...args),
    withTags: () => meter,
    createCounter: (name) =>
      ({
        name,
        kind: 'counter',
        add: (value: number, tags?: MetricTags) =>
          series.set(key(name, tags), (series.get(key(name, tags)) ?? 0) + value),
      }) as unknown as MetricCounter,
    createHistogram: (name) =>
      ({
        name,
        kind: 'histogram',
        record: (value: number) => recorded.set(name, [...(recorded.get(name) ?? []), value]),
      }) as unknown as MetricHistogram,
  };
  return { meter, series, recorded, key };
}

describe('business metrics', () => {
  it('start every known series at 0, so a first count is an increase', () => {
    const { meter, series, key } = recordingMeter();
    createBusinessMetrics(meter);
    expect(series.get(key(METRIC_NAMES.ledgerCheckFailures))).toBe(0);
    expect(series.get(key(METRIC_NAMES.payouts, { status: 'failed' }))).toBe(0);
    expect(series.get(key(METRIC_NAMES.ordersFinal, { status: 'completed' }))).toBe(0);
    expect(series.get(key(METRIC_NAMES.orderStatusChanges, { status: 'paid' }))).toBe(0);
    for (const kind of MISMATCH_KINDS) {
      expect(series.get(key(METRIC_NAMES.reconciliationMismatches, { kind }))).toBe(0);
    }
  });

  it('count status changes, mismatches by kind and time to paid in whole milliseconds', () => {
    const { meter, series, recorded, key } = recordingMeter();
    const metrics = createBusinessMetrics(meter);
    metrics.orderStatusChanged('paid');
    metrics.reconciliationMismatches(['missing_capture', 'missing_capture', 'stranded_escrow']);
    metrics.timeToPaid(1234.6);
    metrics.timeToPaid(-3); // clocks of worker and database a little apart
    expect(series.get(key(METRIC_NAMES.orderStatusChanges, { status: 'paid' }))).toBe(1);
    expect(series.get(key(METRIC_NAMES.reconciliationMismatches, { kind: 'missing_capture' }))).toBe(2);
    expect(series.get(key(METRIC_NAMES.reconciliationMismatches, { kind: 'stranded_escrow' }))).toBe(1);
    expect(recorded.get(METRIC_NAMES.timeToPaid)).toEqual([1235, 0]);
  });
});
