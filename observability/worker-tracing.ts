/**
 * What a worker adds for tracing when it is on: the activity interceptors of
 * @temporalio/interceptors-opentelemetry (a RunActivity span per attempt, local ones too, continuing
 * the workflow's trace; trace ids on the SDK's activity log lines), the workflow interceptor module
 * for the bundle (RunWorkflow / StartActivity / StartChildWorkflow spans inside the sandbox) and the
 * sink that carries those workflow spans out to this process's exporter.
 */
import { createRequire } from 'node:module';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker/index.js';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions.js';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { Tracing } from './tracing.js';

/** The package's workflow interceptors (`interceptors()` export), bundled with the workflows. */
export const otelWorkflowInterceptorsModule = createRequire(import.meta.url).resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

export interface WorkerTracing {
  activityInterceptors: ActivityInterceptorsFactory[];
  workflowInterceptorModules: string[];
  /** The workflow span sink; undefined when tracing is off. */
  sinks?: InjectedSinks<OpenTelemetrySinks>;
}

export function workerTracing(tracing: Tracing): WorkerTracing {
  if (!tracing.enabled) return { activityInterceptors: [], workflowInterceptorModules: [] };
  return {
    activityInterceptors: [
      (ctx) => ({
        inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
        outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
    ],
    workflowInterceptorModules: [otelWorkflowInterceptorsModule],
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
