/** The operator API (role `operator` only): cross-user order and dispute lists, timelines, fraud reviews. */
import { createRoute, z } from '@hono/zod-openapi';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Context } from 'hono';
import { listDisputes } from '../../../db/queries/disputes.js';
import { auditOf, auditOnce, listOrdersForOps } from '../../../db/queries/ops.js';
import { findOrder, orderEventsOf } from '../../../db/queries/orders.js';
import { DISPUTE_STATUSES, disputeIdFor } from '../../../domain/dispute.js';
import { DomainError } from '../../../domain/errors.js';
import { disputeWorkflowId, escrowWorkflowId, purchaseWorkflowId } from '../../../domain/ids.js';
import { ORDER_STATUSES } from '../../../domain/order.js';
import { fraudReviewUpdate } from '../../../workflows/purchase/messages.js';
import { Id, IdempotencyHeader, Order, Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursorAfter, orderJson, pageOf } from '../../serializers.js';
import type { App, AppEnv } from '../../types.js';
import { Dispute, disputeJson } from '../disputes/shared.js';
import { updateIdFor } from '../update-id.js';
import { executeUpdateOnce } from '../workflow-update.js';
import { registerReconciliationRoutes } from './reconciliation.js';

const OPS = '/v1/ops';

/** "2d", "36h", "90m", "30s": how long ago, as a cutoff instant. */
const Age = z
  .string()
  .regex(/^\d{1,6}[smhd]$/, 'an age like 30m, 36h or 2d')
  .transform((v) => {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[v.at(-1) as 's' | 'm' | 'h' | 'd'];
    return new Date(Date.now() - Number(v.slice(0, -1)) * unit);
  });

const forbidden = { 403: problemResponse('Operators only') };

const ordersRoute = createRoute({
  method: 'get',
  path: `${OPS}/orders`,
  tags: ['operators'],
  summary: 'All orders, filtered by status, seller, buyer and time since their last change',
  request: {
    query: PageQuery.extend({
      status: z.enum(ORDER_STATUSES).optional(),
      sellerId: z.string().max(128).optional(),
      buyerId: z.string().max(128).optional(),
      olderThan: Age.optional(),
    }),
  },
  responses: {
    200: { description: 'A page of orders', content: { 'application/json': { schema: Page(Order) } } },
    400: problemResponse('Invalid query'),
    ...forbidden,
  },
});

const disputesRoute = createRoute({
  method: 'get',
  path: `${OPS}/disputes`,
  tags: ['operators'],
  summary: 'All disputes, filtered by status, seller, buyer and age',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      status: z.enum(DISPUTE_STATUSES).optional(),
      sellerId: z.string().max(128).optional(),
      buyerId: z.string().max(128).optional(),
      olderThan: Age.optional(),
    }),
  },
  responses: {
    200: {
      description: 'Disputes, newest first',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(Dispute.extend({ buyerId: z.string(), sellerId: z.string() })) }),
        },
      },
    },
    400: problemResponse('Invalid query'),
    ...forbidden,
  },
});

const timelineRoute = createRoute({
  method: 'get',
  path: `${OPS}/orders/{id}/timeline`,
  tags: ['operators'],
  summary: 'An order’s full story: its events, its workflows (status, current details) and operator actions',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: {
      description: 'The timeline',
      content: { 'application/json': { schema: z.object({}).passthrough().openapi('Timeline') } },
    },
    404: problemResponse('No such order'),
    ...forbidden,
  },
});

const fraudReviewRoute = createRoute({
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

export function registerOpsRoutes(app: App): void {
  app.use(`${OPS}/*`, async (c, next) => {
    if (c.var.user.role !== 'operator') throw new DomainError('forbidden', 'operators only');
    await next();
  });

  registerReconciliationRoutes(app);

  app.openapi(ordersRoute, async (c) => {
    const q = c.req.valid('query');
    const before = cursorAfter(q.cursor);
    const rows = await listOrdersForOps(c.var.deps.db, {
      status: q.status,
      sellerId: q.sellerId,
      buyerId: q.buyerId,
      unchangedSince: q.olderThan,
      limit: q.limit + 1,
      before,
    });
    return c.json(pageOf(rows, q.limit, orderJson), 200);
  });

  app.openapi(disputesRoute, async (c) => {
    const q = c.req.valid('query');
    const rows = await listDisputes(c.var.deps.db, {
      status: q.status,
      sellerId: q.sellerId,
      buyerId: q.buyerId,
      openedBefore: q.olderThan,
      limit: q.limit,
    });
    const data = [];
    for (const { dispute } of rows) {
      const order = await findOrder(c.var.deps.db, dispute.orderId);
      if (order)
        data.push({
          ...(await disputeJson(c, dispute, order)),
          buyerId: order.buyerId,
          sellerId: order.sellerId,
        });
    }
    return c.json({ data }, 200);
  });

  app.openapi(timelineRoute, async (c) => {
    const order = await findOrder(c.var.deps.db, c.req.valid('param').id);
    if (!order) throw new DomainError('not_found', 'order not found');
    const events = await orderEventsOf(c.var.deps.db, order.id);
    const workflows = await Promise.all(
      [purchaseWorkflowId, escrowWorkflowId, disputeWorkflowId].map((id) =>
        workflowView(c, id({ orderId: order.id })),
      ),
    );
    return c.json(
      {
        order: orderJson(order),
        events: events.map((e) => ({
          type: e.type,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          data: e.data,
          at: e.createdAt.toISOString(),
        })),
        workflows: workflows.filter((w) => w !== undefined),
        operatorActions: [
          ...(await auditOf(c.var.deps.db, 'order', order.id)),
          ...(await auditOf(c.var.deps.db, 'dispute', disputeIdFor(order.id))),
        ].map((a) => ({
          actorId: a.actorId,
          action: a.action,
          data: a.data,
          at: a.createdAt.toISOString(),
        })),
      },
      200,
    );
  });

  // One decision per purchase: the update id comes from the Idempotency-Key, so a retried request gets
  // the first outcome from Temporal (even once the purchase has closed) and the audit entry, written
  // once per order, is not doubled. A decision with another key is refused by the workflow (409).
  app.openapi(fraudReviewRoute, async (c) => {
    const order = await findOrder(c.var.deps.db, c.req.valid('param').id);
    if (!order) throw new DomainError('not_found', 'order not found');
    const body = c.req.valid('json');
    const handle = c.var.deps.temporal.workflow.getHandle(purchaseWorkflowId({ orderId: order.id }));
    try {
      await executeUpdateOnce(handle, fraudReviewUpdate, {
        args: [{ decision: body.decision, operatorId: c.var.user.id, ...(body.note && { note: body.note }) }],
        updateId: updateIdFor(c, fraudReviewUpdate.name),
      });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) {
        throw new DomainError('invalid_state', 'this purchase is not waiting for a fraud review');
      }
      throw err;
    }
    await auditOnce(c.var.deps.db, {
      actorId: c.var.user.id,
      action: 'fraud.review',
      subjectType: 'order',
      subjectId: order.id,
      data: { decision: body.decision, ...(body.note && { note: body.note }) },
    });
    return c.json(orderJson((await findOrder(c.var.deps.db, order.id))!), 200);
  });
}

/** A workflow as an operator sees it in the Temporal UI: status, times, summary and current details. */
async function workflowView(c: Context<AppEnv>, workflowId: string) {
  const handle = c.var.deps.temporal.workflow.getHandle(workflowId);
  try {
    const d = await handle.describe();
    const details =
      d.status.name === 'RUNNING'
        ? await handle
            .query<{ currentDetails?: string }>('__temporal_workflow_metadata')
            .catch(() => undefined)
        : undefined;
    const state =
      d.status.name === 'RUNNING' ? await handle.query('status').catch(() => undefined) : undefined;
    return {
      workflowId,
      type: d.type,
      status: d.status.name,
      startTime: d.startTime.toISOString(),
      closeTime: d.closeTime?.toISOString(),
      currentDetails: details?.currentDetails,
      state,
    };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
