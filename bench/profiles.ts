/** What the histories of recent paid orders say: state transitions per workflow, where a purchase spends its time. */
import { purchaseWorkflowId } from '../domain/ids.js';
import type { BenchContext } from './context.js';

async function recentPaidOrders(ctx: BenchContext) {
  return ctx.pg<
    { id: string }[]
  >`select id from orders where status = 'paid' and buyer_id not like 'bench_plain%' order by created_at desc limit 20`;
}

export async function stateTransitionsOf(ctx: BenchContext, engineIds: string[], shapeIds: string[]) {
  const rows = await recentPaidOrders(ctx);
  const count = async (workflowId: string) => {
    const d = await ctx.client.workflow.getHandle(workflowId).describe();
    return Number(d.raw.workflowExecutionInfo?.stateTransitionCount ?? 0);
  };
  const purchase = await Promise.all(rows.map((r) => count(purchaseWorkflowId({ orderId: r.id }))));
  const engine = await Promise.all(engineIds.map(count));
  const shape = await Promise.all(shapeIds.map(count));
  const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
  return {
    purchaseWorkflow: mean(purchase),
    engineBaselineWorkflow: mean(engine),
    engineShapeWorkflow: mean(shape),
    sampled: purchase.length,
  };
}

/**
 * Where a purchase's time goes, from the histories of recent paid orders (mean ms): workflow tasks
 * (scheduled → completed), and per activity type the wait for a worker (scheduled → started) and the
 * run (started → completed).
 */
export async function purchaseProfile(ctx: BenchContext) {
  const rows = await recentPaidOrders(ctx);
  const buckets = new Map<string, number[]>();
  const add = (name: string, ms: number) => buckets.set(name, [...(buckets.get(name) ?? []), ms]);
  for (const { id } of rows) {
    const history = await ctx.client.workflow.getHandle(purchaseWorkflowId({ orderId: id })).fetchHistory();
    const events = history.events ?? [];
    const at = (e: (typeof events)[number]) =>
      Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
    const byId = new Map(events.map((e) => [Number(e.eventId), e]));
    let workflowTaskMs = 0;
    for (const e of events) {
      const started = e.activityTaskStartedEventAttributes;
      const completed = e.activityTaskCompletedEventAttributes;
      const taskDone = e.workflowTaskCompletedEventAttributes;
      if (taskDone) workflowTaskMs += at(e) - at(byId.get(Number(taskDone.scheduledEventId))!);
      if (started) {
        const scheduled = byId.get(Number(started.scheduledEventId))!;
        add(
          `${scheduled.activityTaskScheduledEventAttributes?.activityType?.name} wait`,
          at(e) - at(scheduled),
        );
      }
      if (completed) {
        const scheduled = byId.get(Number(completed.scheduledEventId))!;
        const startedEvent = byId.get(Number(completed.startedEventId))!;
        add(
          `${scheduled.activityTaskScheduledEventAttributes?.activityType?.name} run`,
          at(e) - at(startedEvent),
        );
      }
    }
    add('workflow tasks (sum)', workflowTaskMs);
    add('whole purchase workflow', at(events.at(-1)!) - at(events[0]!));
  }
  return Object.fromEntries(
    [...buckets].map(([name, ms]) => [name, Math.round(ms.reduce((a, b) => a + b, 0) / ms.length)]),
  );
}
