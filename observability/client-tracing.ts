/**
 * The Temporal Client's share of tracing: when on, starting a workflow, sending an update or a signal
 * makes a span and carries the trace to the workflow in its headers; when off, nothing is added.
 */
import type { ClientInterceptors } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client/index.js';
import type { Tracing } from './tracing.js';

export function clientInterceptors(tracing: Tracing): ClientInterceptors | undefined {
  return tracing.enabled ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
}
