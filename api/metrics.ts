/**
 * The API's Prometheus series, on a registry of its own (one per app: tests build several):
 * requests and latency by method, route pattern and status; idempotent replays; webhook verifications;
 * the SSE streams (api/routes/events.ts) and the Redis channels their fan-out holds.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  idempotencyReplays: Counter<'route'>;
  webhookVerifications: Counter<'source' | 'result'>;
  sseStreams: Gauge;
  sseRedisChannels: Gauge;
  sseStreamsClosed: Counter<'reason'>;
}

/** `processMetrics`: also the Node process's CPU, memory, event-loop lag and GC series (the real server). */
export function createApiMetrics(options: { processMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request (until the response starts), by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    idempotencyReplays: new Counter({
      name: 'escrowflow_idempotency_replays_total',
      help: 'Writes answered with the stored first response of their Idempotency-Key',
      labelNames: ['route'],
      registers,
    }),
    webhookVerifications: new Counter({
      name: 'escrowflow_webhook_verifications_total',
      help: 'Signature checks of incoming webhooks, by source and result (valid or the rejection reason)',
      labelNames: ['source', 'result'],
      registers,
    }),
    sseStreams: new Gauge({
      name: 'escrowflow_sse_streams',
      help: 'GET /v1/events streams open on this process',
      registers,
    }),
    sseRedisChannels: new Gauge({
      name: 'escrowflow_sse_redis_channels',
      help: "Redis channels this process's one SSE subscriber holds (one per user with a stream open here)",
      registers,
    }),
    sseStreamsClosed: new Counter({
      name: 'escrowflow_sse_streams_closed_total',
      help: 'SSE streams the API closed for their client to resume with Last-Event-ID, by reason (slow_reader, redis_lost)',
      labelNames: ['reason'],
      registers,
    }),
  };
}
