/**
 * Tracing is off unless the OTEL_* variables ask for it; when on, spans leave over OTLP/HTTP JSON
 * (here to the test stack's real in-process collector) and an outgoing HTTP call made through
 * `tracedFetch` is a CLIENT span whose trace the server receives in `traceparent`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { envSchema } from '../config/env.js';
import { startOtlpCollector } from '../scripts/stack/otlp-collector.js';
import { tracedFetch, urlTemplate } from './traced-fetch.js';
import { startTracing, tracesExporters } from './tracing.js';

const env = (vars: Record<string, string>) => envSchema.parse(vars);

describe('when tracing is on', () => {
  it('is off by default, on with an OTLP endpoint or a named exporter, off again when disabled', () => {
    expect(tracesExporters(env({}))).toEqual([]);
    expect(tracesExporters(env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }))).toEqual(['otlp']);
    expect(tracesExporters(env({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }))).toEqual([
      'otlp',
    ]);
    expect(tracesExporters(env({ OTEL_TRACES_EXPORTER: 'console,otlp' }))).toEqual(['console', 'otlp']);
    expect(
      tracesExporters(env({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })),
    ).toEqual([]);
    expect(
      tracesExporters(env({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })),
    ).toEqual([]);
    expect(envSchema.safeParse({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).success).toBe(false);
    expect(envSchema.safeParse({ OTEL_TRACES_EXPORTER: 'jaeger' }).success).toBe(false);
  });

  it('registers nothing when off: spans are the no-op API', () => {
    const tracing = startTracing(env({}), 'test');
    expect(tracing.enabled).toBe(false);
    const span = trace.getTracer('t').startSpan('x');
    expect(span.isRecording()).toBe(false);
    span.end();
  });
});

describe('exporting spans', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('sends a CLIENT span per outgoing call, with the trace in its traceparent header', async () => {
    const collector = await startOtlpCollector();
    closers.push(collector.stop);
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.traceparent as string | undefined);
      res.writeHead(req.url?.startsWith('/v1/missing') ? 404 : 200).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const tracing = startTracing(
      env({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }),
      'escrowflow-test',
    );
    expect(tracing.enabled).toBe(true);
    const fetchTraced = tracedFetch();
    const traceId = await trace.getTracer('test').startActiveSpan('parent', async (parent) => {
      await fetchTraced(`${base}/v1/payment_intents/pi_123abc/capture`, { method: 'POST', body: '{}' });
      await fetchTraced(new URL(`${base}/v1/missing`));
      parent.end();
      return parent.spanContext().traceId;
    });
    await tracing.shutdown(); // flushes the batch

    const spans = collector.spans({ traceId });
    const parent = spans.find((s) => s.name === 'parent')!;
    const capture = spans.find((s) => s.name === 'POST /v1/payment_intents/{id}/capture')!;
    const missing = spans.find((s) => s.name === 'GET /v1/missing')!;
    expect(capture).toMatchObject({ kind: 3, parentSpanId: parent.spanId, service: 'escrowflow-test' });
    expect(capture.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'url.full': `${base}/v1/payment_intents/pi_123abc/capture`,
    });
    expect(missing.attributes['http.response.status_code']).toBe(404);
    expect(missing.status.code).toBe(2); // ERROR
    expect(seen).toEqual([`00-${traceId}-${capture.spanId}-01`, `00-${traceId}-${missing.spanId}-01`]);
  });

  it('folds id-like path segments into {id}', () => {
    expect(urlTemplate('/v1/payment_intents/pi_3xk9/capture')).toBe('/v1/payment_intents/{id}/capture');
    expect(urlTemplate('/v1/refunds')).toBe('/v1/refunds');
  });
});
