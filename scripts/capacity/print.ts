/** The capacity plan in words and a table: what it assumes, what was measured and what extrapolated. */
import type { Figures } from './inputs.js';
import { type Assumptions, machineCeiling, type Plan, predictedPaidPerSec } from './model.js';

const f2 = (n: number) => (Math.round(n * 100) / 100).toLocaleString('en-US');
const f0 = (n: number) => Math.round(n).toLocaleString('en-US');

export function sourceLines(file: string, f: Figures): string[] {
  const s = f.source;
  return [
    `From ${file}: ${s.target} run of ${s.date}, commit ${s.commit}, ${s.machine}, Temporal ${s.temporal}${
      s.historyShards && !s.temporal.includes('shards') ? ` (${s.historyShards} shards)` : ''
    }, workers ${s.workers}.`,
    `Per-order figures from its ${s.rate}/s row: ${s.paidPerSec} paid/s (${s.keptUp ? 'kept up' : 'saturated: CPU per order may be inflated'}), other processes ${s.otherProcessesCores} cores; memory from the ${f.memoryBasis}.`,
    ...(f.missing.length > 0 ? [`Not in the file: ${f.missing.join('; ')}.`] : []),
  ];
}

export function planLines(f: Figures, p: Plan, overridden: string[]): string[] {
  const a = p.assumptions;
  const pct = `${Math.round(a.utilization * 100)}%`;
  const rows = p.kinds.map(
    (k) =>
      `| ${k.kind} | ${f2(k.cores)} | ${f2(k.provisioned)} | ${k.replicas} × ${k.coresPerReplica} | ${f0(k.memoryPerReplicaMiB)} | ${k.basis} | ${k.how} |`,
  );
  const pg = p.postgres;
  const st = pg.storage;
  const sh = p.shards;
  return [
    `Capacity for ${a.rate} paid orders/s at peak`,
    '',
    `| process kind | cores busy | cores at ${pct} | replicas × cores | MiB per replica | basis | how |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Temporal history shards: ${f0(sh.writesPerSec)} persistence writes/s at the peak (${a.rate}/s × ${f.stateTransitionsUntilPaid} state transitions until paid, measured, × ${a.lifecycleTransitionFactor} for the order's later life, assumed); one write in flight per shard at ${a.persistenceWriteMs} ms (assumed) and ${pct} → ${sh.forThroughput} shards for the throughput; create ${sh.recommended} (× ${a.shardGrowth} headroom, at least ${a.minShards}: the count is fixed for the cluster's life), history on ≥ ${sh.historyHosts} host(s) (one per ${a.shardsPerHistoryHost} shards).`,
    `PostgreSQL: ${f2(pg.appCores)} cores for the app${
      pg.temporalCores !== undefined
        ? ` + ${f2(pg.temporalCores)} for Temporal's persistence (measured)`
        : " (measured; Temporal's persistence not measured: the dev server keeps SQLite, use a cluster run)"
    } → ${pg.provisionedCores} cores at ${pct}; ${f0(pg.connections)} connections (pools: ${a.appPoolPerProcess} per API/worker process, ${a.temporalConnsPerReplica} per Temporal replica); ${f0(pg.memoryMiB)} MiB here (size it for the working set).`,
    st
      ? `  storage: ${f0(st.bytesPerOrder)} bytes and ${st.rowsPerOrder} rows per order (measured, users apart) → ${f2(st.gibPerDay)} GiB a day at ${f0(a.ordersPerDay)} orders a day${overridden.includes('ordersPerDay') ? '' : ' (assumed: the peak a quarter of the day)'}, ${f2(st.gibPerYear)} GiB a year${
          st.temporalBytesPerOrder !== undefined
            ? `; Temporal: ${f0(st.temporalBytesPerOrder)} bytes per order until paid (measured) × ${a.workflowDays} days open + ${a.retentionDays} retained (assumed) → ${f2(st.temporalGiB ?? 0)} GiB (a lower bound: the escrow's later events add to it)`
            : ''
        }.`
      : '  storage: not measured in this file (a bench run of this version measures it).',
    `Redis: ${f2(p.redis.cores)} cores busy, ${f0(p.redis.memoryMiB)} MiB here.`,
    `Nodes (API, workers, Temporal, Redis; PostgreSQL apart): ${p.nodes.count} × ${a.coresPerNode} cores / ${a.memoryPerNodeGiB} GiB for ${f0(p.nodes.cores)} cores and ${f2(p.nodes.memoryGiB)} GiB requested.`,
    '',
    `Assumed${overridden.length ? ` (set here: ${overridden.join(', ')})` : ''}: ${assumptionList(a)}.`,
    'Measured: CPU-seconds per order and cores at rest of each process, memory per process, storage per order, state transitions (the bench file above). Extrapolated: linear in the rate from there; the Temporal services split (memory: the one process of all services, per service); memory per replica at other rates.',
    'Not sized: the sandbox provider (the payment provider is external) and the bench process (the load generator).',
  ];
}

function assumptionList(a: Assumptions): string {
  const t = a.temporalSplit;
  return [
    `utilization ${a.utilization}`,
    `${a.coresPerNodeProcess} core per API/worker process`,
    `${a.coresPerTemporalReplica} cores per Temporal replica`,
    `at least ${a.minReplicas} replicas`,
    `Temporal CPU split history ${t.history} / frontend ${t.frontend} / matching ${t.matching}`,
    `persistence write ${a.persistenceWriteMs} ms`,
    `lifecycle transitions × ${a.lifecycleTransitionFactor}`,
    `shards × ${a.shardGrowth}, ≥ ${a.minShards}`,
    `${a.workflowDays} days open + ${a.retentionDays} retained`,
  ].join(', ');
}

/** The one-machine check: the ceiling and the paid/s predicted at each offered rate. */
export function machineLines(f: Figures, cores: number, offered: number[], otherCores: number): string[] {
  const m = machineCeiling(f, cores, otherCores);
  return [
    `One machine of ${cores} cores running every process (as the bench does): ${f2(m.perOrder)} CPU-s per paid order over all of them (load generator and sandbox included), ${f2(m.idleCores)} cores at rest, ${otherCores} taken by other work → ceiling ${f2(m.ceiling)} paid/s.`,
    ...offered.map((r) => `  offered ${r}/s → predicted ${f2(predictedPaidPerSec(r, m.ceiling))} paid/s`),
  ];
}
