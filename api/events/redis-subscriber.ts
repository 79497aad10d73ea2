/** The API process's one Redis connection in subscriber mode, for the SSE fan-out (api/events/fanout.ts). */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Subscriber } from './fanout.js';

/** Its name in Redis's CLIENT LIST: which process holds it, for operators and the e2e test. */
export const subscriberConnectionName = (pid = process.pid) => `escrowflow-sse-${pid}`;

export function connectSubscriber(redis: Redis, log: Logger): Subscriber {
  const subscriber = redis.duplicate({ connectionName: subscriberConnectionName() });
  // ioredis reconnects and resubscribes by itself; without a listener it would print each error.
  subscriber.on('error', (err) => log.warn({ err: err.message }, 'redis subscriber error'));
  return subscriber;
}
