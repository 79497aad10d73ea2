/**
 * The payment provider a deployment runs on: PAYMENTS_PROVIDER=sandbox (our sandbox service) or
 * stripe (Stripe Connect with STRIPE_SECRET_KEY; STRIPE_API_BASE points at stripe-mock in tests).
 * The worker's activities and the API's seller onboarding use the same one.
 */
import type { Env } from '../config/env.js';
import type { ConnectedAccountProvider, PaymentProvider } from './provider.js';
import { createSandboxProvider } from './sandbox-provider.js';
import { createStripeProvider } from './stripe.js';

export type ProviderSettings = Pick<
  Env,
  | 'PAYMENTS_PROVIDER'
  | 'PAYMENTS_BASE_URL'
  | 'PAYMENTS_API_KEY'
  | 'PAYMENTS_TIMEOUT_MS'
  | 'STRIPE_SECRET_KEY'
  | 'STRIPE_API_BASE'
>;

export function createPaymentProvider(
  env: ProviderSettings,
  options: { fetch?: typeof fetch } = {},
): PaymentProvider & ConnectedAccountProvider {
  if (env.PAYMENTS_PROVIDER === 'stripe') {
    if (!env.STRIPE_SECRET_KEY) throw new Error('PAYMENTS_PROVIDER=stripe needs STRIPE_SECRET_KEY');
    return createStripeProvider({
      secretKey: env.STRIPE_SECRET_KEY,
      apiBase: env.STRIPE_API_BASE,
      timeoutMs: env.PAYMENTS_TIMEOUT_MS,
    });
  }
  return createSandboxProvider({
    baseUrl: env.PAYMENTS_BASE_URL,
    apiKey: env.PAYMENTS_API_KEY,
    timeoutMs: env.PAYMENTS_TIMEOUT_MS,
    ...(options.fetch && { fetch: options.fetch }),
  });
}

const perEnv = new WeakMap<object, ConnectedAccountProvider>();

/** The API's onboarding calls: one client per loaded configuration. */
export function connectedAccountsFor(env: ProviderSettings): ConnectedAccountProvider {
  let provider = perEnv.get(env);
  if (!provider) {
    provider = createPaymentProvider(env);
    perEnv.set(env, provider);
  }
  return provider;
}
