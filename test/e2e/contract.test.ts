/**
 * The API answers as its OpenAPI document says: schemathesis (PyPI, installed by scripts/bootstrap.sh)
 * fuzzes every operation of /openapi.json — examples, coverage, fuzzing and stateful phases, the
 * stateful one following the document's links (listing → order → ship → dispute) — as a buyer and a
 * seller, and checks that no answer is a 5xx, an undocumented status or a body off its schema.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/stack/paths.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';
import { tokenFor, uniqueUser } from '../support/stack.js';
import { schemathesisPath } from '../support/schemathesis.js';

const EXAMPLES_PER_OPERATION = 50;
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'response_schema_conformance'];
/** The event stream never ends on its own: the SDK's SSE test (test/e2e/sdk-events.test.ts) covers it. */
const EXCLUDED_PATHS = ['/v1/events'];

let api: InProcessApi;

beforeAll(async () => {
  // Thousands of requests from two users in a few minutes: the per-user limit (600/min) would answer
  // most of them 429 (documented, so conforming) and leave the handlers behind it untested.
  api = await inProcessApi({ env: { RATE_LIMIT_USER_PER_MINUTE: '1000000' } });
});
afterAll(async () => api?.close());

function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd: repoRoot });
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
    const buyer = await tokenFor(uniqueUser('st_buyer'));
    const seller = await tokenFor(uniqueUser('st_seller'));
    const args = [
      'run',
      `${api.url}/openapi.json`,
      '--checks',
      CHECKS.join(','),
      '--max-examples',
      String(EXAMPLES_PER_OPERATION),
      '--workers',
      '2',
      '--seed',
      process.env.SCHEMATHESIS_SEED ?? '17',
      '--request-timeout',
      '20',
      '--no-color',
      ...EXCLUDED_PATHS.flatMap((p) => ['--exclude-path', p]),
    ];
    const started = Date.now();
    const { code, output } = await run(schemathesisPath(), args, {
      // test/e2e/contract/parties.py: which of the two tokens each operation is called with.
      SCHEMATHESIS_HOOKS: 'parties',
      PYTHONPATH: join(repoRoot, 'test', 'e2e', 'contract'),
      ESCROWFLOW_BUYER_TOKEN: buyer,
      ESCROWFLOW_SELLER_TOKEN: seller,
    });
    const summary = output.split('\n').slice(-40).join('\n');
    console.log(`[schemathesis] exit ${code} in ${Math.round((Date.now() - started) / 1000)} s\n${summary}`);
    if (code !== 0) console.log(output);
    expect(code, 'schemathesis found failures (report above)').toBe(0);
  });
});
