/**
 * Webhook signatures: `Escrowflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * Shared by the sandbox provider (signing) and the platform's webhook endpoint (verifying).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signPayload(secret: string, rawBody: string, timestampSec: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSec}.${rawBody}`).digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}

export type VerifyResult =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'malformed_header' | 'stale' | 'bad_signature' };

export function verifySignature(params: {
  /** Several during a rotation of the provider's secret: the signature may match any of them. */
  secret: string | readonly string[];
  header: string;
  rawBody: string;
  nowSec: number;
  toleranceSec?: number;
}): VerifyResult {
  const parts = params.header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v!);
  const timestamp = t && /^\d{1,12}$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(timestamp) || signatures.length === 0)
    return { ok: false, reason: 'malformed_header' };
  if (Math.abs(params.nowSec - timestamp) > (params.toleranceSec ?? 300))
    return { ok: false, reason: 'stale' };
  const secrets = typeof params.secret === 'string' ? [params.secret] : params.secret;
  const match = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${params.rawBody}`).digest();
    return signatures.some((s) => {
      const given = Buffer.from(s, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  });
  return match ? { ok: true, timestamp } : { ok: false, reason: 'bad_signature' };
}
