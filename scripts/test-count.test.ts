import { describe, expect, it } from 'vitest';
import { countTests, summaryLine, type VitestJsonReport } from './test-count.js';

const file = (status: 'passed' | 'failed', ...tests: ('passed' | 'failed' | 'skipped')[]) => ({
  status,
  assertionResults: tests.map((s) => ({ status: s })),
});
const report = (...files: ReturnType<typeof file>[]): VitestJsonReport => ({
  numPassedTests: files.flatMap((f) => f.assertionResults).filter((t) => t.status === 'passed').length,
  numFailedTests: files.flatMap((f) => f.assertionResults).filter((t) => t.status === 'failed').length,
  testResults: files,
});

describe('the tests: line of npm test', () => {
  it('sums passed and failed tests over every vitest run', () => {
    const main = report(file('passed', 'passed', 'passed'), file('failed', 'passed', 'failed'));
    const cluster = report(file('failed', 'failed', 'failed', 'skipped'));
    expect(summaryLine(countTests([main, cluster]))).toBe('tests: 3 passed, 3 failed');
  });

  it('counts a file that failed without a failed test (it did not load) as one failure', () => {
    expect(countTests([report(file('failed'), file('passed', 'passed'))])).toEqual({ passed: 1, failed: 1 });
  });

  it('reads 0 and 0 when nothing ran', () => {
    expect(summaryLine(countTests([]))).toBe('tests: 0 passed, 0 failed');
  });
});
