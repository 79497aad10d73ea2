/**
 * The figures the capacity model starts from, read from a bench run's file (bench/latest.json by
 * default): one target's report (cluster mode when the file has one), and one of its rates.
 *
 * The shape read is the bench's per-target report (bench/report.ts): `rates[]` with
 * `cpuSecondsPerOrderUntilIdle` (and `cpuSecondsPerOrderNet` with the report's `idleCores`),
 * `peakMiB` and `storagePerOrder`; `stateTransitions`, `memory.peakMiB`, `topology`, `commit`.
 * Files written before those fields existed still read: what they lack is reported as missing.
 */
import { z } from 'zod';

const perRole = z.record(z.string(), z.number());

const rateSchema = z.object({
  rate: z.number(),
  paidPerSec: z.number(),
  paidPerSecFromWarmup: z.number().optional(),
  otherProcessesCores: z.number().default(0),
  otherProcessesCoresUntilIdle: z.number().optional(),
  machineBusyCoresUntilIdle: z.number().optional(),
  cpuSecondsPerOrderUntilIdle: perRole,
  cpuSecondsPerOrderNet: perRole.optional(),
  peakMiB: perRole.optional(),
  storagePerOrder: z
    .object({
      orders: z.number(),
      appBytes: z.number(),
      appRows: z.number(),
      byTable: z.record(z.string(), z.object({ rows: z.number(), bytes: z.number() })),
      temporal: z
        .object({ bytes: z.number(), historyNodeRows: z.number(), executionRows: z.number() })
        .optional(),
    })
    .optional(),
});

export const targetReportSchema = z.object({
  target: z.enum(['dev', 'cluster']),
  date: z.string(),
  commit: z.string().optional(),
  machine: z.object({ cores: z.number(), cpu: z.string().optional() }),
  versions: z.record(z.string(), z.string()).default({}),
  topology: z
    .object({ workers: z.union([z.literal('combined'), z.record(z.string(), z.number())]) })
    .optional(),
  settings: z.object({ historyShards: z.number().optional() }).default({}),
  idleCores: perRole.optional(),
  rates: z.array(rateSchema).min(1),
  stateTransitions: z.object({ purchaseWorkflow: z.number() }),
  memory: z.object({ peakMiB: perRole.default({}) }).default({ peakMiB: {} }),
});

export type TargetReport = z.infer<typeof targetReportSchema>;
export type RateRow = z.infer<typeof rateSchema>;

/** The measured figures the model uses, with where they came from. */
export interface Figures {
  source: {
    target: 'dev' | 'cluster';
    date: string;
    commit: string;
    machine: string;
    temporal: string;
    /** `combined`: one worker for every queue, so the per-queue split is not measured. */
    workers: 'combined' | 'per-queue';
    historyShards?: number;
    /** The rate row the per-order figures come from, and whether the stack kept up with it. */
    rate: number;
    paidPerSec: number;
    keptUp: boolean;
    otherProcessesCores: number;
  };
  /** CPU-seconds per order by role; net of the cores at rest when those were measured. */
  cpuPerOrder: Record<string, number>;
  /** Cores each role keeps busy at rest (pollers, timers); absent in older files. */
  idleCores?: Record<string, number>;
  /** Each role's biggest process (MiB): the rate's window when measured, else the whole run's peak. */
  memoryMiB: Record<string, number>;
  memoryBasis: 'rate window' | 'whole run';
  stateTransitionsUntilPaid: number;
  storage?: NonNullable<RateRow['storagePerOrder']>;
  /** What the file lacked, in words, for the printout. */
  missing: string[];
}

/** The report of `target` in a bench file (the dev one at the top level, the cluster one under `cluster`). */
export function pickTarget(file: unknown, target?: 'dev' | 'cluster'): TargetReport {
  const top = z.object({ target: z.string().optional(), cluster: z.unknown().optional() }).parse(file);
  // A bench file holds dev at the top and cluster under `cluster`; one target's report alone reads too.
  const wanted = target ?? (top.cluster || top.target === 'cluster' ? 'cluster' : 'dev');
  const own = top.target === wanted ? file : undefined;
  const raw = wanted === 'cluster' ? (top.cluster ?? own) : own;
  if (!raw) throw new Error(`the bench file has no ${wanted} run (run the bench with --targets ${wanted})`);
  return targetReportSchema.parse(raw);
}

/**
 * The rate row to take figures from: `atRate` when given, else the highest rate the stack kept up
 * with (paid/s at least 90% of the offered rate), else the lowest rate.
 */
export function pickRate(report: TargetReport, atRate?: number): { row: RateRow; keptUp: boolean } {
  const keptUp = (r: RateRow) => r.paidPerSec >= 0.9 * r.rate;
  if (atRate !== undefined) {
    const row = report.rates.find((r) => r.rate === atRate);
    if (!row) throw new Error(`no rate ${atRate}/s in the bench file (${report.rates.map((r) => r.rate)})`);
    return { row, keptUp: keptUp(row) };
  }
  const kept = report.rates.filter(keptUp).sort((a, b) => b.rate - a.rate)[0];
  if (kept) return { row: kept, keptUp: true };
  const lowest = [...report.rates].sort((a, b) => a.rate - b.rate)[0]!;
  return { row: lowest, keptUp: false };
}

export function figuresOf(report: TargetReport, atRate?: number): Figures {
  const { row, keptUp } = pickRate(report, atRate);
  const net = report.idleCores && row.cpuSecondsPerOrderNet;
  const missing: string[] = [];
  if (!net)
    missing.push('cores at rest (idleCores): per-order CPU includes them, amortized at the measured rate');
  if (!row.peakMiB) missing.push('memory per rate window: the whole run’s peaks are used');
  if (!row.storagePerOrder) missing.push('storage per order (a bench run of this version measures it)');
  const workers = report.topology?.workers === undefined || report.topology.workers === 'combined';
  if (workers) missing.push('worker CPU per task queue (run the bench with --workers per-queue)');
  return {
    source: {
      target: report.target,
      date: report.date,
      commit: report.commit ?? 'unknown',
      machine: `${report.machine.cores} cores${report.machine.cpu ? `, ${report.machine.cpu}` : ''}`,
      temporal: report.versions.temporal ?? 'unknown',
      workers: workers ? 'combined' : 'per-queue',
      ...(report.settings.historyShards !== undefined && { historyShards: report.settings.historyShards }),
      rate: row.rate,
      paidPerSec: row.paidPerSec,
      keptUp,
      otherProcessesCores: row.otherProcessesCores,
    },
    cpuPerOrder: net ? row.cpuSecondsPerOrderNet! : row.cpuSecondsPerOrderUntilIdle,
    ...(net && { idleCores: report.idleCores }),
    memoryMiB: row.peakMiB ?? report.memory.peakMiB,
    memoryBasis: row.peakMiB ? 'rate window' : 'whole run',
    stateTransitionsUntilPaid: report.stateTransitions.purchaseWorkflow,
    ...(row.storagePerOrder && { storage: row.storagePerOrder }),
    missing,
  };
}
