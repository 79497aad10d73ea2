import { createRoute, z } from '@hono/zod-openapi';
import { findPayout } from '../../../db/queries/payouts.js';
import { DomainError } from '../../../domain/errors.js';
import { Id, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { Payout, payoutJson } from './shape.js';

const route = createRoute({
  method: 'get',
  path: '/v1/payouts/{id}',
  tags: ['payouts'],
  summary: 'Read one of my payouts',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The payout', content: { 'application/json': { schema: Payout } } },
    404: problemResponse('No such payout of yours'),
  },
});

export function registerGetPayout(app: App): void {
  app.openapi(route, async (c) => {
    const row = await findPayout(c.var.deps.db, c.req.valid('param').id);
    const user = c.var.user;
    if (!row || (row.sellerId !== user.id && user.role !== 'operator'))
      throw new DomainError('not_found', 'payout not found');
    return c.json(payoutJson(row), 200);
  });
}
