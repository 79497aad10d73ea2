/**
 * The sandbox payment provider: a separate HTTP service with a card processor's contract (payment
 * intents with manual capture, refunds, transfers to connected accounts, test card tokens,
 * idempotency keys with real semantics, a rate limit, signed webhooks) and injectable faults.
 * `/_sandbox/*` is the test-control surface and exists only here.
 */
import { createHash, randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { isCurrency } from '../domain/money.js';
import { mountSandboxCarrier, type SandboxCarrierOptions } from './carrier.js';
import { type Faults, noFaults, seededRandom } from './faults.js';
import type { Mailbox } from './mailbox.js';
import {
  countEffect,
  type EffectKind,
  type IntentRecord,
  loadState,
  type SandboxState,
  saveState,
  type TransferRecord,
} from './store.js';
import { createWebhookSender } from './webhooks.js';

export interface SandboxOptions {
  apiKey?: string;
  /** The key buyers' browsers use to tokenize cards (it can do nothing else). */
  publishableKey?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  stateFile?: string;
  rateLimitRps?: number;
  seed?: number;
  faults?: Partial<Faults>;
  /** Delay before an asynchronous confirmation or a transfer settles. */
  settleDelayMs?: number;
  /** The SMTP receiver (sandbox/mailbox.ts) whose messages `GET /_sandbox/mail` lists. */
  mailbox?: Pick<Mailbox, 'list'>;
  /** The sandbox carrier under `/carrier/v1` (sandbox/carrier.ts). */
  carrier?: SandboxCarrierOptions;
  log?: (msg: string) => void;
}

/** Test card tokens and what they do. */
const DECLINES: Record<string, string> = {
  pm_card_declined: 'card_declined',
  pm_card_insufficient_funds: 'insufficient_funds',
  pm_card_fraudulent: 'fraudulent',
};
const KNOWN_METHODS = new Set([
  'pm_card_ok',
  'pm_card_requires_confirmation',
  'pm_card_capture_fails',
  // Captures answer SLOW_CAPTURE_MS after they took effect: a cancel or a crash can land in between.
  'pm_card_capture_slow',
  ...Object.keys(DECLINES),
]);
const SLOW_CAPTURE_MS = 1500;

/** Card numbers that tokenize to the behaviour of a test card (Stripe's documented test numbers). */
const TEST_CARD_NUMBERS: Record<string, string> = {
  '4242424242424242': 'pm_card_ok',
  '5555555555554444': 'pm_card_ok',
  '4000000000000002': 'pm_card_declined',
  '4000000000009995': 'pm_card_insufficient_funds',
  '4000002500003155': 'pm_card_requires_confirmation',
};

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = 'invalid_request_error',
  ) {
    super(message);
  }
}

const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 24)}`;

export function createSandboxApp(options: SandboxOptions = {}) {
  const apiKey = options.apiKey ?? 'sk_test_escrowflow';
  const publishableKey = options.publishableKey ?? 'pk_test_escrowflow';
  const state: SandboxState = loadState(options.stateFile);
  let faults: Faults = { ...noFaults(), ...options.faults };
  const random = seededRandom(options.seed ?? 42);
  const settleDelayMs = options.settleDelayMs ?? 1000;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<string>();
  const bucket = { tokens: options.rateLimitRps ?? 200, at: Date.now() };
  const rps = options.rateLimitRps ?? 200;
  const webhooks = createWebhookSender({
    url: options.webhookUrl,
    secret: options.webhookSecret ?? 'whsec_escrowflow_dev',
    faults: () => faults,
    random,
    log: options.log,
  });
  const persist = () => saveState(options.stateFile, state);
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const app = new Hono();

  // ---- test control (sandbox only) ----
  app.get('/_sandbox/healthz', (c) => c.json({ ok: true }));
  // The sandbox carrier: /carrier/v1 and its control endpoint /_sandbox/carrier/events.
  const carrier = mountSandboxCarrier(app, {
    state,
    persist,
    faults: () => faults,
    random,
    options: options.carrier,
    log: options.log,
  });
  // Emails the platform sent, as the sandbox's SMTP receiver got them; `?to=` filters by recipient.
  app.get('/_sandbox/mail', (c) =>
    options.mailbox
      ? c.json(options.mailbox.list(c.req.query('to')))
      : c.json({ error: 'no SMTP receiver: start the sandbox with SANDBOX_SMTP_PORT' }, 404),
  );
  app.get('/_sandbox/effects', (c) => c.json(state.effects));
  app.get('/_sandbox/faults', (c) => c.json(faults));
  app.put('/_sandbox/faults', async (c) => {
    faults = { ...faults, ...((await c.req.json()) as Partial<Faults>) };
    return c.json(faults);
  });
  app.post('/_sandbox/reset', (c) => {
    faults = noFaults();
    return c.json(faults);
  });
  // A cardholder disputes a captured payment with their bank: the money goes back at once and the
  // platform hears of it by webhook (Stripe's charge.dispute.created), as with a real processor.
  app.post('/_sandbox/payment_intents/:id/chargeback', async (c) => {
    const intent = intentOr404(c.req.param('id'));
    const body = (await c.req.json().catch(() => ({}))) as { reason?: string };
    // The bank disputes only what the platform still holds: a refunded payment has nothing to take back.
    const disputable = intent.amount_captured - intent.amount_refunded - (intent.amount_disputed ?? 0);
    if (disputable <= 0)
      return c.json({ error: { type: 'invalid_request_error', code: 'nothing_to_dispute' } }, 409);
    const chargeback = {
      id: newId('dp'),
      payment_intent: intent.id,
      amount: disputable,
      currency: intent.currency,
      reason: body.reason ?? 'fraudulent',
      metadata: intent.metadata,
      created: Math.floor(Date.now() / 1000),
    };
    intent.amount_disputed = (intent.amount_disputed ?? 0) + chargeback.amount;
    persist();
    webhooks.send('charge.dispute.created', chargeback);
    return c.json(chargeback, 201);
  });
  // A transfer held at a test destination `acct_pending…` settles only when told to: the bank takes days,
  // and the platform hears of it by webhook (transfer.paid / transfer.failed), or sees it when polling.
  app.post('/_sandbox/transfers/:id/settle', async (c) => {
    const transfer = state.transfers[c.req.param('id')];
    if (!transfer) throw new ApiError(404, 'resource_missing', 'no such transfer');
    if (transfer.status !== 'pending')
      throw new ApiError(409, 'transfer_settled', `transfer is already ${transfer.status}`);
    const body = (await c.req.json().catch(() => ({}))) as { status?: string; failure_code?: string };
    if (body.status !== 'paid' && body.status !== 'failed')
      throw new ApiError(400, 'parameter_invalid', 'status must be paid or failed');
    settleTransfer(transfer, body.status === 'failed' ? (body.failure_code ?? 'account_closed') : undefined);
    return c.json(transfer);
  });
  app.get('/_sandbox/records', (c) =>
    c.json({
      intents: Object.values(state.intents),
      refunds: Object.values(state.refunds),
      transfers: Object.values(state.transfers),
    }),
  );

  // ---- card tokenization (the buyer's browser, with the publishable key) ----
  // The card number goes from the buyer to the provider only; the platform gets a `pm_…` token.
  app.post('/v1/payment_methods', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${publishableKey}`) {
      return c.json(
        {
          error: {
            type: 'authentication_error',
            code: 'invalid_api_key',
            message: 'use the publishable key',
          },
        },
        401,
      );
    }
    const body = (await c.req.json().catch(() => ({}))) as { card?: Record<string, unknown> };
    const card = body.card ?? {};
    const number = String(card.number ?? '').replace(/[\s-]/g, '');
    const expMonth = Number(card.exp_month);
    const expYear = Number(card.exp_year);
    if (!/^\d{13,19}$/.test(number) || !luhnValid(number))
      throw new ApiError(402, 'incorrect_number', 'the card number is incorrect', 'card_error');
    if (!(expMonth >= 1 && expMonth <= 12) || new Date(expYear, expMonth) <= new Date())
      throw new ApiError(402, 'expired_card', 'the card has expired', 'card_error');
    if (!/^\d{3,4}$/.test(String(card.cvc ?? '')))
      throw new ApiError(402, 'incorrect_cvc', 'the security code is incorrect', 'card_error');
    const method = {
      id: newId('pm'),
      brand: number.startsWith('4') ? 'visa' : number.startsWith('5') ? 'mastercard' : 'unknown',
      last4: number.slice(-4),
      exp_month: expMonth,
      exp_year: expYear,
      behaves_like: TEST_CARD_NUMBERS[number] ?? 'pm_card_ok',
      created: Math.floor(Date.now() / 1000),
    };
    state.paymentMethods ??= {};
    state.paymentMethods[method.id] = method;
    persist();
    const { behaves_like: _, ...visible } = method;
    return c.json({ object: 'payment_method', ...visible }, 201);
  });

  // ---- the provider API ----
  app.use('/v1/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${apiKey}`) {
      return c.json(
        { error: { type: 'authentication_error', code: 'invalid_api_key', message: 'invalid API key' } },
        401,
      );
    }
    const now = Date.now();
    bucket.tokens = Math.min(rps, bucket.tokens + ((now - bucket.at) / 1000) * rps);
    bucket.at = now;
    if (bucket.tokens < 1) {
      c.header('retry-after', '1');
      return c.json(
        { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'too many requests' } },
        429,
      );
    }
    bucket.tokens -= 1;
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.outages.some((o) => now >= o.from && now < o.to)) {
      return c.json(
        { error: { type: 'api_error', code: 'service_unavailable', message: 'provider outage' } },
        503,
      );
    }
    if (c.req.method === 'POST' && random() < faults.errorRate) {
      return c.json({ error: { type: 'api_error', code: 'internal_error', message: 'injected error' } }, 500);
    }
    await next();
  });

  /** Runs a write once per idempotency key; a replay returns the stored response. */
  async function idempotent(
    c: Context,
    kind: EffectKind,
    perform: (body: Record<string, unknown>) => { status: number; body: unknown },
  ) {
    const key = c.req.header('idempotency-key');
    if (!key) throw new ApiError(400, 'idempotency_key_required', 'Idempotency-Key header is required');
    const raw = await c.req.text();
    let body: Record<string, unknown>;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      throw new ApiError(400, 'invalid_json', 'body is not JSON');
    }
    const scoped = `${apiKey}|${key}`;
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
      let result: { status: number; body: unknown };
      try {
        result = perform(body);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status >= 500) throw err;
        result = {
          status: err.status,
          body: { error: { type: err.type, code: err.code, message: err.message } },
        };
      }
      state.idempotency[scoped] = { fingerprint, ...result };
      if (result.status < 300) countEffect(state, kind, key);
      persist();
      if (random() < faults.lostResponseRate) {
        return c.json(
          { error: { type: 'api_error', code: 'bad_gateway', message: 'injected lost response' } },
          502,
        );
      }
      return c.json(result.body as object, result.status as 200);
    } finally {
      inFlight.delete(scoped);
    }
  }

  /** A pending transfer becomes paid, or failed with `failureCode`; the platform gets the webhook. */
  const settleTransfer = (transfer: TransferRecord, failureCode?: string) => {
    transfer.status = failureCode ? 'failed' : 'paid';
    if (failureCode) transfer.failure_code = failureCode;
    persist();
    webhooks.send(failureCode ? 'transfer.failed' : 'transfer.paid', transfer);
  };
  const intentOr404 = (id: string): IntentRecord => {
    const intent = state.intents[id];
    if (!intent) throw new ApiError(404, 'resource_missing', `no payment intent ${id}`);
    return intent;
  };
  const positiveAmount = (v: unknown, field = 'amount'): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
      throw new ApiError(400, 'parameter_invalid', `${field} must be a positive integer`);
    return v;
  };
  const currencyOf = (v: unknown): string => {
    if (typeof v !== 'string' || !isCurrency(v))
      throw new ApiError(400, 'parameter_invalid', 'currency must be a supported ISO-4217 code');
    return v;
  };

  app.post('/v1/payment_intents', (c) =>
    idempotent(c, 'authorize', (body) => {
      const amount = positiveAmount(body.amount);
      const currency = currencyOf(body.currency);
      const token = String(body.payment_method ?? '');
      const method = state.paymentMethods?.[token]?.behaves_like ?? token;
      if (!KNOWN_METHODS.has(method))
        throw new ApiError(400, 'invalid_payment_method', `unknown payment method ${method}`);
      const decline =
        DECLINES[method] ??
        (method === 'pm_card_ok' && random() < faults.declineRate ? 'card_declined' : undefined);
      if (decline) throw new ApiError(402, decline, 'the card was declined', 'card_error');
      const intent: IntentRecord = {
        id: newId('pi'),
        status: method === 'pm_card_requires_confirmation' ? 'requires_confirmation' : 'authorized',
        amount,
        currency,
        amount_captured: 0,
        amount_refunded: 0,
        payment_method: token,
        metadata: (body.metadata as Record<string, string>) ?? {},
        created: Math.floor(Date.now() / 1000),
      };
      state.intents[intent.id] = intent;
      if (intent.status === 'requires_confirmation') {
        later(settleDelayMs, () => {
          intent.status = 'authorized';
          persist();
          webhooks.send('payment_intent.authorized', intent);
        });
      }
      return { status: 200, body: intent };
    }),
  );

  app.get('/v1/payment_intents/:id', (c) => c.json(intentOr404(c.req.param('id'))));

  app.post('/v1/payment_intents/:id/capture', async (c) => {
    const answer = await idempotent(c, 'capture', (body) => {
      const intent = intentOr404(c.req.param('id'));
      if (intent.status === 'captured') return { status: 200, body: intent };
      if (intent.status !== 'authorized')
        throw new ApiError(400, 'payment_intent_unexpected_state', `intent is ${intent.status}`);
      if (intent.payment_method === 'pm_card_capture_fails')
        throw new ApiError(402, 'capture_failed', 'capture was refused', 'card_error');
      const amount = body.amount === undefined ? intent.amount : positiveAmount(body.amount);
      if (amount > intent.amount)
        throw new ApiError(400, 'amount_too_large', 'capture exceeds the authorized amount');
      intent.status = 'captured';
      intent.amount_captured = amount;
      webhooks.send('payment_intent.captured', intent);
      return { status: 200, body: intent };
    });
    // The capture is done; its answer comes late, as over a slow network.
    if (state.intents[c.req.param('id')]?.payment_method === 'pm_card_capture_slow')
      await new Promise((r) => setTimeout(r, SLOW_CAPTURE_MS));
    return answer;
  });

  app.post('/v1/payment_intents/:id/cancel', (c) =>
    idempotent(c, 'void', () => {
      const intent = intentOr404(c.req.param('id'));
      if (intent.status === 'captured')
        throw new ApiError(
          400,
          'payment_intent_unexpected_state',
          'a captured intent cannot be voided: refund it',
        );
      intent.status = 'voided';
      webhooks.send('payment_intent.canceled', intent);
      return { status: 200, body: intent };
    }),
  );

  app.post('/v1/refunds', (c) =>
    idempotent(c, 'refund', (body) => {
      const intent = intentOr404(String(body.payment_intent ?? ''));
      const amount = positiveAmount(body.amount);
      if (intent.status !== 'captured')
        throw new ApiError(400, 'payment_intent_unexpected_state', `intent is ${intent.status}`);
      // As at a real processor, money the cardholder's bank took back cannot be refunded again.
      if (intent.amount_refunded + (intent.amount_disputed ?? 0) + amount > intent.amount_captured)
        throw new ApiError(
          400,
          intent.amount_disputed ? 'charge_disputed' : 'amount_too_large',
          'refunds exceed what the intent still holds',
        );
      intent.amount_refunded += amount;
      const refund = {
        id: newId('re'),
        payment_intent: intent.id,
        amount,
        currency: intent.currency,
        status: 'succeeded' as const,
        created: Math.floor(Date.now() / 1000),
      };
      state.refunds[refund.id] = refund;
      webhooks.send('charge.refunded', refund);
      return { status: 200, body: refund };
    }),
  );

  // Test destinations, like the test cards: `acct_invalid…` is refused at once (400 account_invalid),
  // `acct_fail…` settles as failed (account_closed), `acct_pending…` stays pending until
  // POST /_sandbox/transfers/:id/settle; any other `acct_…` settles as paid after settleDelayMs.
  app.post('/v1/transfers', (c) =>
    idempotent(c, 'transfer', (body) => {
      const amount = positiveAmount(body.amount);
      const currency = currencyOf(body.currency);
      const destination = String(body.destination ?? '');
      if (!/^acct_\w+$/.test(destination))
        throw new ApiError(400, 'parameter_invalid', 'destination must be a connected account id');
      if (destination.startsWith('acct_invalid'))
        throw new ApiError(400, 'account_invalid', `account ${destination} cannot receive transfers`);
      const transfer: TransferRecord = {
        id: newId('tr'),
        destination,
        amount,
        currency,
        status: 'pending',
        metadata: (body.metadata as Record<string, string>) ?? {},
        created: Math.floor(Date.now() / 1000),
      };
      state.transfers[transfer.id] = transfer;
      if (!destination.startsWith('acct_pending'))
        later(settleDelayMs, () =>
          settleTransfer(transfer, destination.startsWith('acct_fail') ? 'account_closed' : undefined),
        );
      return { status: 200, body: transfer };
    }),
  );

  // Stripe-style lists for reconciliation: created[gte]/created[lt] in unix seconds, cursor paging.
  const list = <T extends { id: string; created: number }>(c: Context, records: Record<string, T>) => {
    const gte = Number(c.req.query('created_gte') ?? 0);
    const lt = Number(c.req.query('created_lt') ?? Number.MAX_SAFE_INTEGER);
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 100), 1), 100);
    const after = c.req.query('starting_after');
    const all = Object.values(records)
      .filter((r) => r.created >= gte && r.created < lt)
      .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
    const start = after ? all.findIndex((r) => r.id === after) + 1 : 0;
    const data = all.slice(start, start + limit);
    return c.json({ object: 'list', data, has_more: start + limit < all.length });
  };
  app.get('/v1/payment_intents', (c) => list(c, state.intents));
  app.get('/v1/refunds', (c) => list(c, state.refunds));
  app.get('/v1/transfers', (c) => list(c, state.transfers));

  app.get('/v1/transfers/:id', (c) => {
    const transfer = state.transfers[c.req.param('id')];
    if (!transfer) throw new ApiError(404, 'resource_missing', 'no such transfer');
    return c.json(transfer);
  });

  app.onError((err, c) => {
    if (err instanceof ApiError)
      return c.json({ error: { type: err.type, code: err.code, message: err.message } }, err.status as 400);
    options.log?.(`sandbox error: ${err.message}`);
    return c.json({ error: { type: 'api_error', code: 'internal_error', message: 'internal error' } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { type: 'invalid_request_error', code: 'not_found', message: 'no such endpoint' } }, 404),
  );

  return {
    app,
    state,
    setFaults: (f: Partial<Faults>) => {
      faults = { ...faults, ...f };
    },
    close() {
      webhooks.close();
      carrier.close();
      for (const t of timers) clearTimeout(t);
      persist();
    },
  };
}

/** Starts the sandbox on a port (0 = any free one); for tests and scripts that run it in-process. */
export async function startSandbox(options: SandboxOptions & { port?: number; host?: string } = {}) {
  const sandbox = createSandboxApp(options);
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch: sandbox.app.fetch, hostname: host, port: options.port ?? 0 }, (info) =>
        resolve({ server, port: info.port }),
      );
    },
  );
  return {
    ...sandbox,
    port,
    url: `http://${host}:${port}`,
    async close() {
      sandbox.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
