/** What the sandbox's route modules share: its records, faults, webhooks and the provider's errors. */
import { randomUUID } from 'node:crypto';
import { isCurrency } from '../domain/money.js';
import type { Faults } from './faults.js';
import type { IntentRecord, SandboxState } from './store.js';
import type { WebhookSender } from './webhooks.js';

/** An error answered as the provider answers: `{error: {type, code, message}}` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = 'invalid_request_error',
  ) {
    super(message);
  }
}

export const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 24)}`;

export interface SandboxContext {
  apiKey: string;
  state: SandboxState;
  faults: () => Faults;
  random: () => number;
  webhooks: WebhookSender;
  persist: () => void;
  /** Runs `fn` after `ms`, unless the sandbox closes first. */
  later: (ms: number, fn: () => void) => void;
  /** Delay before an asynchronous confirmation or a transfer settles. */
  settleDelayMs: number;
}

export function intentOr404(state: SandboxState, id: string): IntentRecord {
  const intent = state.intents[id];
  if (!intent) throw new ApiError(404, 'resource_missing', `no payment intent ${id}`);
  return intent;
}

export function positiveAmount(v: unknown, field = 'amount'): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
    throw new ApiError(400, 'parameter_invalid', `${field} must be a positive integer`);
  return v;
}

export function currencyOf(v: unknown): string {
  if (typeof v !== 'string' || !isCurrency(v))
    throw new ApiError(400, 'parameter_invalid', 'currency must be a supported ISO-4217 code');
  return v;
}
