/** The CarrierProvider adapter for the sandbox carrier's HTTP API (sandbox/carrier.ts, camelCase JSON). */
import {
  isTrackingStatus,
  type Tracking,
  type TrackingEvent,
  type TrackingStatus,
} from '../domain/carrier.js';
import { ProviderRejectedError, ProviderUnavailableError } from '../payments/provider.js';
import type { CarrierProvider } from './provider.js';

type Json = Record<string, unknown>;

export function createSandboxCarrier(options: {
  /** E.g. `http://127.0.0.1:4010/carrier/v1`. */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): CarrierProvider {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(method: 'GET' | 'POST', path: string, body?: Json, idempotencyKey?: string) {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          ...(body && { 'content-type': 'application/json' }),
          ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new ProviderUnavailableError(`carrier ${method} ${path}: ${(err as Error).message}`);
    }
    const text = await res.text();
    let json: Json = {};
    try {
      json = text ? (JSON.parse(text) as Json) : {};
    } catch {
      if (res.ok) throw new ProviderUnavailableError(`carrier ${method} ${path}: unreadable response`);
    }
    if (res.ok) return json;
    const error = (json.error ?? {}) as { code?: string; message?: string };
    const code = error.code ?? `http_${res.status}`;
    if (res.status === 429 || res.status >= 500) {
      const retryAfter = Number(res.headers.get('retry-after') ?? Number.NaN);
      throw new ProviderUnavailableError(
        `carrier ${method} ${path}: ${res.status} ${code}`,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    }
    throw new ProviderRejectedError(
      res.status,
      code,
      error.message ?? `carrier ${method} ${path}: ${res.status}`,
    );
  }

  const status = (v: unknown): TrackingStatus => (isTrackingStatus(v) ? v : 'unknown');
  const tracking = (j: Json): Tracking => ({
    carrier: String(j.carrier),
    trackingNumber: String(j.trackingNumber),
    status: status(j.status),
    ...(typeof j.deliveredAt === 'string' && { deliveredAt: j.deliveredAt }),
    events: (Array.isArray(j.events) ? (j.events as Json[]) : []).map(
      (e): TrackingEvent => ({
        id: String(e.id),
        status: status(e.status),
        occurredAt: String(e.occurredAt),
      }),
    ),
  });
  const parcelPath = (carrier: string, trackingNumber: string) =>
    `/trackers/${encodeURIComponent(carrier)}/${encodeURIComponent(trackingNumber)}`;

  return {
    name: 'sandbox',
    async registerTracker(req) {
      const j = await call(
        'POST',
        '/trackers',
        { carrier: req.carrier, trackingNumber: req.trackingNumber },
        req.idempotencyKey,
      );
      return { trackerId: String(j.id), status: status(j.status) };
    },
    async getTracking(req) {
      return tracking(await call('GET', parcelPath(req.carrier, req.trackingNumber)));
    },
  };
}
