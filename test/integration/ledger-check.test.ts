/** `npm run ledger:check` as a user runs it, against the test stack: ok after real purchases, exit 1 on a planted mismatch. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import { repoRoot } from '../../scripts/stack/paths.js';
import { api, eventually, stack, uniqueUser } from '../support/stack.js';

const run = promisify(execFile);

async function ledgerCheck(since: Date) {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/ledger-check.ts', '--since', since.toISOString()],
      { cwd: repoRoot, env: { ...process.env, ...stack().env } },
    );
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('npm run ledger:check', () => {
  it('passes after real purchases and names a capture the ledger never booked', async () => {
    // The provider stamps its objects to the second: the window starts on the next whole second, so
    // nothing another test made just before (a planted chargeback, a contract test's intent) is in it.
    const since = new Date(Math.ceil(Date.now() / 1000) * 1000);
    await new Promise((r) => setTimeout(r, since.getTime() - Date.now() + 1));
    const seller = uniqueUser('seller');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Kettle', amount: 2_000, currency: 'EUR', quantity: 2 },
    });
    for (let i = 0; i < 2; i++) {
      const order = await api('POST', '/v1/orders?wait=payment', {
        user: uniqueUser('buyer'),
        body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
      });
      expect(order.body.status).toBe('paid');
    }
    // Other suites run beside this one on the same provider: a refund made at the provider whose
    // posting is a few ms behind shows as a difference until it lands. A real one never clears.
    const clean = await eventually(async () => {
      const result = await ledgerCheck(since);
      return result.code === 0 && result;
    }, 15_000).catch(() => ledgerCheck(since));
    expect(clean.stdout).toContain('invariants (zero-sum per currency, non-negative accounts): ok');
    expect(clean.stdout).toMatch(/provider captures − refunds = ledger \(\d+ orders.*\): ok/);
    expect(clean.code).toBe(0);

    const provider = createSandboxProvider({ baseUrl: stack().sandboxUrl, apiKey: 'sk_test_escrowflow' });
    const stray = await provider.authorize({
      idempotencyKey: `ledger-check-${since.getTime()}`,
      amount: 1_234,
      currency: 'EUR',
      paymentMethod: 'pm_card_ok',
      metadata: { orderId: 'ord_never_booked' },
    });
    await provider.capture({ idempotencyKey: `ledger-check-${since.getTime()}-capture`, intentId: stray.id });
    const dirty = await ledgerCheck(since);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain('capture_not_in_ledger');
    expect(dirty.stdout).toContain(stray.id);
  });
});
