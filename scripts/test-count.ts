/**
 * The line `npm test` (scripts/test.sh) ends with: `tests: N passed, M failed`, summed over the JSON
 * reports of every vitest run it made. A test file that failed with no failed test in it (it did not
 * load, a hook threw) counts as one failure, so a red run never reads "0 failed".
 *
 * `tsx scripts/test-count.ts <report.json>...` prints the line; exit 1 when a report is unreadable.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The part of vitest's JSON report (`--reporter=json`) the count reads. */
export interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

export function countTests(reports: readonly VitestJsonReport[]): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const report of reports) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    failed += report.testResults.filter(
      (file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
    ).length;
  }
  return { passed, failed };
}

export const summaryLine = ({ passed, failed }: { passed: number; failed: number }) =>
  `tests: ${passed} passed, ${failed} failed`;

function main(files: readonly string[]): number {
  const reports: VitestJsonReport[] = [];
  let unreadable = 0;
  for (const file of files) {
    try {
      reports.push(JSON.parse(readFileSync(file, 'utf8')) as VitestJsonReport);
    } catch (err) {
      console.error(`[test] unreadable vitest report ${file}: ${(err as Error).message}`);
      unreadable++;
    }
  }
  console.log(summaryLine(countTests(reports)));
  return unreadable > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
