/**
 * A small in-process OTLP/HTTP receiver for the test stack: the API and worker export their spans to
 * it (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`), and tests read them back with
 * `GET /spans?traceId=<hex>` (or `?name=` to find spans by name). It keeps the newest spans only.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

/** One span as the collector hands it out: OTLP/JSON, flattened, ids in hex. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  service: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code?: number; message?: string };
  attributes: Record<string, unknown>;
}

export interface OtlpCollector {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  url: string;
  spans(filter?: { traceId?: string; name?: string }): CollectedSpan[];
  stop(): Promise<void>;
}

interface OtlpValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        startTimeUnixNano: string;
        endTimeUnixNano: string;
        status?: { code?: number; message?: string };
        attributes?: OtlpAttribute[];
      }>;
    }>;
  }>;
}

const MAX_SPANS = 200_000;

export async function startOtlpCollector(options: { port?: number } = {}): Promise<OtlpCollector> {
  let stored: CollectedSpan[] = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://collector');
      if (req.method === 'POST' && url.pathname === '/v1/traces') {
        if (!(req.headers['content-type'] ?? '').includes('json')) {
          res.writeHead(415, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'only OTLP/HTTP JSON (http/json) is accepted' }));
          return;
        }
        stored.push(...flatten(JSON.parse((await body(req)).toString('utf8')) as OtlpRequest));
        if (stored.length > MAX_SPANS) stored = stored.slice(-MAX_SPANS);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      if (req.method === 'GET' && url.pathname === '/spans') {
        const filter = {
          traceId: url.searchParams.get('traceId') ?? undefined,
          name: url.searchParams.get('name') ?? undefined,
        };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(select(stored, filter)));
        return;
      }
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: (err as Error).message }));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans: (filter = {}) => select(stored, filter),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function select(spans: CollectedSpan[], filter: { traceId?: string; name?: string }): CollectedSpan[] {
  return spans.filter(
    (s) =>
      (!filter.traceId || s.traceId === filter.traceId) && (!filter.name || s.name.includes(filter.name)),
  );
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? promisify(gunzip)(raw) : raw;
}

function flatten(request: OtlpRequest): CollectedSpan[] {
  return (request.resourceSpans ?? []).flatMap((rs) => {
    const resource = attributes(rs.resource?.attributes);
    const service = String(resource['service.name'] ?? 'unknown');
    return (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        ...(s.parentSpanId && { parentSpanId: s.parentSpanId }),
        name: s.name,
        kind: s.kind,
        service,
        startTimeUnixNano: String(s.startTimeUnixNano),
        endTimeUnixNano: String(s.endTimeUnixNano),
        status: s.status ?? {},
        attributes: attributes(s.attributes),
      })),
    );
  });
}

function attributes(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map((a) => [a.key, value(a.value)]));
}

function value(v: OtlpValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(value);
  return undefined;
}
