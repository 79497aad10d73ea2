/** What every dispute route shares: visibility, the JSON shape, and running an update on `dispute-<orderId>`. */
import { z } from '@hono/zod-openapi';
import type { UpdateDefinition } from '@temporalio/common';
import type { Context } from 'hono';
import type { DbOrTx } from '../../../db/client.js';
import { type DisputeRow, evidenceOf, findDispute } from '../../../db/queries/disputes.js';
import { findOrder, type OrderRow } from '../../../db/queries/orders.js';
import {
  DISPUTE_OUTCOMES,
  DISPUTE_REASONS,
  DISPUTE_STATUSES,
  type DisputeState,
} from '../../../domain/dispute.js';
import { DomainError } from '../../../domain/errors.js';
import { disputeWorkflowId } from '../../../domain/ids.js';
import { problemResponse } from '../../schemas.js';
import type { AppEnv } from '../../types.js';
import { canSee } from '../orders/get.js';
import { runWorkflowUpdate } from '../workflow-update.js';

export const Dispute = z
  .object({
    id: z.string(),
    orderId: z.string(),
    status: z.enum(DISPUTE_STATUSES),
    reason: z.enum(DISPUTE_REASONS),
    description: z.string(),
    openedBy: z.string(),
    outcome: z.enum(DISPUTE_OUTCOMES).optional(),
    refundAmount: z.number().int().optional(),
    currency: z.string(),
    evidence: z.array(
      z.object({
        id: z.string(),
        authorId: z.string(),
        text: z.string(),
        links: z.array(z.string()),
        createdAt: z.string(),
      }),
    ),
    links: z.object({ self: z.string(), order: z.string(), workflow: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Dispute');

export async function disputeJson(db: DbOrTx, row: DisputeRow, order: OrderRow) {
  const evidence = await evidenceOf(db, row.id);
  return {
    id: row.id,
    orderId: row.orderId,
    status: row.status as z.infer<typeof Dispute>['status'],
    reason: row.reason as z.infer<typeof Dispute>['reason'],
    description: row.description,
    openedBy: row.openedBy,
    ...(row.outcome && { outcome: row.outcome as z.infer<typeof Dispute>['outcome'] }),
    ...(row.refundAmount !== null && { refundAmount: Number(row.refundAmount) }),
    currency: order.currency,
    evidence: evidence.map((e) => ({
      id: e.id,
      authorId: e.authorId,
      text: e.text,
      links: e.links,
      createdAt: e.createdAt.toISOString(),
    })),
    links: {
      self: `/v1/disputes/${row.id}`,
      order: `/v1/orders/${row.orderId}`,
      workflow: disputeWorkflowId({ orderId: row.orderId }),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The dispute and its order, if the caller is a party or an operator; 404 otherwise (ids leak nothing). */
export async function visibleDispute(c: Context<AppEnv>, id: string) {
  const row = await findDispute(c.var.deps.db, id);
  const order = row && (await findOrder(c.var.deps.db, row.orderId));
  if (!row || !order || !canSee(c.var.user, order)) throw new DomainError('not_found', 'dispute not found');
  return { row, order };
}

export const actionResponses = (ok: string) => ({
  200: { description: ok, content: { 'application/json': { schema: Dispute } } },
  400: problemResponse('Invalid body'),
  403: problemResponse('Not allowed for you'),
  404: problemResponse('No such dispute visible to you'),
  409: problemResponse('Not possible in the dispute’s current state'),
});

/**
 * A party's or the operator's move: one of the dispute workflow's typed updates on a dispute the caller
 * can see (its rejections become 403/409 problems), answered with the dispute as it is now.
 */
export async function actOnDispute<Arg>(
  c: Context<AppEnv>,
  id: string,
  update: UpdateDefinition<DisputeState, [Arg]>,
  arg: Arg,
) {
  const { row } = await visibleDispute(c, id);
  if (row.status === 'resolved') throw new DomainError('invalid_state', 'the dispute is resolved');
  const workflowId = disputeWorkflowId({ orderId: row.orderId });
  await runWorkflowUpdate(c, workflowId, update, [arg], 'the dispute is closed');
  return freshDispute(c, row.id);
}

/** Re-reads the dispute after a change, for the response. */
export async function freshDispute(c: Context<AppEnv>, id: string) {
  const { row, order } = await visibleDispute(c, id);
  return disputeJson(c.var.deps.db, row, order);
}
