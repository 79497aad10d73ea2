/**
 * Every update the API sends a workflow goes through here: typed by the workflow's own message
 * definition, its update id from the request's Idempotency-Key (a retried request joins the first
 * one's update), a validator's typed rejection as 403/409, a closed workflow as 409.
 */
import type { UpdateDefinition } from '@temporalio/common';
import type { Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import type { AppEnv } from '../types.js';
import { updateIdFor } from './update-id.js';
import { isClosedWorkflow, rejectionOf } from './update-rejection.js';

export async function runWorkflowUpdate<Ret, Args extends [unknown]>(
  c: Context<AppEnv>,
  workflowId: string,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
  /** What a closed workflow means to the caller (`order is completed`, `the dispute is closed`). */
  whenClosed: string,
): Promise<Ret> {
  const handle = c.var.deps.temporal.workflow.getHandle(workflowId);
  try {
    return await handle.executeUpdate(update, { args, updateId: updateIdFor(c, update.name) });
  } catch (err) {
    const rejection = rejectionOf(err);
    if (rejection) throw rejection;
    if (isClosedWorkflow(err)) throw new DomainError('invalid_state', whenClosed);
    throw err;
  }
}
