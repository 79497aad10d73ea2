/**
 * The SDK's fetch: retries what is safe and worth retrying — 429 and 503 (after their Retry-After),
 * 409 `idempotency_in_flight` (the first request with this key is still running) and network errors —
 * and nothing else, unless asked to retry every 5xx too. A write is safe to resend because the client
 * gave it an Idempotency-Key before the first attempt (client/index.ts): every attempt carries the same
 * key, so the API acts at most once.
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
  /**
   * Also retry every other 5xx (500, 502, 504 …), not only 503 (default false): for a caller whose
   * writes all carry an Idempotency-Key and that outlasts crashes (the chaos run's load).
   */
  retryServerErrors?: boolean;
  /** Stop retrying when the next wait would end later than this long after the first attempt. */
  deadlineMs?: number;
  /** Told of each retry before its wait: why, and what the attempt got (`503 upstream_unavailable`). */
  onRetry?: (retry: RetryEvent) => void;
}

export type RetryReason = 'network' | '5xx' | '429' | 'in_flight';

export interface RetryEvent {
  reason: RetryReason;
  /** The attempt that is retried (1 = the first). */
  attempt: number;
  /** `<status> <problem code>` of the answer, or the network error's message. */
  outcome: string;
  waitMs: number;
  request: Request;
}

const RETRIED_STATUSES = new Set([429, 503]);

/** Seconds (`120`) or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function problemCode(res: Response): Promise<string | undefined> {
  if (!res.headers.get('content-type')?.includes('json')) return undefined;
  const body = (await res
    .clone()
    .json()
    .catch(() => undefined)) as { code?: unknown } | undefined;
  return typeof body?.code === 'string' ? body.code : undefined;
}

/** Why an answer is worth retrying (undefined: it is not). */
function reasonOf(status: number, code: string | undefined, serverErrors: boolean): RetryReason | undefined {
  if (status === 429) return '429';
  if (RETRIED_STATUSES.has(status) || (serverErrors && status >= 500)) return '5xx';
  if (status === 409 && code === 'idempotency_in_flight') return 'in_flight';
  return undefined;
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
    const deadline = options.deadlineMs === undefined ? Infinity : Date.now() + options.deadlineMs;
    const last = (attempt: number, wait: number) =>
      attempt >= attempts || !safe(req) || Date.now() + wait > deadline;
    for (let attempt = 1; ; attempt++) {
      const backoff = Math.min(max, base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      let res: Response;
      try {
        res = await fetchImpl(req.clone());
      } catch (err) {
        if (req.signal.aborted || last(attempt, backoff)) throw err;
        const outcome = err instanceof Error ? err.message : String(err);
        options.onRetry?.({ reason: 'network', attempt, outcome, waitMs: backoff, request: req });
        await sleep(backoff);
        continue;
      }
      const code = res.status === 409 || res.status >= 429 ? await problemCode(res) : undefined;
      const reason = reasonOf(res.status, code, options.retryServerErrors ?? false);
      if (!reason) return res;
      const wait = Math.min(max, retryAfterMs(res.headers.get('retry-after')) ?? backoff);
      if (last(attempt, wait)) return res;
      options.onRetry?.({
        reason,
        attempt,
        outcome: `${res.status} ${code ?? ''}`.trim(),
        waitMs: wait,
        request: req,
      });
      await res.body?.cancel();
      await sleep(wait);
    }
  };
}
