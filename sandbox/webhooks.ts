/** Signed webhook delivery with retries and exponential backoff; duplicates and reordering on demand. */
import { randomUUID } from 'node:crypto';
import { signPayload } from '../payments/webhook-signature.js';
import type { Faults } from './faults.js';

/** A webhook body: the receiver deduplicates by `id` and dispatches on `type`. */
export interface WebhookEvent {
  id: string;
  type: string;
  [field: string]: unknown;
}

export interface WebhookSender {
  send(type: string, object: unknown): void;
  /** Delivers an event already shaped by the caller (its own id and envelope), signed like `send`. */
  post(event: WebhookEvent): void;
  close(): void;
}

export function createWebhookSender(options: {
  url?: string;
  secret: string;
  faults: () => Faults;
  random: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  log?: (msg: string) => void;
}): WebhookSender {
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const later = (ms: number, fn: () => void) => {
    if (closed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  async function deliver(body: string, attempt: number): Promise<void> {
    if (closed || !options.url) return;
    const header = signPayload(options.secret, body, Math.floor(Date.now() / 1000));
    let ok = false;
    try {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'escrowflow-signature': header },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      ok = res.ok;
    } catch {
      ok = false;
    }
    if (!ok && attempt < (options.maxAttempts ?? 8)) {
      later((options.baseDelayMs ?? 500) * 2 ** (attempt - 1), () => void deliver(body, attempt + 1));
    } else if (!ok) {
      options.log?.(`webhook dropped after ${attempt} attempts`);
    }
  }

  function post(event: WebhookEvent) {
    if (!options.url) return;
    const body = JSON.stringify(event);
    const faults = options.faults();
    const delay = faults.outOfOrderWebhooks ? Math.floor(options.random() * 1500) : 0;
    later(delay, () => void deliver(body, 1));
    if (faults.duplicateWebhooks)
      later(delay + 50 + Math.floor(options.random() * 500), () => void deliver(body, 1));
  }

  return {
    send(type, object) {
      post({
        id: `evt_${randomUUID().replaceAll('-', '')}`,
        type,
        created: Math.floor(Date.now() / 1000),
        data: { object },
      });
    },
    post,
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
