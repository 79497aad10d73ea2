/**
 * Where each process's CPU went, from the V8 CPU profiles a stack run with ESCROWFLOW_PROFILE_DIR
 * wrote (scripts/stack/app-processes.ts: one directory per process, one `.cpuprofile` per thread,
 * written when the process exits): self time per category of work, per module and per function.
 *
 *   npx tsx bench/profile-summary.ts DIR [--only worker,api] [--orders N] [--top 15] [--json]
 *
 * `--orders N` adds milliseconds per order (N paid orders in the profiled run). A profile holds the
 * JavaScript threads only: the Temporal core's Rust threads, GC helper threads and Node's vm watchdog
 * threads are not in it (the process's CPU the bench measures is).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../scripts/stack/paths.js';
import { type CpuProfile, type ProfileSummary, summarize, top } from './cpu-profile.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: 'string' },
    orders: { type: 'string' },
    top: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  },
});
const dir = positionals[0];
if (!dir || !existsSync(dir)) {
  console.error(
    'usage: npx tsx bench/profile-summary.ts DIR [--only worker,api] [--orders N] [--top 15] [--json]',
  );
  process.exit(2);
}
const orders = values.orders ? Number(values.orders) : undefined;
const n = Number(values.top);

const profilesIn = (d: string) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(join(d, f), 'utf8')) as CpuProfile);

// One directory per process; profiles directly in DIR count as one process named after it.
const processes = new Map<string, CpuProfile[]>();
const own = profilesIn(dir);
if (own.length > 0) processes.set('.', own);
for (const name of readdirSync(dir).sort()) {
  const sub = join(dir, name);
  if (statSync(sub).isDirectory()) processes.set(name, profilesIn(sub));
}
const only = values.only?.split(',');

const report: Record<string, unknown> = {};
for (const [name, profiles] of processes) {
  if (only && !only.includes(name)) continue;
  if (profiles.length === 0) continue;
  const s = summarize(profiles, repoRoot);
  report[name] = render(name, s, profiles.length);
}
if (values.json) console.log(JSON.stringify(report, null, 2));

function render(name: string, s: ProfileSummary, threads: number) {
  const rows = (m: Map<string, number>) =>
    top(m, n, s.busyUs).map((r) => ({
      ...r,
      ...(orders && { 'ms/order': Math.round((r.ms * 100) / orders) / 100 }),
    }));
  const out = {
    threads,
    wallSeconds: Math.round(s.wallUs / 1e4) / 100,
    busySeconds: Math.round(s.busyUs / 1e4) / 100,
    ...(orders && { busyMsPerOrder: Math.round(s.busyUs / 10 / orders) / 100 }),
    byCategory: rows(new Map([...s.byCategory].filter(([c]) => c !== 'idle'))),
    byModule: rows(new Map([...s.byModule].filter(([m]) => m !== '(idle)'))),
    byFunction: rows(new Map([...s.byFunction].filter(([f]) => !f.startsWith('(idle)')))),
  };
  if (!values.json) {
    console.log(
      `\n== ${name}: ${threads} thread(s), ${out.busySeconds} s busy of ${out.wallSeconds} s${
        out.busyMsPerOrder ? `, ${out.busyMsPerOrder} ms per order` : ''
      } (percent of busy time)`,
    );
    console.table(out.byCategory);
    console.table(out.byModule);
    console.table(out.byFunction);
  }
  return out;
}
