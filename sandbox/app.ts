/**
 * The sandbox payment provider: a separate HTTP service with a card processor's contract (payment
 * intents with manual capture, refunds, transfers to connected accounts, test card tokens,
 * connected accounts with onboarding, idempotency keys with real semantics, a rate limit, signed
 * webhooks) and injectable faults.
 * `/_sandbox/*` is the test-control surface and exists only here. Each area is a module of its own;
 * this one wires them in the order Hono must see them.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { mountAccounts } from './accounts.js';
import { mountTokenization } from './cards.js';
import { mountSandboxCarrier, type SandboxCarrierOptions } from './carrier.js';
import { ApiError, type SandboxContext } from './context.js';
import { mountControl } from './control.js';
import { type Faults, noFaults, seededRandom } from './faults.js';
import { mountApiGuard } from './guard.js';
import { createIdempotent } from './idempotency.js';
import { mountIntents } from './intents.js';
import { mountLists } from './lists.js';
import type { Mailbox } from './mailbox.js';
import { loadState, saveState } from './store.js';
import { mountTransfers } from './transfers.js';
import { createWebhookSender } from './webhooks.js';

export { luhnValid } from './cards.js';

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

export function createSandboxApp(options: SandboxOptions = {}) {
  let faults: Faults = { ...noFaults(), ...options.faults };
  const random = seededRandom(options.seed ?? 42);
  const timers = new Set<NodeJS.Timeout>();
  const state = loadState(options.stateFile);
  const ctx: SandboxContext = {
    apiKey: options.apiKey ?? 'sk_test_escrowflow',
    state,
    faults: () => faults,
    random,
    webhooks: createWebhookSender({
      url: options.webhookUrl,
      secret: options.webhookSecret ?? 'whsec_escrowflow_dev',
      faults: () => faults,
      random,
      log: options.log,
    }),
    persist: () => saveState(options.stateFile, state),
    later: (ms, fn) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    },
    settleDelayMs: options.settleDelayMs ?? 1000,
  };
  const setFaults = (f: Partial<Faults>) => {
    faults = { ...faults, ...f };
    return faults;
  };

  const app = new Hono();
  app.get('/_sandbox/healthz', (c) => c.json({ ok: true }));
  // The sandbox carrier: /carrier/v1 and its control endpoint /_sandbox/carrier/events.
  const carrier = mountSandboxCarrier(app, {
    state,
    persist: ctx.persist,
    faults: ctx.faults,
    random,
    options: options.carrier,
    log: options.log,
  });
  const resetFaults = () => {
    faults = noFaults();
    return faults;
  };
  mountControl(app, ctx, { set: setFaults, reset: resetFaults }, options.mailbox);
  // Tokenization takes the publishable key, so it comes before the secret-key guard of /v1/*.
  mountTokenization(app, ctx, options.publishableKey ?? 'pk_test_escrowflow');
  mountApiGuard(app, ctx, options.rateLimitRps ?? 200);
  const idempotent = createIdempotent(ctx);
  mountIntents(app, ctx, idempotent);
  mountTransfers(app, ctx, idempotent);
  mountAccounts(app, ctx, idempotent);
  mountLists(app, ctx);

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
      setFaults(f);
    },
    close() {
      ctx.webhooks.close();
      carrier.close();
      for (const t of timers) clearTimeout(t);
      ctx.persist();
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
