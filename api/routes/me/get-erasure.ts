/** GET /v1/me/erasure: my erasure while it waits (once done, my tokens are refused). */
import { createRoute } from '@hono/zod-openapi';
import { findErasureOf } from '../../../db/queries/erasures.js';
import { DomainError } from '../../../domain/errors.js';
import { problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { Erasure, erasureJson } from './privacy-shapes.js';

const route = createRoute({
  method: 'get',
  path: '/v1/me/erasure',
  tags: ['privacy'],
  summary: 'My erasure and what it waits for',
  responses: {
    200: { description: 'The erasure', content: { 'application/json': { schema: Erasure } } },
    404: problemResponse('I have not asked for one'),
  },
});

export function registerGetErasure(app: App): void {
  app.openapi(route, async (c) => {
    const row = await findErasureOf(c.var.deps.db, c.var.user.id);
    if (!row) throw new DomainError('not_found', 'no erasure was asked for');
    return c.json(erasureJson(row), 200);
  });
}
