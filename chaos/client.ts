/**
 * The load's HTTP client: bearer tokens per user, and retries that outlast the chaos. A connection
 * error, 5xx, 429 or 409 idempotency_in_flight is retried with backoff under the same
 * Idempotency-Key, so a write that did land is answered from the API's idempotency store.
 */
import { signToken } from '../api/middleware/auth.js';

export type Role = 'buyer' | 'seller' | 'operator';
export type RetryReason = 'network' | '5xx' | '429' | 'in_flight';

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the API, read field by field by the load
  body: any;
  /** Attempts this call took (1 = no retry). */
  attempts: number;
  /** What each retried attempt got, e.g. `500 internal_error`, `409 idempotency_in_flight ×12`. */
  trail: string[];
}

export interface CallOptions {
  user: string;
  role?: Role;
  body?: unknown;
  /** Idempotency-Key of a write; the same one on every retry. */
  key?: string;
  /** Give up after this long (the API may be down or restarting for a while). */
  deadlineMs?: number;
}

export class ApiClient {
  readonly retries: Record<RetryReason, number> = { network: 0, '5xx': 0, '429': 0, in_flight: 0 };
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  get totalRetries(): number {
    return Object.values(this.retries).reduce((a, b) => a + b, 0);
  }

  private token(user: string, role: Role): Promise<string> {
    const id = `${role}:${user}`;
    let token = this.tokens.get(id);
    if (!token) {
      token = signToken(this.secret, { sub: user, role });
      this.tokens.set(id, token);
    }
    return token;
  }

  async call(method: string, path: string, options: CallOptions): Promise<ApiResponse> {
    const deadline = Date.now() + (options.deadlineMs ?? 300_000);
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.token(options.user, options.role ?? 'buyer')}`,
    };
    if (options.key) headers['idempotency-key'] = options.key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const trail: string[] = [];
    for (let attempt = 1; ; attempt++) {
      let reason: RetryReason;
      let waitMs = Math.min(200 * 2 ** (attempt - 1), 5_000);
      let last: string;
      try {
        // A long bound: an update waits for the worker, which may be restarting.
        const res = await fetch(this.baseUrl + path, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {}
        const code = (parsed as { code?: string } | undefined)?.code;
        if (res.status === 429) {
          reason = '429';
          waitMs = Math.max(waitMs, Number(res.headers.get('retry-after') ?? 1) * 1000);
        } else if (res.status >= 500) reason = '5xx';
        else if (res.status === 409 && code === 'idempotency_in_flight') reason = 'in_flight';
        else return { status: res.status, body: parsed, attempts: attempt, trail };
        last = `${res.status} ${code ?? ''}`.trim();
      } catch (err) {
        reason = 'network';
        last = (err as Error).message;
      }
      if (Date.now() + waitMs > deadline) {
        throw new Error(`${method} ${path}: gave up after ${attempt} attempts (last: ${last})`);
      }
      this.retries[reason] += 1;
      note(trail, last);
      await sleep(waitMs * (0.75 + Math.random() / 2));
    }
  }
}

/** Appends an attempt's outcome, folding repeats (`409 idempotency_in_flight ×12`). */
function note(trail: string[], outcome: string): void {
  const previous = trail.at(-1);
  const match = previous && /^(.*?)(?: ×(\d+))?$/.exec(previous);
  if (match && match[1] === outcome) trail[trail.length - 1] = `${outcome} ×${Number(match[2] ?? 1) + 1}`;
  else trail.push(outcome);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
