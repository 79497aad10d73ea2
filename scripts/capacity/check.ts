/**
 * The model against a measurement: for each rate of a bench run on one machine, the paid/s the
 * calibration's figures predict (`machineCeiling`: all of the machine's cores, and the cores the
 * processes outside the bench left over the same window) beside the paid/s measured.
 */
import type { Figures, TargetReport } from './inputs.js';
import { machineCeiling, predictedPaidPerSec, relativeError } from './model.js';

export interface CheckRow {
  offered: number;
  /** Cores other work kept busy from the warm-up's start until idle (the measured phase's in older files). */
  otherCores: number;
  /** The machine's busy cores over the same window: at its core count, the stack was CPU-bound. */
  machineBusyCores?: number;
  predictedQuiet: number;
  predicted: number;
  /** Paid/s from the warm-up's start to the last order paid (paid/s of the measured phase in older files). */
  measured: number;
  error: number;
}

export function checkRows(calibration: Figures, run: TargetReport, cores: number): CheckRow[] {
  const quiet = machineCeiling(calibration, cores).ceiling;
  return run.rates.map((r) => {
    const otherCores = r.otherProcessesCoresUntilIdle ?? r.otherProcessesCores;
    const predicted = predictedPaidPerSec(r.rate, machineCeiling(calibration, cores, otherCores).ceiling);
    const measured = r.paidPerSecFromWarmup ?? r.paidPerSec;
    return {
      offered: r.rate,
      otherCores,
      ...(r.machineBusyCoresUntilIdle !== undefined && { machineBusyCores: r.machineBusyCoresUntilIdle }),
      predictedQuiet: predictedPaidPerSec(r.rate, quiet),
      predicted,
      measured,
      error: relativeError(predicted, measured),
    };
  });
}

const f2 = (n: number) => (Math.round(n * 100) / 100).toString();

export function checkLines(file: string, run: TargetReport, rows: CheckRow[]): string[] {
  return [
    `Check against ${file} (${run.target} run of ${run.date}, commit ${run.commit ?? 'unknown'}):`,
    '| offered/s | other work, cores | machine busy, cores | predicted, quiet machine | predicted, cores left | measured paid/s | error |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.offered} | ${f2(r.otherCores)} | ${r.machineBusyCores === undefined ? '–' : f2(r.machineBusyCores)} | ${f2(r.predictedQuiet)} | ${f2(r.predicted)} | ${f2(r.measured)} | ${r.error >= 0 ? '+' : ''}${Math.round(r.error * 100)}% |`,
    ),
  ];
}
