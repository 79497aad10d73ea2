/** The PaymentProvider adapter for the sandbox provider's HTTP API (Stripe-shaped, snake_case). */
import type { Currency } from '../domain/money.js';
import {
  type ConnectedAccount,
  type ConnectedAccountProvider,
  type Dispute,
  IdempotencyMismatchError,
  PaymentDeclinedError,
  type PaymentIntent,
  type PaymentProvider,
  ProviderRejectedError,
  ProviderUnavailableError,
  type Refund,
  type Transfer,
} from './provider.js';

type Json = Record<string, unknown>;

export function createSandboxProvider(options: {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): PaymentProvider & ConnectedAccountProvider {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(
    method: 'GET' | 'POST',
    path: string,
    body?: Json,
    idempotencyKey?: string,
  ): Promise<Json> {
    let res: Response;
    try {
      res = await doFetch(new URL(path, options.baseUrl), {
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
      throw new ProviderUnavailableError(`${method} ${path}: ${(err as Error).message}`);
    }
    const text = await res.text();
    let json: Json = {};
    try {
      json = text ? (JSON.parse(text) as Json) : {};
    } catch {
      if (res.ok) throw new ProviderUnavailableError(`${method} ${path}: unreadable response`);
    }
    if (res.ok) return json;
    const error = (json.error ?? {}) as { code?: string; message?: string };
    const code = error.code ?? `http_${res.status}`;
    if (res.status === 402) throw new PaymentDeclinedError(code);
    if (res.status === 400 && code === 'idempotency_key_reused')
      throw new IdempotencyMismatchError(idempotencyKey ?? '');
    if (res.status === 409 && code === 'idempotency_key_in_use')
      throw new ProviderUnavailableError('idempotency key in use');
    if (res.status === 429 || res.status >= 500) {
      const retryAfter = Number(res.headers.get('retry-after') ?? Number.NaN);
      throw new ProviderUnavailableError(
        `${method} ${path}: ${res.status} ${code}`,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    }
    throw new ProviderRejectedError(res.status, code, error.message ?? `${method} ${path}: ${res.status}`);
  }

  const intent = (j: Json): PaymentIntent => ({
    id: String(j.id),
    status: j.status as PaymentIntent['status'],
    amount: Number(j.amount),
    currency: j.currency as Currency,
    amountCaptured: Number(j.amount_captured ?? 0),
    amountRefunded: Number(j.amount_refunded ?? 0),
    ...(typeof j.amount_disputed === 'number' && { amountDisputed: j.amount_disputed }),
    ...(typeof j.decline_code === 'string' && { declineCode: j.decline_code }),
    ...(typeof j.metadata === 'object' &&
      j.metadata !== null && { metadata: j.metadata as Record<string, string> }),
    ...(typeof j.created === 'number' && { created: j.created }),
  });
  const refund = (j: Json): Refund => ({
    id: String(j.id),
    intentId: String(j.payment_intent),
    amount: Number(j.amount),
    currency: j.currency as Currency,
    status: j.status as Refund['status'],
  });
  const dispute = (j: Json): Dispute => ({
    id: String(j.id),
    intentId: String(j.payment_intent),
    amount: Number(j.amount),
    currency: j.currency as Currency,
  });
  const transfer = (j: Json): Transfer => ({
    id: String(j.id),
    destination: String(j.destination),
    amount: Number(j.amount),
    currency: j.currency as Currency,
    status: j.status as Transfer['status'],
    ...(typeof j.failure_code === 'string' && { failureCode: j.failure_code }),
    ...(typeof j.metadata === 'object' &&
      j.metadata !== null && { metadata: j.metadata as Record<string, string> }),
    ...(typeof j.created === 'number' && { created: j.created }),
  });

  /** Follows `has_more` pages of a list endpoint. */
  async function listAll<T>(
    path: string,
    period: { from: Date; to: Date },
    map: (j: Json) => T,
  ): Promise<T[]> {
    const out: T[] = [];
    let after: string | undefined;
    for (;;) {
      const query = new URLSearchParams({
        created_gte: String(Math.floor(period.from.getTime() / 1000)),
        created_lt: String(Math.ceil(period.to.getTime() / 1000)),
        limit: '100',
        ...(after && { starting_after: after }),
      });
      const page = await call('GET', `${path}?${query}`);
      const data = (page.data as Json[]) ?? [];
      out.push(...data.map(map));
      if (!page.has_more || data.length === 0) return out;
      after = String(data.at(-1)?.id);
    }
  }

  return {
    name: 'sandbox',
    async authorize(req) {
      return intent(
        await call(
          'POST',
          '/v1/payment_intents',
          {
            amount: req.amount,
            currency: req.currency,
            payment_method: req.paymentMethod,
            metadata: req.metadata ?? {},
          },
          req.idempotencyKey,
        ),
      );
    },
    async capture(req) {
      return intent(
        await call(
          'POST',
          `/v1/payment_intents/${req.intentId}/capture`,
          req.amount === undefined ? {} : { amount: req.amount },
          req.idempotencyKey,
        ),
      );
    },
    async void(req) {
      return intent(await call('POST', `/v1/payment_intents/${req.intentId}/cancel`, {}, req.idempotencyKey));
    },
    async refund(req) {
      return refund(
        await call(
          'POST',
          '/v1/refunds',
          { payment_intent: req.intentId, amount: req.amount },
          req.idempotencyKey,
        ),
      );
    },
    async getIntent(intentId) {
      return intent(await call('GET', `/v1/payment_intents/${intentId}`));
    },
    async createTransfer(req) {
      return transfer(
        await call(
          'POST',
          '/v1/transfers',
          {
            amount: req.amount,
            currency: req.currency,
            destination: req.destination,
            metadata: req.metadata ?? {},
            ...(req.group && { transfer_group: req.group }),
            ...(req.sourceCharge && { source_transaction: req.sourceCharge }),
          },
          req.idempotencyKey,
        ),
      );
    },
    async getTransfer(transferId) {
      return transfer(await call('GET', `/v1/transfers/${transferId}`));
    },
    async listActivity(period) {
      const [intents, refunds, transfers, disputes] = await Promise.all([
        listAll('/v1/payment_intents', period, intent),
        listAll('/v1/refunds', period, refund),
        listAll('/v1/transfers', period, transfer),
        listAll('/v1/disputes', period, dispute),
      ]);
      return { intents, refunds, transfers, disputes };
    },
    ...sandboxConnectedAccounts(call),
  };
}

type Call = (method: 'GET' | 'POST', path: string, body?: Json, idempotencyKey?: string) => Promise<Json>;

const account = (j: Json): ConnectedAccount => {
  const sellerId = (j.metadata as Record<string, unknown> | undefined)?.sellerId;
  return {
    id: String(j.id),
    payoutsEnabled: j.payouts_enabled === true,
    detailsSubmitted: j.details_submitted === true,
    ...(typeof sellerId === 'string' && sellerId && { sellerId }),
  };
};

/** Seller onboarding at the sandbox: connected accounts and their onboarding links (sandbox/accounts.ts). */
function sandboxConnectedAccounts(call: Call): ConnectedAccountProvider {
  return {
    async createAccount(req) {
      return account(
        await call(
          'POST',
          '/v1/accounts',
          {
            type: 'express',
            ...(req.email && { email: req.email }),
            capabilities: { transfers: { requested: true } },
            metadata: { sellerId: req.sellerId },
          },
          req.idempotencyKey,
        ),
      );
    },
    async createOnboardingLink(req) {
      const link = await call('POST', '/v1/account_links', {
        account: req.accountId,
        refresh_url: req.refreshUrl,
        return_url: req.returnUrl,
        type: 'account_onboarding',
      });
      return { url: String(link.url), expiresAt: Number(link.expires_at) };
    },
    async getAccount(accountId) {
      return account(await call('GET', `/v1/accounts/${encodeURIComponent(accountId)}`));
    },
  };
}
