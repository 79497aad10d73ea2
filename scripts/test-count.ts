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
  testResults: {
    name?: string;
    status: string;
    message?: string;
    assertionResults: { status: string; fullName?: string; failureMessages?: string[] }[];
  }[];
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

/**
 * One line per failed test (or per file that failed without one), printed just above the summary:
 * a CI that keeps only the tail of a long run still says which test failed and why.
 */
export function failureLines(reports: readonly VitestJsonReport[], cwd = process.cwd()): string[] {
  const firstLine = (text: string | undefined) => (text ?? '').trim().split('\n')[0]?.slice(0, 200) ?? '';
  const lines: string[] = [];
  for (const report of reports) {
    for (const file of report.testResults) {
      const where = (file.name ?? '?').replace(`${cwd}/`, '');
      const failedTests = file.assertionResults.filter((t) => t.status === 'failed');
      for (const test of failedTests) {
        lines.push(
          `[test] failed: ${where} > ${test.fullName ?? '?'}: ${firstLine(test.failureMessages?.[0])}`,
        );
      }
      if (file.status === 'failed' && failedTests.length === 0) {
        lines.push(`[test] failed: ${where} (no test ran): ${firstLine(file.message)}`);
      }
    }
  }
  return lines;
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
  for (const line of failureLines(reports)) console.log(line);
  console.log(summaryLine(countTests(reports)));
  return unreadable > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
