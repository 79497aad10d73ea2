/** Runs one of the escrow's typed updates for an order, on the order's workflow (which holds its escrow). */
import type { UpdateDefinition } from '@temporalio/common';
import type { Context } from 'hono';
import { findOrder, type OrderRow } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import type { EscrowState } from '../../../domain/escrow.js';
import { escrowHolder } from '../../../domain/ids.js';
import type { AppEnv } from '../../types.js';
import { runWorkflowUpdate } from '../workflow-update.js';
import { canSee } from './get.js';

export async function visibleOrder(c: Context<AppEnv>, orderId: string): Promise<OrderRow> {
  const order = await findOrder(c.var.deps.db, orderId);
  if (!order || !canSee(c.var.user, order)) throw new DomainError('not_found', 'order not found');
  return order;
}

/** The caller is the acting party: the update's `userId` is always the authenticated user's. */
export async function runEscrowUpdate<Arg extends { userId: string }>(
  c: Context<AppEnv>,
  order: OrderRow,
  update: UpdateDefinition<EscrowState, [Arg]>,
  arg: Omit<Arg, 'userId'>,
): Promise<EscrowState> {
  return runWorkflowUpdate(
    c,
    escrowHolder({ orderId: order.id }),
    update,
    [{ ...arg, userId: c.var.user.id } as Arg],
    `order is ${order.status}`,
  );
}
