/**
 * A circuit breaker around a PaymentProvider: after `failureThreshold` consecutive unavailability
 * errors it opens for `cooldownMs`, and calls fail at once (retryable, with the time left as the
 * retry hint) instead of hammering a provider that is down. One trial call goes through after the
 * cooldown (half-open); its success closes the circuit. Business answers (declines, 4xx) are
 * successes from the breaker's point of view: the provider is up.
 */
import { type PaymentProvider, ProviderUnavailableError } from './provider.js';

export interface BreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
  onStateChange?: (state: 'open' | 'closed', reason: string) => void;
}

export function withCircuitBreaker(
  provider: PaymentProvider,
  options: BreakerOptions = {},
): PaymentProvider & {
  readonly state: () => 'closed' | 'open' | 'half_open';
} {
  const threshold = options.failureThreshold ?? 5;
  const cooldownMs = options.cooldownMs ?? 10_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | undefined;
  let trialInFlight = false;

  const state = () =>
    openedAt === undefined ? 'closed' : now() - openedAt >= cooldownMs ? 'half_open' : 'open';

  async function guarded<T>(call: () => Promise<T>): Promise<T> {
    const current = state();
    if (current === 'open' || (current === 'half_open' && trialInFlight)) {
      const left = Math.max(cooldownMs - (now() - (openedAt ?? now())), 100);
      throw new ProviderUnavailableError(
        `payment provider circuit open (${failures} failures in a row)`,
        left,
      );
    }
    const trial = current === 'half_open';
    if (trial) trialInFlight = true;
    try {
      const result = await call();
      if (openedAt !== undefined) options.onStateChange?.('closed', 'a call succeeded');
      failures = 0;
      openedAt = undefined;
      return result;
    } catch (err) {
      if (err instanceof ProviderUnavailableError) {
        failures += 1;
        if (trial || (openedAt === undefined && failures >= threshold)) {
          openedAt = now();
          options.onStateChange?.('open', err.message);
        }
      } else {
        failures = 0;
        openedAt = undefined;
      }
      throw err;
    } finally {
      if (trial) trialInFlight = false;
    }
  }

  return {
    name: provider.name,
    state,
    authorize: (req) => guarded(() => provider.authorize(req)),
    capture: (req) => guarded(() => provider.capture(req)),
    void: (req) => guarded(() => provider.void(req)),
    refund: (req) => guarded(() => provider.refund(req)),
    getIntent: (id) => guarded(() => provider.getIntent(id)),
    createTransfer: (req) => guarded(() => provider.createTransfer(req)),
    getTransfer: (id) => guarded(() => provider.getTransfer(id)),
    listActivity: (period) => guarded(() => provider.listActivity(period)),
  };
}
