/**
 * Every update the API sends a workflow goes through here: typed by the workflow's own message
 * definition, its update id from the request's Idempotency-Key (a retried request joins the first
 * one's update), a validator's typed rejection as 403/409, a closed workflow as 409.
 */
import { ServiceError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import type { AppEnv } from '../types.js';
import { updateIdFor } from './update-id.js';
import { isClosedWorkflow, rejectionOf } from './update-rejection.js';

const FAILED_PRECONDITION = 9;

/**
 * The workflow task that took the update failed (e.g. the server refused the task's completion because
 * an activity's events came in meanwhile: UnhandledCommand), and the update went with it: it was never
 * recorded, so sending it again is safe and the retried task takes it.
 */
export function isUpdateLostWithTask(err: unknown): boolean {
  const cause = err instanceof ServiceError ? (err.cause as { code?: number } | undefined) : undefined;
  return (
    cause?.code === FAILED_PRECONDITION &&
    /workflow task failure/i.test(err instanceof Error ? err.message + String(cause) : '')
  );
}

/** Sends an update, again (same update id) while it is lost with a failed workflow task. */
export async function executeUpdateOnce<Ret, Args extends [unknown, ...unknown[]]>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  options: { args: Args; updateId?: string },
  attempts = 5,
): Promise<Ret> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.executeUpdate(update, {
        args: options.args,
        ...(options.updateId && { updateId: options.updateId }),
      });
    } catch (err) {
      if (attempt >= attempts || !isUpdateLostWithTask(err)) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

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
    return await executeUpdateOnce(handle, update, { args, updateId: updateIdFor(c, update.name) });
  } catch (err) {
    const rejection = rejectionOf(err);
    if (rejection) throw rejection;
    if (isClosedWorkflow(err)) throw new DomainError('invalid_state', whenClosed);
    throw err;
  }
}
