/**
 * Idempotency keys with a real provider's semantics: a write runs once per key; a replay returns the
 * stored response; the same key with other parameters is refused; a key still in flight answers 409.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { ApiError, type SandboxContext } from './context.js';
import { countEffect, type EffectKind } from './store.js';

export type Perform = (body: Record<string, unknown>) => { status: number; body: unknown };

export function createIdempotent(ctx: SandboxContext) {
  const inFlight = new Set<string>();
  const { state } = ctx;

  /** Runs a write once per idempotency key; a replay returns the stored response. */
  return async function idempotent(c: Context, kind: EffectKind, perform: Perform) {
    const key = c.req.header('idempotency-key');
    if (!key) throw new ApiError(400, 'idempotency_key_required', 'Idempotency-Key header is required');
    const raw = await c.req.text();
    let body: Record<string, unknown>;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      throw new ApiError(400, 'invalid_json', 'body is not JSON');
    }
    const scoped = `${ctx.apiKey}|${key}`;
    const fingerprint = createHash('sha256')
      .update(`${c.req.method} ${c.req.path}\n${JSON.stringify(body)}`)
      .digest('hex');
    const stored = state.idempotency[scoped];
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError(
          400,
          'idempotency_key_reused',
          'this key was used with other parameters',
          'idempotency_error',
        );
      }
      c.header('idempotent-replayed', 'true');
      return c.json(stored.body as object, stored.status as 200);
    }
    if (inFlight.has(scoped))
      throw new ApiError(
        409,
        'idempotency_key_in_use',
        'a request with this key is in progress',
        'idempotency_error',
      );
    inFlight.add(scoped);
    try {
      const result = performAsAnswer(perform, body);
      state.idempotency[scoped] = { fingerprint, ...result };
      if (result.status < 300) countEffect(state, kind, key);
      ctx.persist();
      if (ctx.random() < ctx.faults().lostResponseRate) {
        return c.json(
          { error: { type: 'api_error', code: 'bad_gateway', message: 'injected lost response' } },
          502,
        );
      }
      return c.json(result.body as object, result.status as 200);
    } finally {
      inFlight.delete(scoped);
    }
  };
}

/** A refusal (4xx) is an answer stored under the key like a success; a 5xx is not. */
function performAsAnswer(perform: Perform, body: Record<string, unknown>) {
  try {
    return perform(body);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status >= 500) throw err;
    return {
      status: err.status,
      body: { error: { type: err.type, code: err.code, message: err.message } },
    };
  }
}

export type Idempotent = ReturnType<typeof createIdempotent>;
