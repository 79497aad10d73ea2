/**
 * What a log line carries besides its message: the active span's trace and span ids and, inside an
 * activity, its workflow, run, type and order. Used as pino's `mixin`, so call sites stay plain
 * `log.info({ ... }, 'message')`; fields a call passes itself win.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace } from '@opentelemetry/api';

export interface LogFields {
  workflowId?: string;
  runId?: string;
  activityType?: string;
  orderId?: string;
}

const fields = new AsyncLocalStorage<LogFields>();

/** Runs `fn` with `extra` added to every line logged inside it (also across awaits). */
export function withLogFields<T>(extra: LogFields, fn: () => T): T {
  const outer = fields.getStore();
  return fields.run(outer ? { ...outer, ...extra } : extra, fn);
}

/** The pino mixin; a fresh object each call (pino assigns the line's own fields into it). */
export function logMixin(): Record<string, unknown> {
  const store = fields.getStore();
  const span = trace.getActiveSpan()?.spanContext();
  if (!span || !isSpanContextValid(span)) return { ...store };
  return { ...store, traceId: span.traceId, spanId: span.spanId };
}
