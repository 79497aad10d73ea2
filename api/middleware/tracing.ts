/**
 * A SERVER span per request, continuing the caller's W3C `traceparent` when there is one, named
 * `METHOD /route/:pattern`; everything the request does (queries, workflow starts and updates) runs
 * inside it. The client learns its trace from the `traceresponse` header (W3C Trace Context level 2).
 * With tracing off the tracer is the API's no-op and the request passes straight through.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import { routeLabel } from '../route-label.js';
import type { AppEnv } from '../types.js';

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

export function serverSpan(tracer: Tracer = trace.getTracer('escrowflow-api')): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, c.req.raw.headers, headerGetter);
    const url = new URL(c.req.url);
    const span = tracer.startSpan(
      c.req.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': c.req.method,
          'url.path': url.pathname,
          'url.scheme': url.protocol.replace(':', ''),
          'http.request_id': c.var.requestId,
        },
      },
      parent,
    );
    if (!span.isRecording()) return next();
    const { traceId, spanId, traceFlags } = span.spanContext();
    c.header('traceresponse', `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`);
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const route = routeLabel(c);
      span.updateName(`${c.req.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', c.res.status);
      if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
