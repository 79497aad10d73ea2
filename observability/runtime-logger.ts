/**
 * The Temporal runtime's logger on top of the process's pino logger, so SDK, workflow (`log` from
 * @temporalio/workflow) and activity context log lines are JSON lines like the rest. The SDK's
 * OpenTelemetry interceptors name the trace `trace_id` / `span_id`; they are renamed to the
 * `traceId` / `spanId` every other line uses.
 */
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from 'pino';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

export function temporalLogger(log: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    log[LEVELS[level] ?? 'info'](normalize(meta), message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

function normalize(meta: LogMetadata | undefined): Record<string, unknown> {
  if (!meta) return {};
  if (!('trace_id' in meta)) return { ...meta };
  const { trace_id, span_id, trace_flags: _flags, ...rest } = meta;
  return { ...rest, traceId: trace_id, spanId: span_id };
}
