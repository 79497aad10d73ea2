/**
 * What must hold for every order once its schedule has run and every timer has come due: its
 * workflow completed (never failed, never a failed workflow task, every accepted update completed),
 * every update the simulation sent answered, its money consistent (provider vs ledger, escrow empty,
 * no authorization hold, ledger balanced: the kit's money checks), and its stock not left held.
 */
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { disputeWorkflowId } from '../domain/ids.js';
import { isFinal } from '../domain/order.js';
import { type Kit, type OrderDriver, until } from '../test/kit/index.js';

const { EventType, WorkflowTaskFailedCause } = proto.temporal.api.enums.v1;
const UNHANDLED_COMMAND = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND;

export interface UpdateOutcome {
  kind: string;
  settled: boolean;
  error?: unknown;
}

/** Errors an update may answer with: a refusal by its validator, or a workflow that had closed. */
const EXPECTED_UPDATE_ERRORS = /WorkflowUpdateFailedError|WorkflowNotFoundError|already completed|not found/i;

export async function checkOrder(
  kit: Kit,
  order: OrderDriver,
  updates: UpdateOutcome[],
  workflowBundle: WorkflowBundleWithSourceMap,
): Promise<string[]> {
  const out: string[] = [];
  const closed = await until(async () => {
    const { status } = await order.handle.describe();
    return status.name !== 'RUNNING' && status.name;
  }, 15_000).catch(() => undefined);
  if (!closed)
    out.push(
      `order workflow still running (order ${kit.orders.status(order.orderId)}): ${await whereItWaits(order.handle)}`,
    );
  else if (closed !== 'COMPLETED') out.push(`order workflow ended ${closed}`);
  out.push(...(await historyProblems(order.handle, 'order', workflowBundle)));
  const dispute = kit.client.workflow.getHandle(disputeWorkflowId(order.input));
  if (
    await dispute.describe().then(
      () => true,
      () => false,
    )
  )
    out.push(...(await historyProblems(dispute, 'dispute', workflowBundle)));

  await until(() => updates.every((u) => u.settled), 10_000).catch(() => undefined);
  for (const u of updates) {
    if (!u.settled) out.push(`${u.kind} update never answered`);
    else if (
      u.error &&
      !EXPECTED_UPDATE_ERRORS.test(`${(u.error as Error).name} ${(u.error as Error).message}`)
    )
      out.push(`${u.kind} update failed: ${(u.error as Error).name}: ${(u.error as Error).message}`);
  }

  const status = kit.orders.status(order.orderId);
  if (closed === 'COMPLETED' && (!status || !isFinal(status)))
    out.push(`order workflow completed with the order ${status}`);
  if (status && isFinal(status) && kit.stock.reservation(order.orderId)?.status === 'held')
    out.push(`order is ${status} with its stock still reserved`);
  out.push(...kit.money.violations(order.orderId));
  return out;
}

/** The last events of a workflow still running and its outstanding activities: where it waits. */
async function whereItWaits(handle: WorkflowHandle): Promise<string> {
  const { raw } = await handle.describe();
  const events = (await handle.fetchHistory()).events ?? [];
  const last = events
    .slice(-6)
    .map((e) => EventType[e.eventType ?? 0]?.replace('EVENT_TYPE_', '').toLowerCase());
  const pending = (raw.pendingActivities ?? []).map((a) => `${a.activityType?.name} (attempt ${a.attempt})`);
  return `last events ${last.join(', ')}${pending.length ? `; activities outstanding: ${pending.join(', ')}` : ''}`;
}

/**
 * A history's failures: failed workflow tasks (non-determinism, bugs), updates accepted but never
 * completed, and a replay of the whole history (a restarted worker's) that does not match it.
 */
async function historyProblems(
  handle: WorkflowHandle,
  label: string,
  workflowBundle: WorkflowBundleWithSourceMap,
): Promise<string[]> {
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const out: string[] = [];
  // Only a closed workflow's history is whole: the SDK's core panics replaying one cut mid-task.
  const closed =
    events.at(-1)?.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED &&
    (await handle.describe()).status.name !== 'RUNNING';
  if (closed)
    await Worker.runReplayHistory({ workflowBundle }, history, handle.workflowId).catch((err: unknown) =>
      out.push(`${label} history does not replay: ${String(err)}`),
    );
  const accepted = new Set<string>();
  for (const e of events) {
    const cause = e.workflowTaskFailedEventAttributes?.cause;
    // UNHANDLED_COMMAND: a message came in as the task completed; the server hands it a new task.
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED && cause !== UNHANDLED_COMMAND)
      out.push(
        `${label} workflow task failed (cause ${cause}): ${e.workflowTaskFailedEventAttributes?.failure?.message}`,
      );
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
      accepted.add(e.workflowExecutionUpdateAcceptedEventAttributes?.protocolInstanceId ?? '');
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)
      accepted.delete(e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId ?? '');
  }
  for (const id of accepted) out.push(`${label} update ${id} accepted but never completed`);
  return out;
}
