/**
 * `npm run capacity -- --rate 50`: a target peak rate (paid orders a second) into cores, replicas and
 * memory per process kind, Temporal history shards and PostgreSQL size, from the CPU, memory and
 * storage per order a bench run measured (docs/capacity.md). `--machine-cores 2 --offered 5,12` adds
 * the rate at which one machine running everything saturates; `--check FILE` compares it with the
 * paid/s a bench run on that machine measured.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { repoRoot } from '../stack/paths.js';
import { parseCapacityArgs } from './args.js';
import { checkLines, checkRows } from './check.js';
import { figuresOf, pickTarget } from './inputs.js';
import { machineCeiling, plan } from './model.js';
import { machineLines, planLines, sourceLines } from './print.js';

try {
  const args = parseCapacityArgs(process.argv.slice(2));
  const figures = figuresOf(readReport(args.file, args.target), args.atRate);
  const sized = plan(figures, args.assumptions);
  const machine = args.machine;
  const checkRun = machine?.check ? readReport(machine.check, args.target) : undefined;
  const checked = machine && checkRun && checkRows(figures, checkRun, machine.cores);
  if (args.json) {
    const ceiling = machine && machineCeiling(figures, machine.cores, machine.otherCores);
    const out = {
      figures,
      ...(args.sizing && { plan: sized }),
      ...(ceiling && { machine: ceiling }),
      ...(checked && { check: checked }),
    };
    console.log(JSON.stringify(out, null, 2));
  } else {
    const lines = [
      ...sourceLines(shortPath(args.file), figures),
      ...(args.sizing ? ['', ...planLines(figures, sized, args.overridden)] : []),
      ...(machine ? ['', ...machineLines(figures, machine.cores, machine.offered, machine.otherCores)] : []),
      ...(checkRun && checked ? ['', ...checkLines(shortPath(machine!.check!), checkRun, checked)] : []),
    ];
    console.log(lines.join('\n'));
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}

/** The file as a reader would type it: relative to the repo when inside it. */
function shortPath(file: string): string {
  const inRepo = relative(repoRoot, file);
  return inRepo.startsWith('..') || isAbsolute(inRepo) ? file : inRepo;
}

function readReport(file: string, target?: 'dev' | 'cluster') {
  return pickTarget(JSON.parse(readFileSync(file, 'utf8')), target);
}
