import { describe, expect, it } from 'vitest';
import { countTests, failureLines, summaryLine, type VitestJsonReport } from './test-count.js';

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

  it('names each failed test with the first line of its message, and a file that did not load', () => {
    const lines = failureLines(
      [
        {
          numPassedTests: 1,
          numFailedTests: 1,
          testResults: [
            {
              name: '/repo/test/a.test.ts',
              status: 'failed',
              assertionResults: [
                { status: 'passed', fullName: 'a works' },
                {
                  status: 'failed',
                  fullName: 'a pays',
                  failureMessages: ['AssertionError: expected 1 to be 2\n  at x'],
                },
              ],
            },
            {
              name: '/repo/test/b.test.ts',
              status: 'failed',
              message: 'Cannot find module x\nstack',
              assertionResults: [],
            },
          ],
        },
      ],
      '/repo',
    );
    expect(lines).toEqual([
      '[test] failed: test/a.test.ts > a pays: AssertionError: expected 1 to be 2',
      '[test] failed: test/b.test.ts (no test ran): Cannot find module x',
    ]);
  });
});
