import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { findOrder } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import { purchaseWorkflowId } from '../../../domain/ids.js';
import type { CancelPurchaseAnswer } from '../../../domain/purchase.js';
import { cancelUpdate } from '../../../workflows/escrow/messages.js';
import { cancelPurchaseUpdate } from '../../../workflows/purchase/messages.js';
import { Id, IdempotencyHeader, Order, problemResponse } from '../../schemas.js';
import { orderJson } from '../../serializers.js';
import { cancelUnstartedOrder } from '../../services/orders/cancel-unstarted.js';
import type { App, AppEnv } from '../../types.js';
import { updateIdFor } from '../update-id.js';
import { isClosedWorkflow, rejectionOf } from '../update-rejection.js';
import { executeUpdateOnce } from '../workflow-update.js';
import { runEscrowUpdate, visibleOrder } from './escrow-update.js';

const route = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/cancel',
  tags: ['orders'],
  summary: 'Cancel before shipment (buyer or seller): full refund and restock',
  request: { params: z.object({ id: Id }), headers: IdempotencyHeader },
  responses: {
    200: { description: 'Cancelled', content: { 'application/json': { schema: Order } } },
    202: {
      description: 'Payment still in progress: the purchase is being cancelled',
      content: { 'application/json': { schema: Order } },
    },
    403: problemResponse('Not a party of the order'),
    404: problemResponse('No such order'),
    409: problemResponse('Already shipped or final'),
  },
});

/** Asks the purchase to stop; a purchase that has closed answers with its row (paid or failed). */
async function cancelPurchase(
  c: Context<AppEnv>,
  orderId: string,
): Promise<CancelPurchaseAnswer['outcome'] | 'closed'> {
  const handle = c.var.deps.temporal.workflow.getHandle(purchaseWorkflowId({ orderId }));
  try {
    const answer = await executeUpdateOnce(handle, cancelPurchaseUpdate, {
      args: [{ userId: c.var.user.id }],
      updateId: updateIdFor(c, cancelPurchaseUpdate.name),
    });
    return answer.outcome;
  } catch (err) {
    const rejection = rejectionOf(err);
    if (rejection) throw rejection;
    if (isClosedWorkflow(err)) return 'closed';
    throw err;
  }
}

export function registerCancelOrder(app: App): void {
  app.openapi(route, async (c) => {
    const order = await visibleOrder(c, c.req.valid('param').id);
    const user = c.var.user;
    if (order.buyerId !== user.id && order.sellerId !== user.id)
      throw new DomainError('forbidden', 'only the buyer or the seller may cancel');
    if (['pending', 'reserved', 'authorized'].includes(order.status)) {
      // Still paying. Before the capture is sent the purchase stops and compensates (void, release)
      // and fails the order; once it is sent the purchase finishes and the paid order is cancelled below.
      let answer = await cancelPurchase(c, order.id);
      if (answer === 'closed' && order.status === 'pending') {
        // No workflow runs this order (it never started): nothing can be paying, the order ends here.
        const ended = await cancelUnstartedOrder(c.var.deps, order.id, user.id);
        if (ended) return c.json(orderJson(ended), 200);
        answer = await cancelPurchase(c, order.id); // a workflow took it meanwhile: it answers
      }
      if (answer === 'cancelling') return c.json(orderJson(order), 202);
    }
    const current = (await findOrder(c.var.deps.db, order.id))!;
    await runEscrowUpdate(c, current, cancelUpdate, {});
    return c.json(orderJson((await findOrder(c.var.deps.db, order.id))!), 200);
  });
}
