/**
 * POST /v1/me/erasure: erase my personal data once nothing of mine is open (docs/privacy.md). Asking
 * again looks again at once; every answer is the erasure's state after that look.
 */
import { createRoute } from '@hono/zod-openapi';
import { IdempotencyHeader } from '../../schemas.js';
import { requestErasureOf } from '../../services/privacy/erasure.js';
import type { App } from '../../types.js';
import { Erasure, erasureJson } from './privacy-shapes.js';

const route = createRoute({
  method: 'post',
  path: '/v1/me/erasure',
  tags: ['privacy'],
  summary:
    'Erase my personal data: `done` at once when nothing of mine is open, else `waiting` for what `waitingFor` lists (it looks again hourly, and whenever I ask again). Financial records stay under my user id; afterwards my tokens get 403 account_erased',
  request: { headers: IdempotencyHeader },
  responses: {
    202: { description: 'The erasure', content: { 'application/json': { schema: Erasure } } },
  },
});

export function registerRequestErasure(app: App): void {
  app.openapi(route, async (c) => {
    const { row, state } = await requestErasureOf(c.var.deps, c.var.user.id);
    return c.json(erasureJson(row, state), 202);
  });
}
