/**
 * postgres.js's write to a closed socket (an upstream bug) must not end the worker or the API: the
 * guard recognises exactly that error, and a process that hits it lives on.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isPostgresClosedSocketWrite } from '../../db/crash-guard.js';
import { stack } from '../support/stack.js';

const run = promisify(execFile);

describe('postgres.js closed-socket guard', () => {
  it('recognises only the closed-socket write of postgres.js', () => {
    const upstream = new TypeError("Cannot read properties of null (reading 'write')");
    upstream.stack = `${upstream.message}\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)`;
    expect(isPostgresClosedSocketWrite(upstream)).toBe(true);
    const ours = new TypeError("Cannot read properties of null (reading 'write')");
    ours.stack = `${ours.message}\n    at save (file:///app/activities/ledger.ts:10:3)`;
    expect(isPostgresClosedSocketWrite(ours)).toBe(false);
    expect(isPostgresClosedSocketWrite(new Error('connection.js write'))).toBe(false);
  });

  it('a process whose connection is terminated under it keeps running', async () => {
    // The upstream throw is a race; repeated runs hit it most of the time, and every run must live.
    for (let i = 0; i < 3; i++) {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'test/integration/fixtures/pg-closed-socket.ts'],
        {
          env: { ...process.env, DATABASE_URL: stack().env.DATABASE_URL! },
        },
      );
      expect(stdout).toContain('survived');
    }
  }, 120_000);
});
