/**
 * Backlog gauges on the API's registry, read from PostgreSQL when Prometheus scrapes (no timer): how
 * many notification outbox rows and seller webhook deliveries are owed, and how old the oldest is.
 * Every API replica serves the same values; rules take `max` across them. A failed read drops the
 * series for that scrape rather than serve stale numbers.
 */
import { Gauge, type Registry } from 'prom-client';
import type { Backlog } from '../db/queries/backlog.js';

export interface Backlogs {
  outbox: Backlog;
  sellerWebhooks: Backlog;
}

export const BACKLOG_METRIC_NAMES = {
  pending: 'escrowflow_backlog_pending',
  oldestAge: 'escrowflow_backlog_oldest_age_seconds',
} as const;

/** The `backlog` label of each. */
const LABELS: Record<keyof Backlogs, string> = { outbox: 'outbox', sellerWebhooks: 'seller_webhooks' };

export function registerBacklogGauges(
  registry: Registry,
  read: () => Promise<Backlogs>,
  log: { warn(obj: object, msg: string): void },
): void {
  // Both gauges are collected in the same scrape: they share one read.
  let inflight: Promise<Backlogs | undefined> | undefined;
  const snapshot = () => {
    inflight ??= read()
      .catch((err: unknown) => {
        log.warn({ err: String(err) }, 'backlog gauges: read failed');
        return undefined;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
  const gauge = (name: string, help: string, value: (b: Backlog) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['backlog'],
      registers: [registry],
      async collect() {
        const now = await snapshot();
        this.reset();
        if (!now) return;
        for (const key of Object.keys(LABELS) as (keyof Backlogs)[]) {
          this.set({ backlog: LABELS[key] }, value(now[key]));
        }
      },
    });
  gauge(
    BACKLOG_METRIC_NAMES.pending,
    'Owed and not yet delivered: notification outbox rows (outbox), seller webhook deliveries (seller_webhooks)',
    (b) => b.pending,
  );
  gauge(
    BACKLOG_METRIC_NAMES.oldestAge,
    'Age in seconds of the oldest owed row of each backlog (0 when none is owed)',
    (b) => b.oldestAgeSeconds,
  );
}
