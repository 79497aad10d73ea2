/**
 * stripe-mock, Stripe's official mock of its API (its OpenAPI spec inside): every request is
 * validated against Stripe's own spec and answered with a fixture of the right shape. Stateless.
 * Built by scripts/bootstrap.sh into the tools cache; `STRIPE_MOCK` overrides the path.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './paths.js';
import { freePort, type Managed, portOpen, startProcess, waitFor } from './process.js';

// Keep in step with scripts/bootstrap.sh (STRIPE_MOCK_VERSION).
export const STRIPE_MOCK_VERSION = 'v0.203.0';

export function stripeMockPath(): string {
  return process.env.STRIPE_MOCK ?? join(cacheDir, `stripe-mock-${STRIPE_MOCK_VERSION}`, 'stripe-mock');
}

export async function startStripeMock(options: {
  logDir: string;
  port?: number;
}): Promise<{ url: string; process: Managed }> {
  const bin = stripeMockPath();
  if (!existsSync(bin))
    throw new Error(`stripe-mock not found at ${bin}: run scripts/bootstrap.sh or set STRIPE_MOCK`);
  const port = options.port ?? (await freePort());
  const logFile = join(options.logDir, 'stripe-mock.log');
  // Its HTTPS listener is not used; a system-chosen port keeps it off the default 12112.
  const proc = startProcess(
    'stripe-mock',
    bin,
    ['-http-addr', `127.0.0.1:${port}`, '-https-addr', '127.0.0.1:'],
    { logFile },
  );
  await waitFor('stripe-mock', () => portOpen(port), { process: proc, logFile, timeoutMs: 30_000 });
  return { url: `http://127.0.0.1:${port}`, process: proc };
}
