/**
 * No card number reaches the platform: cards are tokenized at the provider (the buyer's browser sends
 * the number there and gives us a `pm_…` token). A request body holding a card-number-like value
 * (domain/card-number.ts) is refused with 400 `card_data_refused` before anything logs, stores or
 * hands it to a workflow. Webhooks are exempt: they are the provider's and carriers' signed bodies.
 */
import type { MiddlewareHandler } from 'hono';
import { holdsCardNumber } from '../../domain/card-number.js';
import { problem } from '../problem.js';
import type { AppEnv } from '../types.js';

export function refuseCardData(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith('/v1/webhooks/')) return next();
    const body = await c.req.text();
    if (body && holdsCardNumber(body)) {
      // The log says that, and where; never the value.
      c.var.log.warn({ path: c.req.path }, 'request with card data refused');
      return problem(
        c,
        'card_data_refused',
        'the request holds what looks like a card number; tokenize cards with the payment provider and send the token',
      );
    }
    await next();
  };
}
