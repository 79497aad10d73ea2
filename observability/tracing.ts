/**
 * OpenTelemetry tracing for one process: off unless the standard OTEL_* variables ask for it (an OTLP
 * endpoint, or OTEL_TRACES_EXPORTER), so a default run registers nothing and every tracer stays the
 * API's no-op. When on, the Node SDK gets one span processor that is also handed to the Temporal
 * worker's workflow span sink, so spans made inside the workflow sandbox leave by the same exporter.
 *
 * The exporter speaks OTLP/HTTP with JSON bodies. The endpoint, the batch delay and the on/off
 * decision come from the parsed config (config/env.ts); the SDK reads the other standard variables
 * itself (OTEL_EXPORTER_OTLP_HEADERS / _TIMEOUT, other OTEL_BSP_*, OTEL_TRACES_SAMPLER,
 * OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES).
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  detectResourcesSync,
  envDetectorSync,
  hostDetectorSync,
  processDetectorSync,
  Resource,
} from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Env } from '../config/env.js';

export type TracingEnv = Pick<
  Env,
  | 'OTEL_SDK_DISABLED'
  | 'OTEL_TRACES_EXPORTER'
  | 'OTEL_EXPORTER_OTLP_ENDPOINT'
  | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
  | 'OTEL_BSP_SCHEDULE_DELAY'
  | 'OTEL_SERVICE_NAME'
>;

export type Tracing =
  | { enabled: false; shutdown(): Promise<void> }
  | {
      enabled: true;
      /** What every span of this process is handed to (the workflow sink uses it too). */
      spanProcessor: SpanProcessor;
      resource: Resource;
      shutdown(): Promise<void>;
    };

/** The exporters the environment asks for; empty means tracing stays off. */
export function tracesExporters(env: TracingEnv): Array<'otlp' | 'console'> {
  if (env.OTEL_SDK_DISABLED) return [];
  const named = env.OTEL_TRACES_EXPORTER;
  if (named?.length) return named.includes('none') ? [] : named.filter((n) => n !== 'none');
  return env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? ['otlp'] : [];
}

/** Starts the SDK when the environment asks for tracing; `serviceName` unless OTEL_SERVICE_NAME says otherwise. */
export function startTracing(env: TracingEnv, serviceName: string): Tracing {
  const exporters = tracesExporters(env);
  if (exporters.length === 0) return { enabled: false, shutdown: async () => {} };

  const resource = new Resource({ 'service.name': serviceName })
    .merge(detectResourcesSync({ detectors: [envDetectorSync, processDetectorSync, hostDetectorSync] }))
    .merge(new Resource(env.OTEL_SERVICE_NAME ? { 'service.name': env.OTEL_SERVICE_NAME } : {}));
  const processors = exporters.map((name) =>
    name === 'console'
      ? new SimpleSpanProcessor(new ConsoleSpanExporter())
      : new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(env) }), {
          ...(env.OTEL_BSP_SCHEDULE_DELAY !== undefined && {
            scheduledDelayMillis: env.OTEL_BSP_SCHEDULE_DELAY,
          }),
        }),
  );
  const spanProcessor = processors.length === 1 ? processors[0]! : fanOut(processors);
  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    spanProcessors: [spanProcessor],
    // Only traces: no OTLP log or metric pipelines (metrics are Prometheus, logs are pino).
    logRecordProcessors: [],
  });
  sdk.start();
  return {
    enabled: true,
    spanProcessor,
    resource,
    shutdown: () => sdk.shutdown().catch(() => {}),
  };
}

/** Where spans go: the traces endpoint as given, or the base endpoint + /v1/traces (the OTLP rule). */
function tracesUrl(env: TracingEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined; // the exporter's default, localhost:4318
  return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}

function fanOut(processors: SpanProcessor[]): SpanProcessor {
  return {
    onStart: (span: Span, context) => {
      for (const p of processors) p.onStart(span, context);
    },
    onEnd: (span: ReadableSpan) => {
      for (const p of processors) p.onEnd(span);
    },
    forceFlush: async () => {
      await Promise.all(processors.map((p) => p.forceFlush()));
    },
    shutdown: async () => {
      await Promise.all(processors.map((p) => p.shutdown()));
    },
  };
}
