/**
 * The SDK's fetch: retries what is safe and worth retrying — 429 and 503 (after their Retry-After),
 * 409 `idempotency_in_flight` (the first request with this key is still running) and network errors —
 * and nothing else. A write is safe to resend because the client gave it an Idempotency-Key before the
 * first attempt (client/index.ts): every attempt carries the same key, so the API acts at most once.
 */

export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** Backoff when the answer names no Retry-After: base · 2^n, jittered (default 200 ms). */
  baseDelayMs?: number;
  /** No wait is longer than this, whatever Retry-After says (default 10 s). */
  maxDelayMs?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
}

const RETRIED_STATUSES = new Set([429, 503]);

/** Seconds (`120`) or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function isInFlight(res: Response): Promise<boolean> {
  if (res.status !== 409) return false;
  const body = (await res
    .clone()
    .json()
    .catch(() => undefined)) as { code?: string } | undefined;
  return body?.code === 'idempotency_in_flight';
}

export function retryingFetch(
  options: RetryOptions = {},
  fetchImpl: (req: Request) => Promise<Response> = (req) => fetch(req),
): (req: Request) => Promise<Response> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // A write without an Idempotency-Key could act twice: only a network error before any answer is
  // not retried for it either, since the request may have arrived.
  const safe = (req: Request) => req.method === 'GET' || req.headers.has('idempotency-key');

  return async (req) => {
    for (let attempt = 1; ; attempt++) {
      const backoff = Math.min(max, base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      let res: Response;
      try {
        res = await fetchImpl(req.clone());
      } catch (err) {
        if (attempt >= attempts || !safe(req) || req.signal.aborted) throw err;
        await sleep(backoff);
        continue;
      }
      const retry = RETRIED_STATUSES.has(res.status) || (await isInFlight(res));
      if (!retry || attempt >= attempts || !safe(req)) return res;
      const wait = retryAfterMs(res.headers.get('retry-after'));
      await res.body?.cancel();
      await sleep(Math.min(max, wait ?? backoff));
    }
  };
}
