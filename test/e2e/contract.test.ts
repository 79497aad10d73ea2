/**
 * The API answers as its OpenAPI document says: schemathesis (PyPI, installed by scripts/bootstrap.sh)
 * fuzzes every operation of /openapi.json — examples, coverage, fuzzing and stateful phases, the
 * stateful one following the document's links (listing → order → ship → dispute) — as a buyer and a
 * seller, and checks that no answer is a 5xx, an undocumented status or a body off its schema.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/stack/paths.js';
import { schemathesisPath } from '../support/schemathesis.js';
import { tokenFor, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

const CONTRACT_DIR = join(repoRoot, 'test', 'e2e', 'contract');
/** Enough to reach every operation's handlers in each phase; SCHEMATHESIS_MAX_EXAMPLES explores deeper. */
const EXAMPLES_PER_OPERATION = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 25);
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'response_schema_conformance'];
/** The event stream never ends on its own: test/e2e/lifecycle.test.ts and events.test.ts cover it. */
const EXCLUDED_PATHS = ['/v1/events'];

let api: InProcessApi;

beforeAll(async () => {
  // Thousands of requests from two users in a few minutes: the per-user limit (600/min) would answer
  // most of them 429 (documented, so conforming) and leave the handlers behind it untested.
  // The parties' tokens are step-up ones (a TOTP login, from the stack's identity provider): minted
  // once, they must stay recent enough for the whole run's sensitive operations.
  api = await inProcessApi({ env: { RATE_LIMIT_USER_PER_MINUTE: '1000000', STEP_UP_MAX_AGE_S: '3600' } });
});
afterAll(async () => api?.close());

function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    // Its own working directory: schemathesis keeps a cache (.schemathesis/) where it runs.
    const cwd = mkdtempSync(join(tmpdir(), 'schemathesis-'));
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('API contract (schemathesis)', () => {
  it('answers every operation within its documented statuses and schemas', { timeout: 600_000 }, async () => {
    const tokens = {
      ESCROWFLOW_BUYER_TOKEN: await tokenFor(uniqueUser('st_buyer'), 'buyer', { mfa: true }),
      ESCROWFLOW_SELLER_TOKEN: await tokenFor(uniqueUser('st_seller'), 'buyer', { mfa: true }),
      ESCROWFLOW_OPERATOR_TOKEN: await tokenFor(uniqueUser('st_operator'), 'operator', { mfa: true }),
      ESCROWFLOW_ERASER_TOKEN: await tokenFor(uniqueUser('st_eraser')),
    };
    const args = [
      '--config-file',
      join(CONTRACT_DIR, 'schemathesis.toml'),
      'run',
      `${api.url}/openapi.json`,
      '--checks',
      CHECKS.join(','),
      '--max-examples',
      String(EXAMPLES_PER_OPERATION),
      // One worker: CPython 3.11's ast.parse is not thread-safe (with two, the coverage phase once
      // died of "AST constructor recursion depth mismatch" inside hypothesis).
      '--workers',
      '1',
      '--seed',
      process.env.SCHEMATHESIS_SEED ?? '17',
      '--request-timeout',
      '20',
      '--no-color',
      ...EXCLUDED_PATHS.flatMap((p) => ['--exclude-path', p]),
      // For a developer's closer look, e.g. `--phases stateful --report ndjson`.
      ...(process.env.SCHEMATHESIS_EXTRA_ARGS?.split(' ').filter(Boolean) ?? []),
    ];
    const started = Date.now();
    const { code, output } = await run(schemathesisPath(), args, {
      // parties.py: each operation is called by its party (buyer, seller, operator, or the one erased).
      SCHEMATHESIS_HOOKS: 'parties',
      PYTHONPATH: CONTRACT_DIR,
      ...tokens,
    });
    // Tracebacks quote whole source files on one line: each line is cut short.
    const lines = output.split('\n').map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
    const seconds = Math.round((Date.now() - started) / 1000);
    const reportPath = join(mkdtempSync(join(tmpdir(), 'schemathesis-')), 'report.txt');
    writeFileSync(reportPath, lines.join('\n'));
    // A passing run prints one line: schemathesis closes with a pytest-style "=== 2 warnings in 40s ==="
    // line that a CI reading closing lines takes for a pytest run with no test in it.
    const testCases = lines.find((l) => /^\s*\d+ generated/.test(l))?.trim() ?? 'no count printed';
    console.log(
      `[schemathesis] exit ${code} in ${seconds} s, test cases: ${testCases} (report: ${reportPath})`,
    );
    if (code !== 0) console.log(lines.join('\n'));
    expect(code, 'schemathesis found failures (report above)').toBe(0);
  });
});
