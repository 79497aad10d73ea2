/** POST /v1/ops/orders/{id}/fraud-review: allow or deny a purchase the fraud screen held for review. */
import { createRoute, z } from '@hono/zod-openapi';
import { fraudReviewUpdate } from '../../../workflows/purchase/messages.js';
import { withStepUp } from '../../middleware/step-up.js';
import { Id, IdempotencyHeader, Order, problemResponse } from '../../schemas.js';
import { orderJson } from '../../serializers.js';
import { reviewFraud } from '../../services/ops/fraud-review.js';
import type { App } from '../../types.js';
import { updateIdFor } from '../update-id.js';
import { forbidden, OPS } from './shared.js';

const route = createRoute({
  method: 'post',
  path: `${OPS}/orders/{id}/fraud-review`,
  tags: ['operators'],
  summary: 'Allow or deny a purchase the fraud screen held for review',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: {
      content: {
        'application/json': {
          schema: z
            .object({ decision: z.enum(['allow', 'deny']), note: z.string().trim().max(2000).optional() })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { description: 'Decided', content: { 'application/json': { schema: Order } } },
    404: problemResponse('No such order'),
    409: problemResponse('Not waiting for a fraud review'),
    ...forbidden,
  },
});

export function registerFraudReview(app: App): void {
  app.openapi(withStepUp(route), async (c) => {
    const { decision, note } = c.req.valid('json');
    const order = await reviewFraud(
      c.var.deps,
      c.req.valid('param').id,
      { decision, operatorId: c.var.user.id, ...(note && { note }) },
      updateIdFor(c, fraudReviewUpdate.name),
    );
    return c.json(orderJson(order), 200);
  });
}
