/**
 * What every inbound webhook (payment provider, carrier) does before it reads the event: checks the
 * `Escrowflow-Signature` header (HMAC-SHA256 over "t.body", timing-safe, 5-minute tolerance, any of
 * the sender's current secrets: its setting is a comma list, `commaList` in config/env.ts), refuses a
 * replay of the same signed delivery, and reads the body as an event PostgreSQL can store. A signed
 * but unreadable body is kept for inspection and acknowledged.
 */
import type { Context } from 'hono';
import type { Db } from '../../../db/client.js';
import { webhookEvents } from '../../../db/schema/index.js';
import { verifySignature } from '../../../payments/webhook-signature.js';
import { holdsUnstorableText } from '../../middleware/storable-text.js';
import { problem } from '../../problem.js';
import type { AppEnv } from '../../types.js';

export const SIGNATURE_HEADER = 'escrowflow-signature';
const TOLERANCE_SEC = 300;

export type SignedDelivery =
  | { ok: true; rawBody: string; timestamp: number }
  | { ok: false; response: Response };

/**
 * The delivery's raw body once its signature verifies with one of `secrets`; else the problem to answer.
 * Each delivery counts once in `escrowflow_webhook_verifications_total{source}`: valid, replayed, or
 * why its signature was refused.
 */
export async function verifiedDelivery(
  c: Context<AppEnv>,
  source: 'payments' | 'carrier',
  secrets: readonly string[],
): Promise<SignedDelivery> {
  const verdict = (result: string) => c.var.metrics.webhookVerifications.inc({ source, result });
  const rawBody = await c.req.text();
  const header = c.req.header(SIGNATURE_HEADER);
  if (!header) {
    verdict('missing_header');
    return { ok: false, response: problem(c, 'validation_failed', `missing ${SIGNATURE_HEADER} header`) };
  }
  const verified = verifySignature({
    secret: secrets,
    header,
    rawBody,
    nowSec: Math.floor(Date.now() / 1000),
    toleranceSec: TOLERANCE_SEC,
  });
  if (!verified.ok) {
    verdict(verified.reason);
    c.var.log.warn({ reason: verified.reason, source }, 'webhook rejected');
    return {
      ok: false,
      response:
        verified.reason === 'malformed_header'
          ? problem(c, 'validation_failed', 'malformed signature header')
          : problem(c, 'unauthorized', `signature rejected: ${verified.reason}`),
    };
  }
  // The same signed delivery seen again is a replay (a sender's own retry is signed anew).
  const fresh = await c.var.deps.redis.set(`webhook:seen:${header}`, '1', 'EX', 600, 'NX');
  if (fresh !== 'OK') {
    verdict('replayed');
    c.var.log.warn({ source }, 'webhook replay rejected');
    return {
      ok: false,
      response: problem(c, 'webhook_replayed', 'this signed delivery was already received'),
    };
  }
  verdict('valid');
  return { ok: true, rawBody, timestamp: verified.timestamp };
}

/** The body as an event with a string `id` and `type`, or undefined when it is not one (or not storable). */
export function readEvent<T extends { id: string; type: string }>(rawBody: string): T | undefined {
  if (holdsUnstorableText(rawBody)) return undefined;
  try {
    const event = JSON.parse(rawBody) as T;
    return typeof event === 'object' &&
      event !== null &&
      typeof event.id === 'string' &&
      event.id.length > 0 &&
      typeof event.type === 'string'
      ? event
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps a signed but unreadable delivery in webhook_events (type `malformed`) and returns its id: the
 * sender is answered 2xx so it does not resend it forever.
 */
export async function storeMalformed(
  db: Db,
  delivery: { idPrefix: string; timestamp: number; rawBody: string },
): Promise<string> {
  const id = `${delivery.idPrefix}_${delivery.timestamp}_${delivery.rawBody.length}`;
  await db
    .insert(webhookEvents)
    // Escapes stay text inside the stored string; only a raw NUL cannot be stored.
    .values({
      id,
      type: 'malformed',
      payload: { raw: delivery.rawBody.slice(0, 10_000).replaceAll('\u0000', '\uFFFD') },
    })
    .onConflictDoNothing();
  return id;
}
