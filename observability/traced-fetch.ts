/**
 * A `fetch` that makes a CLIENT span per request and sends the trace on in a W3C `traceparent`
 * header, so an outgoing HTTP call (the payment provider's) sits in the trace of the activity that
 * made it. Span names follow the HTTP conventions: `METHOD /path/{id}` with id-like segments folded.
 */
import { context, propagation, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';

export function tracedFetch(
  base: typeof fetch = fetch,
  tracer: Tracer = trace.getTracer('escrowflow-http-client'),
): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request?.url ?? String(input));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const template = urlTemplate(url.pathname);
    return tracer.startActiveSpan(
      `${method} ${template}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'url.full': url.href,
          'url.template': template,
          'server.address': url.hostname,
          ...(url.port && { 'server.port': Number(url.port) }),
        },
      },
      async (span) => {
        const headers = new Headers(init?.headers ?? request?.headers);
        propagation.inject(context.active(), headers, { set: (h, k, v) => h.set(k, v) });
        try {
          const res = await base(input, { ...init, headers });
          span.setAttribute('http.response.status_code', res.status);
          if (res.status >= 400) {
            span.setAttribute('error.type', String(res.status));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          return res;
        } catch (err) {
          span.setAttribute('error.type', (err as Error).name ?? 'Error');
          span.recordException(err as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
          throw err;
        } finally {
          span.end();
        }
      },
    );
  };
}

/** `/v1/payment_intents/pi_3xk9/capture` → `/v1/payment_intents/{id}/capture`: segments holding a digit are ids. */
export function urlTemplate(pathname: string): string {
  return pathname
    .split('/')
    .map((segment, i) => (i > 1 && /\d/.test(segment) ? '{id}' : segment))
    .join('/');
}
