/**
 * The load's HTTP client: the typed SDK (client/) with bearer tokens per user and retries that outlast
 * the chaos. A connection error, any 5xx, 429 or 409 idempotency_in_flight is retried with backoff
 * under the same Idempotency-Key (the SDK gives every write one, or the caller names it), so a write
 * that did land is answered from the API's idempotency store. Retries are counted by reason; a call
 * still failing at its deadline throws.
 */
import { signToken } from '../api/middleware/auth.js';
import { createEscrowflowClient, type EscrowflowClient, type RetryReason } from '../client/index.js';

export type Role = 'buyer' | 'seller' | 'operator';
export type { RetryReason } from '../client/index.js';

/** What one SDK call resolves to (openapi-fetch's `{ data, error, response }`). */
export interface SdkAnswer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export type ApiResponse<A extends SdkAnswer = SdkAnswer> = Pick<A, 'data' | 'error'> & {
  status: number;
  /** The answer's JSON, success or problem, for reading field by field. */
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the API, read field by field by the load
  body: any;
  /** Attempts this call took (1 = no retry). */
  attempts: number;
  /** What each retried attempt got, e.g. `500 internal_error`, `409 idempotency_in_flight ×12`. */
  trail: string[];
};

export interface CallOptions {
  user: string;
  role?: Role;
  /** Give up after this long (the API may be down or restarting for a while). */
  deadlineMs?: number;
}

/** The Idempotency-Key header of a write: the same one on every retry and every rerun of the step. */
export const idempotencyKey = (key: string) => ({ 'idempotency-key': key });

/** An answer the retries would have retried: the SDK returned it because the deadline came. */
function retryable(status: number, error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return status === 429 || status >= 500 || (status === 409 && code === 'idempotency_in_flight');
}

export class ApiClient {
  readonly retries: Record<RetryReason, number> = { network: 0, '5xx': 0, '429': 0, in_flight: 0 };
  private readonly tokens = new Map<string, { token: Promise<string>; until: number }>();

  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    /** The transport under the retries (tests); each attempt is bounded by `attemptTimeoutMs`. */
    private readonly transport: (req: Request, init: RequestInit) => Promise<Response> = (req, init) =>
      fetch(req, init),
    private readonly options: { attemptTimeoutMs?: number; baseDelayMs?: number } = {},
  ) {}

  get totalRetries(): number {
    return Object.values(this.retries).reduce((a, b) => a + b, 0);
  }

  /**
   * A token as if the user had just signed in with a password and a one-time code, so that step-up
   * operations (payouts, a dispute's resolution, reconciliation) pass: renewed every minute, as step-up
   * wants the login recent (STEP_UP_MAX_AGE_S).
   */
  private token(user: string, role: Role): Promise<string> {
    const id = `${role}:${user}`;
    const kept = this.tokens.get(id);
    if (kept && kept.until > Date.now()) return kept.token;
    const login = { amr: ['pwd', 'otp', 'mfa'], authTime: Math.floor(Date.now() / 1000) };
    const token = signToken(this.secret, { sub: user, role, login });
    this.tokens.set(id, { token, until: Date.now() + 60_000 });
    return token;
  }

  /**
   * One call through the SDK as `options.user`, e.g.
   * `api.call({ user }, (sdk) => sdk.GET('/v1/orders/{id}', { params: { path: { id } } }))`.
   */
  async call<A extends SdkAnswer>(
    options: CallOptions,
    request: (sdk: EscrowflowClient) => Promise<A>,
  ): Promise<ApiResponse<A>> {
    const trail: string[] = [];
    let attempts = 0;
    let sent = '';
    const sdk = createEscrowflowClient({
      baseUrl: this.baseUrl,
      token: () => this.token(options.user, options.role ?? 'buyer'),
      retry: {
        attempts: Number.POSITIVE_INFINITY,
        retryServerErrors: true,
        deadlineMs: options.deadlineMs ?? 300_000,
        baseDelayMs: this.options.baseDelayMs ?? 200,
        maxDelayMs: 5_000,
        onRetry: (retry) => {
          this.retries[retry.reason] += 1;
          note(trail, retry.outcome);
        },
      },
      fetch: (req) => {
        attempts += 1;
        sent = `${req.method} ${new URL(req.url).pathname}${new URL(req.url).search}`;
        // A long bound: an update waits for the worker, which may be restarting.
        return this.transport(req, { signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 60_000) });
      },
    });
    let answer: A;
    try {
      answer = await request(sdk);
    } catch (err) {
      throw new Error(`${sent}: gave up after ${attempts} attempts (last: ${(err as Error).message})`);
    }
    const { data, error, response } = answer;
    if (retryable(response.status, error)) {
      const code = (error as { code?: string } | undefined)?.code ?? '';
      throw new Error(
        `${sent}: gave up after ${attempts} attempts (last: ${`${response.status} ${code}`.trim()})`,
      );
    }
    return { status: response.status, data, error, body: data ?? error, attempts, trail };
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
