/**
 * Figures that compare across machines (issue 27): each of a run's figures beside the same run's
 * engine, measured on the same cores at the same time, so a slower or busier machine moves both.
 *
 * - CPU per order ÷ CPU per bare workflow: an order's CPU until idle (Temporal + workers + API +
 *   PostgreSQL) over the closed loop's CPU per bare workflow of `steps` no-op activities (Temporal +
 *   PostgreSQL + the bench process, which runs that workflow's worker and client).
 * - Time-to-paid ÷ the engine's: the purchase's p50 (p99) over baseline (a)'s and (a, shape)'s at the
 *   same offered rate.
 * - Paid/s ÷ the engine's completed/s at the same offered rate.
 * - The machine's engine speed: the closed loop's workflows/s.
 */

/** The parts of a rate row (bench/rate-phase.ts) read here. */
export interface RateFigures {
  rate: number;
  paidPerSec: number;
  timeToPaidMs: { p50: number; p99: number };
  cpuSecondsPerOrderUntilIdle: Record<string, number>;
  engineBaseline?: { completedPerSec: number; p50: number; p99: number };
  engineShapeBaseline?: { completedPerSec: number; p50: number; p99: number };
}

/** The parts of the closed loop's figures (bench/closed-loop.ts) read here. */
export interface ClosedLoopFigures {
  steps: number;
  completedPerSec: number;
  cpuSecondsPerWorkflow: { temporal?: number; postgres?: number; benchProcess: number };
}

/** The roles an order's CPU counts: the platform's own processes and the engine it runs on. */
export const ORDER_ROLES = ['temporal', 'worker', 'api', 'postgres'] as const;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? round(a / b, 2) : undefined;

/** CPU-seconds of a whole order: the roles of `ORDER_ROLES` (per-queue workers are in `worker`). */
export function orderCpuSeconds(cpu: Record<string, number>): number {
  return round(
    ORDER_ROLES.reduce((sum, role) => sum + (cpu[role] ?? 0), 0),
    3,
  );
}

/** CPU-seconds of one bare workflow in the closed loop: the engine's, its database's, its worker's. */
export function bareWorkflowCpuSeconds(closed: ClosedLoopFigures): number {
  const { temporal = 0, postgres = 0, benchProcess } = closed.cpuSecondsPerWorkflow;
  return round(temporal + postgres + benchProcess, 3);
}

export interface RelativeRate {
  rate: number;
  /** CPU-s per order until idle (`ORDER_ROLES`). */
  cpuSecondsPerOrder: number;
  /** ÷ CPU-s per bare workflow of the closed loop; absent without a closed loop. */
  cpuToBareWorkflow?: number;
  /** Time-to-paid p50 (p99) ÷ baseline (a)'s, and ÷ (a, shape)'s. */
  timeToPaidP50ToEngine?: number;
  timeToPaidP99ToEngine?: number;
  timeToPaidP50ToShape?: number;
  /** Paid/s ÷ baseline (a)'s completed/s, and ÷ (a, shape)'s. */
  paidPerSecToEngine?: number;
  paidPerSecToShape?: number;
}

export interface RelativeToEngine {
  /** The machine's engine speed: bare workflows of `steps` no-op activities per second, closed loop. */
  engineSpeed?: { workflowsPerSec: number; steps: number; cpuSecondsPerWorkflow: number };
  rates: RelativeRate[];
}

/** A run's figures over its own engine's (`undefined` where the run lacks the baseline). */
export function relativeToEngine(
  rates: readonly RateFigures[],
  closed: ClosedLoopFigures | undefined,
): RelativeToEngine {
  const bare = closed ? bareWorkflowCpuSeconds(closed) : undefined;
  return {
    ...(closed && {
      engineSpeed: {
        workflowsPerSec: closed.completedPerSec,
        steps: closed.steps,
        cpuSecondsPerWorkflow: bare!,
      },
    }),
    rates: rates.map((r) => {
      const cpu = orderCpuSeconds(r.cpuSecondsPerOrderUntilIdle);
      const out: RelativeRate = {
        rate: r.rate,
        cpuSecondsPerOrder: cpu,
        cpuToBareWorkflow: ratio(cpu, bare),
        timeToPaidP50ToEngine: ratio(r.timeToPaidMs.p50, r.engineBaseline?.p50),
        timeToPaidP99ToEngine: ratio(r.timeToPaidMs.p99, r.engineBaseline?.p99),
        timeToPaidP50ToShape: ratio(r.timeToPaidMs.p50, r.engineShapeBaseline?.p50),
        paidPerSecToEngine: ratio(r.paidPerSec, r.engineBaseline?.completedPerSec),
        paidPerSecToShape: ratio(r.paidPerSec, r.engineShapeBaseline?.completedPerSec),
      };
      return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as RelativeRate;
    }),
  };
}
