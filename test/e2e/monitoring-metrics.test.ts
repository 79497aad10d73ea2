/**
 * Every series the alert rules and the Grafana dashboard of deploy/monitoring/ select is one the
 * running API or worker serves, with the labels they match on. Some only exist once something
 * happened: histograms after a request or task, the SDK's failure counters after a failure. So the
 * test first makes that happen: an order paid then cancelled (a refund), a workflow task that fails
 * (a workflow type no worker has), and a request of the worker's that Temporal refuses (the
 * stale-order sweep describing the workflow of an order that never had one: NOT_FOUND).
 */
import { randomUUID } from 'node:crypto';
import type { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/new-id.js';
import { placeOrderRow } from '../../db/queries/order-placement.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { staleOrderSweepWorkflow } from '../../workflows/stale-order-sweep.js';
import {
  allPanels,
  checkPromQL,
  labelValuesMetric,
  loadDashboard,
  monitoringExpressions,
  type Selector,
} from '../support/monitoring.js';
import { paidOrder } from '../support/orders.js';
import { type Sample, scrape } from '../support/prometheus.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';
import { stackTemporal } from '../support/temporal.js';

/** Made by Prometheus itself for each target, never served by one. */
const SYNTHETIC_SERIES = new Set(['up']);
/** Labels Prometheus attaches to every scraped series (scrape config), not the target's own. */
const TARGET_LABELS = new Set(['job', 'instance']);

/** Every selector of the rules and the dashboard, with the variable queries' metrics. */
function referencedSelectors(): Selector[] {
  const selectors = monitoringExpressions().flatMap(({ expr }) => checkPromQL(expr).selectors);
  const variables = loadDashboard().templating.list.flatMap((v) => {
    const metric =
      v.type === 'query'
        ? labelValuesMetric(typeof v.query === 'string' ? v.query : v.query.query)
        : undefined;
    return metric ? [{ metric, labels: [] }] : [];
  });
  expect(allPanels(loadDashboard()).length).toBeGreaterThan(0);
  return [...selectors, ...variables].filter((s) => !SYNTHETIC_SERIES.has(s.metric));
}

const { db, sql, close } = testDb();
let connection: Connection;
let temporal: Client;
beforeAll(async () => {
  ({ connection, client: temporal } = await stackTemporal());
});
afterAll(async () => {
  await connection?.close();
  await close();
});

/** A paid order, cancelled by its buyer: statuses, time to paid, a refund, a final status. */
async function paidThenCancelled() {
  const { buyer, order } = await paidOrder({ amount: 2_500 });
  expect((await api('POST', `/v1/orders/${order.id}/cancel`, { user: buyer })).status).toBe(200);
  await eventually(
    async () => (await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status === 'cancelled',
  );
}

/** A workflow type no worker registers, on the queue the workers run workflows on: its tasks fail. */
async function failingWorkflowTask() {
  return temporal.workflow.start('monitoringProbeNoSuchWorkflow', {
    workflowId: `monitoring-probe-${randomUUID()}`,
    taskQueue: TASK_QUEUES.orders,
  });
}

/**
 * An order `pending` for two days whose workflow never started: the sweep's activity asks Temporal
 * for `order-<id>` through the worker's client (DescribeWorkflowExecution → NOT_FOUND), then expires it.
 */
async function sweptStaleOrder() {
  const seller = uniqueUser('seller');
  const buyer = uniqueUser('buyer');
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: { title: 'Probe', amount: 1_100, currency: 'EUR', quantity: 1 },
  });
  expect(listing.status).toBe(201);
  expect((await api('GET', '/v1/orders', { user: buyer })).status).toBe(200); // the buyer's users row
  const row = await placeOrderRow(db, {
    id: newId('ord'),
    listingId: listing.body.id,
    buyerId: buyer,
    sellerId: seller,
    quantity: 1,
    amount: 1_100n,
    currency: 'EUR',
    paymentMethod: 'pm_card_ok',
  });
  if (row === 'out_of_stock') throw new Error('planted order found no stock');
  await sql`update orders set created_at = now() - interval '2 days' where id = ${row.id}`;
  const swept = await temporal.workflow.execute(staleOrderSweepWorkflow, {
    workflowId: `stale-order-sweep-monitoring-${randomUUID()}`,
    taskQueue: TASK_QUEUES.orders,
    args: [{ holdMs: 24 * 3600_000 }],
  });
  expect(swept.expired).toContain(row.id);
}

async function scrapeAll(): Promise<Sample[]> {
  const urls = [...stack().apiProcessUrls.map((base) => `${base}/metrics`), ...stack().workerMetricsUrls];
  expect(stack().workerMetricsUrls.length).toBeGreaterThan(0);
  return (await Promise.all(urls.map((url) => scrape(url)))).flat();
}

/** What is missing for each selector: its series, or one of the labels it matches on. */
function missing(selectors: Selector[], samples: Sample[]): string[] {
  const labelsOf = new Map<string, Set<string>>();
  for (const s of samples) {
    const labels = labelsOf.get(s.name) ?? new Set<string>();
    for (const label of Object.keys(s.labels)) labels.add(label);
    labelsOf.set(s.name, labels);
  }
  return selectors.flatMap(({ metric, labels }) => {
    const served = labelsOf.get(metric);
    if (!served) return [metric];
    return labels.filter((l) => !TARGET_LABELS.has(l) && !served.has(l)).map((l) => `${metric}{${l}}`);
  });
}

describe('deploy/monitoring/ against the running stack', () => {
  it('selects only series the API or the worker serves, with the labels it matches on', async () => {
    const selectors = referencedSelectors();
    expect(selectors.length).toBeGreaterThan(20);

    await paidThenCancelled();
    await sweptStaleOrder();
    const probe = await failingWorkflowTask();
    try {
      let samples: Sample[] = [];
      await eventually(async () => {
        samples = await scrapeAll();
        return missing(selectors, samples).length === 0;
      }).catch(() => {
        throw new Error(`not served: ${[...new Set(missing(selectors, samples))].join(', ')}`);
      });

      // The failures the test caused are the ones the alerts' label filters look at.
      const failedTask = samples.find((s) => s.name === 'temporal_workflow_task_execution_failed');
      expect(failedTask?.labels).toMatchObject({
        task_queue: TASK_QUEUES.orders,
        failure_reason: 'WorkflowError',
      });
      const refused = samples.filter((s) => s.name === 'temporal_request_failure');
      expect(refused.map((s) => s.labels)).toContainEqual(
        expect.objectContaining({ operation: 'DescribeWorkflowExecution', status_code: 'NOT_FOUND' }),
      );
      // Backlog gauges carry both backlogs; the worker's business series start at 0.
      const backlogs = samples
        .filter((s) => s.name === 'escrowflow_backlog_pending')
        .map((s) => s.labels.backlog);
      expect(new Set(backlogs)).toEqual(new Set(['outbox', 'seller_webhooks']));
      expect(samples).toContainEqual(
        expect.objectContaining({
          name: 'escrowflow_payouts_total',
          labels: expect.objectContaining({ status: 'failed' }),
          value: 0,
        }),
      );
    } finally {
      await probe.terminate('monitoring test: workflow type no worker has');
    }
  });
});
