import { describe, expect, it } from 'vitest';
import { bareWorkflowCpuSeconds, orderCpuSeconds, type RateFigures, relativeToEngine } from './ratios.js';

/** Issue 27's run as filed: 0.191 CPU-s per order at 20/s against 0.124 per bare 7-step workflow. */
const closed = {
  steps: 7,
  completedPerSec: 14.1,
  cpuSecondsPerWorkflow: { temporal: 0.073, postgres: 0.018, benchProcess: 0.033 },
};
const at20: RateFigures = {
  rate: 20,
  paidPerSec: 9.56,
  timeToPaidMs: { p50: 4000, p99: 9000 },
  cpuSecondsPerOrderUntilIdle: {
    temporal: 0.072,
    worker: 0.075,
    'worker:orders': 0.07,
    api: 0.021,
    postgres: 0.018,
    sandbox: 0.01,
    bench: 0.02,
  },
  engineBaseline: { completedPerSec: 19.28, p50: 800, p99: 2000 },
  engineShapeBaseline: { completedPerSec: 19.5, p50: 500, p99: 1500 },
};

describe('orderCpuSeconds', () => {
  it('adds Temporal, the workers, the API and PostgreSQL, not per-queue parts twice nor the rest', () => {
    expect(orderCpuSeconds(at20.cpuSecondsPerOrderUntilIdle)).toBe(0.186);
  });
});

describe('bareWorkflowCpuSeconds', () => {
  it('adds the engine, its database and the bench process that runs its worker', () => {
    expect(bareWorkflowCpuSeconds(closed)).toBe(0.124);
  });
});

describe('relativeToEngine', () => {
  it('sets each figure beside the same run’s engine', () => {
    expect(relativeToEngine([at20], closed)).toEqual({
      engineSpeed: { workflowsPerSec: 14.1, steps: 7, cpuSecondsPerWorkflow: 0.124 },
      rates: [
        {
          rate: 20,
          cpuSecondsPerOrder: 0.186,
          cpuToBareWorkflow: 1.5,
          timeToPaidP50ToEngine: 5,
          timeToPaidP99ToEngine: 4.5,
          timeToPaidP50ToShape: 8,
          paidPerSecToEngine: 0.5,
          paidPerSecToShape: 0.49,
        },
      ],
    });
  });

  it('leaves out what the run did not measure (no closed loop, no baselines)', () => {
    const { engineBaseline: _a, engineShapeBaseline: _s, ...bare } = at20;
    expect(relativeToEngine([bare], undefined)).toEqual({
      rates: [{ rate: 20, cpuSecondsPerOrder: 0.186 }],
    });
  });
});
