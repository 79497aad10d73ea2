/**
 * Idempotency keys as a real provider keeps them: a write runs once per key, a repeat with the same
 * parameters gets the first answer (a refusal included), a repeat with other parameters is refused.
 */
import { IdempotencyMismatchError } from '../../payments/provider.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class IdempotencyStore {
  private readonly answers = new Map<string, { fingerprint: string; outcome: Outcome }>();
  /** How many times each key's effect actually ran (1 at most, whatever the retries). */
  readonly effects = new Map<string, number>();

  async once<T>(key: string, params: unknown, perform: () => Promise<T> | T): Promise<T> {
    const fingerprint = JSON.stringify(params);
    const stored = this.answers.get(key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw new IdempotencyMismatchError(key);
      if (stored.outcome.ok) return structuredClone(stored.outcome.value) as T;
      throw stored.outcome.error;
    }
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await perform() };
      this.effects.set(key, (this.effects.get(key) ?? 0) + 1);
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.answers.set(key, { fingerprint, outcome });
    if (outcome.ok) return structuredClone(outcome.value) as T;
    throw outcome.error;
  }
}
