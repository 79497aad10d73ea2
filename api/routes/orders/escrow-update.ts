/** Runs a validated escrow update for an order and maps its rejection to 403/409 problem+json. */
import type { Context } from 'hono';
import { findOrder, type OrderRow } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import type { EscrowState } from '../../../domain/escrow.js';
import { escrowWorkflowId } from '../../../domain/ids.js';
import type { AppEnv } from '../../types.js';
import { updateIdFor } from '../update-id.js';
import { isClosedWorkflow, rejectionOf } from '../update-rejection.js';
import { canSee } from './get.js';

export async function visibleOrder(c: Context<AppEnv>, orderId: string): Promise<OrderRow> {
  const order = await findOrder(c.var.deps.db, orderId);
  if (!order || !canSee(c.var.user, order)) throw new DomainError('not_found', 'order not found');
  return order;
}

export async function runEscrowUpdate(
  c: Context<AppEnv>,
  order: OrderRow,
  update: string,
  arg: Record<string, unknown>,
): Promise<EscrowState> {
  const handle = c.var.deps.temporal.workflow.getHandle(escrowWorkflowId({ orderId: order.id }));
  try {
    return await handle.executeUpdate<EscrowState, [Record<string, unknown>]>(update, {
      args: [{ userId: c.var.user.id, ...arg }],
      updateId: updateIdFor(c, update),
    });
  } catch (err) {
    const rejection = rejectionOf(err);
    if (rejection) throw rejection;
    if (isClosedWorkflow(err)) throw new DomainError('invalid_state', `order is ${order.status}`);
    throw err;
  }
}
