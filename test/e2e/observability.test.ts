/**
 * Observability over the real stack, whose API and worker trace into the suite's in-process OTLP
 * collector: a purchase is one trace from `POST /v1/orders` through the workflow start, both
 * workflows, every activity (local ones too) and the provider's HTTP calls; `/metrics` on the API
 * and on the worker carry the named series and move; log lines name request, order, workflow, trace.
 */
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { loadEnv } from '../../config/env.js';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import { signPayload } from '../../payments/webhook-signature.js';
import type { CollectedSpan } from '../../scripts/stack/otlp-collector.js';
import { logLines } from '../support/logs.js';
import { onboardSeller } from '../support/onboarding.js';
import { paidOrder } from '../support/orders.js';
import { names, parsePrometheus, type Sample, scrape, total } from '../support/prometheus.js';
import { type ApiResponse, api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

const SPAN_KIND = { server: 2, client: 3 } as const;
const now = () => Math.floor(Date.now() / 1000);
const webhookSecret = () => stack().env.PAYMENTS_WEBHOOK_SECRET ?? 'whsec_escrowflow_dev';

async function spansOf(traceId: string): Promise<CollectedSpan[]> {
  const res = await fetch(`${stack().otlpUrl}/spans?traceId=${traceId}`);
  return (await res.json()) as CollectedSpan[];
}

/** The trace id the API reports in its W3C `traceresponse` header. */
function traceIdOf(res: ApiResponse): string {
  const header = res.headers.get('traceresponse') ?? '';
  expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  return header.split('-')[1]!;
}

async function buy(options: { amount?: number } = {}) {
  const seller = uniqueUser('seller');
  const buyer = uniqueUser('buyer');
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: { title: 'Camera', amount: options.amount ?? 4_000, currency: 'EUR', quantity: 1 },
  });
  expect(listing.status).toBe(201);
  const created = await api('POST', '/v1/orders?wait=payment', {
    user: buyer,
    body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('paid');
  const orderId = created.body.id as string;
  // The escrow takes updates once its deadlines are set.
  await eventually(
    async () => (await api('GET', `/v1/orders/${orderId}`, { user: buyer })).body.deadlines?.shipBy,
  );
  return { seller, buyer, orderId, created };
}

async function cancel(orderId: string, buyer: string) {
  const res = await api('POST', `/v1/orders/${orderId}/cancel`, { user: buyer });
  expect(res.status).toBe(200);
  await eventually(
    async () => (await api('GET', `/v1/orders/${orderId}`, { user: buyer })).body.status === 'cancelled',
  );
}

describe('tracing', () => {
  it('follows a purchase in one trace: API span, workflow start, workflows, activities and provider calls', async () => {
    const { buyer, orderId, created } = await buy();
    const traceId = traceIdOf(created);
    // Cancelling ends the order's workflow (escrow included), so its RunWorkflow span is exported.
    await cancel(orderId, buyer);
    const spans = await eventually(async () => {
      const found = await spansOf(traceId);
      const names = new Set(found.map((s) => s.name));
      const whole = ['POST /v1/orders', 'RunWorkflow:purchaseWorkflow', 'RunActivity:refundPayment'];
      return whole.every((name) => names.has(name)) && found;
    }, 30_000);

    const named = (name: string) => spans.filter((s) => s.name === name);
    const one = (name: string) => {
      const found = named(name);
      expect(found.map((s) => s.name)).toEqual([name]);
      return found[0]!;
    };
    const childrenOf = (parent: CollectedSpan, name?: string) =>
      spans.filter((s) => s.parentSpanId === parent.spanId && (!name || s.name === name));

    // The API's request is the root; its update-with-start carries the trace into the workflow.
    const server = one('POST /v1/orders');
    expect(server).toMatchObject({ kind: SPAN_KIND.server, service: 'escrowflow-api' });
    expect(server.parentSpanId).toBeUndefined();
    expect(server.attributes).toMatchObject({ 'http.route': '/v1/orders', 'http.response.status_code': 201 });
    const start = one('UpdateWithStartWorkflow:awaitPayment');
    expect(start.parentSpanId).toBe(server.spanId);
    expect(start.attributes.temporalWorkflowId).toBe(`order-${orderId}`);

    const purchase = one('RunWorkflow:purchaseWorkflow');
    expect(purchase).toMatchObject({ parentSpanId: start.spanId, service: 'escrowflow-worker' });

    // Regular activities: scheduled by the workflow, run by the worker, each calling the provider.
    const providerCall = {
      authorizeOrder: 'POST /v1/payment_intents',
      capturePayment: 'POST /v1/payment_intents/{id}/capture',
    };
    for (const [activity, call] of Object.entries(providerCall)) {
      const scheduled = childrenOf(purchase, `StartActivity:${activity}`);
      expect(scheduled, activity).toHaveLength(1);
      const runs = childrenOf(scheduled[0]!, `RunActivity:${activity}`);
      expect(runs.length, activity).toBeGreaterThanOrEqual(1);
      const calls = runs.flatMap((run) => childrenOf(run).filter((s) => s.kind === SPAN_KIND.client));
      expect(calls.map((s) => s.name)).toContain(call);
      const ok = calls.find((s) => s.attributes['http.response.status_code'] === 200);
      expect(ok?.attributes).toMatchObject({
        'http.request.method': 'POST',
        'url.template': call.split(' ')[1],
      });
      expect(String(ok?.attributes['url.full'])).toContain(stack().sandboxUrl);
    }

    // Local activities (the first step, a status change, the one-transaction settlement) are traced the same way.
    for (const local of ['admitOrder', 'setOrderStatus', 'settlePaid']) {
      const runs = childrenOf(purchase, `StartActivity:${local}`).flatMap((s) =>
        childrenOf(s, `RunActivity:${local}`),
      );
      expect(runs.length, local).toBeGreaterThanOrEqual(1);
      expect(runs[0]!.attributes.temporalWorkflowId).toBe(`order-${orderId}`);
    }

    // The escrow runs in the same workflow (one per order): the cancel's refund is the purchase's too.
    expect(named('StartChildWorkflow:escrowWorkflow')).toEqual([]);
    const refund = childrenOf(purchase, 'StartActivity:refundPayment');
    expect(refund).toHaveLength(1);
    expect(childrenOf(refund[0]!, 'RunActivity:refundPayment').length).toBeGreaterThanOrEqual(1);

    // One root, and every other span's parent is in the trace.
    expect(spans.filter((s) => !s.parentSpanId).map((s) => s.name)).toEqual(['POST /v1/orders']);
    const ids = new Set(spans.map((s) => s.spanId));
    expect(spans.filter((s) => !ids.has(s.parentSpanId ?? s.spanId)).map((s) => s.name)).toEqual([]);
  });

  it('continues a trace the caller started (traceparent in)', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await api('GET', '/healthz', {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(200);
    expect(traceIdOf(res)).toBe(traceId);
    const [span] = await eventually(async () => {
      const found = await spansOf(traceId);
      return found.length > 0 && found;
    });
    expect(span).toMatchObject({
      name: 'GET /healthz',
      parentSpanId: '00f067aa0ba902b7',
      kind: SPAN_KIND.server,
    });
  });
});

describe('metrics', () => {
  it('/metrics on the API counts requests by route pattern and status, idempotent replays and webhook verifications', async () => {
    // Each API process counts its own requests (replicas behind a proxy too): read them all.
    const urls = stack().apiProcessUrls.map((base) => `${base}/metrics`);
    const scrapeAll = async () => (await Promise.all(urls.map((url) => scrape(url)))).flat();
    const before = await scrapeAll();
    const seller = uniqueUser('seller');
    const body = { title: 'Kettle', amount: 1_500, currency: 'EUR', quantity: 1 };
    const headers = { 'idempotency-key': `obs-${seller}` };
    const first = await api('POST', '/v1/listings', { user: seller, body, headers });
    expect(first.status).toBe(201);
    const replay = await api('POST', '/v1/listings', { user: seller, body, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await api('GET', `/v1/listings/${first.body.id}`, { user: seller })).status).toBe(200);
    expect((await api('GET', '/no-such-route')).status).toBe(404);

    const event = JSON.stringify({
      id: `evt_${seller}`,
      type: 'account.updated',
      created: now(),
      data: { object: { id: 'acct_1' } },
    });
    const webhook = (secret: string) =>
      api('POST', '/v1/webhooks/payments', {
        rawBody: event,
        headers: { 'escrowflow-signature': signPayload(secret, event, now()) },
      });
    expect((await webhook(webhookSecret())).status).toBe(200);
    expect((await webhook('whsec_attacker')).status).toBe(401);

    const answers = await Promise.all(urls.map((url) => fetch(url)));
    for (const res of answers) expect(res.headers.get('content-type')).toContain('text/plain');
    const text = (await Promise.all(answers.map((res) => res.text()))).join('\n');
    const after = parsePrometheus(text);
    const delta = (name: string, labels: Record<string, string>) =>
      total(after, name, labels) - total(before, name, labels);

    const created = { method: 'POST', route: '/v1/listings', status: '201' };
    expect(delta('http_requests_total', created)).toBeGreaterThanOrEqual(2);
    expect(delta('http_request_duration_seconds_count', created)).toBeGreaterThanOrEqual(2);
    expect(delta('http_request_duration_seconds_bucket', { ...created, le: '+Inf' })).toBeGreaterThanOrEqual(
      2,
    );
    expect(total(after, 'http_request_duration_seconds_sum', created)).toBeGreaterThan(0);
    // Routes are patterns: no series per listing id; requests no route matched share one label.
    expect(
      delta('http_requests_total', { method: 'GET', route: '/v1/listings/:id', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(first.body.id);
    expect(
      delta('http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }),
    ).toBeGreaterThanOrEqual(1);

    expect(delta('escrowflow_idempotency_replays_total', { route: '/v1/listings' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      delta('escrowflow_webhook_verifications_total', { source: 'payments', result: 'valid' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      delta('escrowflow_webhook_verifications_total', { source: 'payments', result: 'bad_signature' }),
    ).toBeGreaterThanOrEqual(1);
    expect(names(after)).toContain('process_cpu_seconds_total');
  });

  it('with METRICS_TOKEN set, /metrics on the API wants that bearer token', async () => {
    const token = 'metrics-token-0123456789';
    const connection = await Connection.connect({ address: stack().env.TEMPORAL_ADDRESS });
    const redis = new Redis(stack().env.REDIS_URL!, { lazyConnect: true });
    const { db, close } = testDb();
    try {
      const app = createApp({
        db,
        redis,
        temporal: new Client({ connection }),
        env: loadEnv({ ...stack().env, METRICS_TOKEN: token }),
        log: pino({ level: 'silent' }),
      });
      expect((await app.request('/metrics')).status).toBe(401);
      expect((await app.request('/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(
        401,
      );
      const scraped = await app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(
        total(parsePrometheus(await scraped.text()), 'http_requests_total', {
          route: '/metrics',
          status: '401',
        }),
      ).toBe(2);
    } finally {
      redis.disconnect();
      await connection.close();
      await close();
    }
  });

  it("/metrics on the worker shows the SDK's series and the business counters moving", async () => {
    const url = stack().workerMetricsUrl;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    // One endpoint per worker process (per-queue topologies run several): counters add up across them.
    const urls = stack().workerMetricsUrls;
    expect(urls[0]).toBe(url);
    const scrapeAll = async () => (await Promise.all(urls.map((u) => scrape(u)))).flat();
    const before = await scrapeAll();

    // A cancellation before shipment: a refund and a `cancelled` final state.
    const cancelled = await buy();
    await cancel(cancelled.orderId, cancelled.buyer);

    // A completed order, paid out to its seller.
    const { seller, buyer, order } = await paidOrder({ amount: 2_000 });
    expect(
      (
        await api('POST', `/v1/orders/${order.id}/ship`, {
          user: seller,
          body: { carrier: 'DHL', trackingNumber: 'JJD0042' },
        })
      ).status,
    ).toBe(200);
    expect((await api('POST', `/v1/orders/${order.id}/confirm-delivery`, { user: buyer })).status).toBe(200);
    await eventually(
      async () => (await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status === 'completed',
    );
    await onboardSeller(seller);
    const payout = await api('POST', '/v1/payouts', {
      user: seller,
      body: { currency: 'EUR' },
      headers: { 'idempotency-key': `payout-${seller}` },
    });
    expect(payout.status).toBe(202);
    await eventually(
      async () =>
        (await api('GET', `/v1/payouts/${payout.body.id}`, { user: seller })).body.status === 'paid',
    );

    // A reconciliation that finds a capture the books do not have.
    const from = new Date(Date.now() - 1000);
    const provider = createSandboxProvider({ baseUrl: stack().sandboxUrl, apiKey: 'sk_test_escrowflow' });
    const stray = await provider.authorize({
      idempotencyKey: `obs-${from.getTime()}-auth`,
      amount: 321,
      currency: 'EUR',
      paymentMethod: 'pm_card_ok',
      metadata: { orderId: 'ord_obs_planted' },
    });
    await provider.capture({ idempotencyKey: `obs-${from.getTime()}-capture`, intentId: stray.id });
    const report = await api('POST', '/v1/ops/reconciliation', {
      user: 'ops_obs',
      role: 'operator',
      body: { from: from.toISOString(), to: new Date(Date.now() + 1000).toISOString() },
    });
    expect(report.body.status).toBe('mismatches');
    // Refunded at once: the planted capture must not show as a difference to suites that check the
    // books afterwards (ledger:check looks back a second).
    await provider.refund({
      idempotencyKey: `obs-${from.getTime()}-refund`,
      intentId: stray.id,
      amount: 321,
    });

    let after: Sample[] = [];
    const delta = (name: string, labels: Record<string, string> = {}) =>
      total(after, name, labels) - total(before, name, labels);
    await eventually(async () => {
      after = await scrapeAll();
      return (
        delta('escrowflow_orders_final_total', { status: 'cancelled' }) >= 1 &&
        delta('escrowflow_orders_final_total', { status: 'completed' }) >= 1 &&
        delta('escrowflow_refunds_total', { currency: 'EUR' }) >= 1 &&
        delta('escrowflow_payouts_total', { status: 'paid' }) >= 1 &&
        delta('escrowflow_ledger_check_failures_total') >= 1
      );
    }).catch((err) => {
      const ours = after.filter((s) => s.name.startsWith('escrowflow_'));
      throw new Error(`${(err as Error).message}; escrowflow series: ${JSON.stringify(ours)}`);
    });

    // The SDK's own series, as the Temporal runtime's Prometheus exporter names them.
    for (const series of [
      'temporal_workflow_completed',
      'temporal_workflow_task_execution_latency_bucket',
      'temporal_activity_execution_latency_bucket',
      'temporal_num_pollers',
    ]) {
      expect(names(after), series).toContain(series);
    }
    expect(
      delta('temporal_workflow_completed', { workflow_type: 'purchaseWorkflow' }),
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('logs', () => {
  it('API and worker lines carry request id, order id, workflow id and trace id', async () => {
    const { orderId, created } = await buy();
    const traceId = traceIdOf(created);
    const requestId = created.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    const request = await eventually(async () =>
      logLines('api').find((l) => l.msg === 'request' && l.orderId === orderId),
    );
    expect(request).toMatchObject({ service: 'api', requestId, traceId, route: '/v1/orders', status: 201 });

    const paid = await eventually(async () =>
      logLines('worker').find(
        (l) => l.msg === 'order status changed' && l.orderId === orderId && l.status === 'paid',
      ),
    );
    expect(paid).toMatchObject({
      service: 'worker',
      workflowId: `order-${orderId}`,
      // The payment ends in one transaction: posting, commit and the paid row (settlePaid).
      activityType: 'settlePaid',
      traceId,
    });
    expect(paid.runId).toEqual(expect.any(String));
    expect(paid.spanId).toEqual(expect.any(String));

    // The Temporal runtime's own lines go through the same logger: JSON with the SDK's fields.
    const sdkLines = logLines('worker').filter((l) => l.sdkComponent !== undefined);
    expect(sdkLines.length).toBeGreaterThan(0);
    expect(sdkLines[0]).toMatchObject({ service: 'worker' });
  });
});
