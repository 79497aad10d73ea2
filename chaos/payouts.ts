/**
 * The sellers cash out once their orders are final: each onboards a payout account (every fourth one
 * settles its transfers as failed at the sandbox) and asks for its whole available
 * balance, while the provider still fails writes, loses answers and repeats or reorders webhooks.
 * Then every payout must reach `paid` or `failed` (invariants.ts checks none stays in transit).
 */
import { type ApiClient, idempotencyKey, sleep } from './client.js';
import { pool } from './load.js';

export interface PayoutRun {
  sellers: number;
  requested: number;
  /** Why a seller asked for nothing (409 reasons, e.g. below_minimum). */
  skipped: Record<string, number>;
  byStatus: Record<string, number>;
  /** Payouts still pending or in transit when the wait ended. */
  unsettled: string[];
  ms: number;
}

export async function payOutSellers(
  api: ApiClient,
  sandboxUrl: string,
  runId: string,
  sellers: string[],
  timeoutMs: number,
): Promise<PayoutRun> {
  const started = Date.now();
  const skipped: Record<string, number> = {};
  const payouts: Array<{ id: string; seller: string }> = [];
  await pool(
    sellers.map((seller, i) => ({ seller, i })),
    5,
    async ({ seller, i }) => {
      const account = await api.call({ user: seller, role: 'seller' }, (sdk) =>
        sdk.POST('/v1/sellers/me/payout-account', {
          headers: idempotencyKey(`${runId}:payout-account:${seller}`),
        }),
      );
      if ((account.status !== 201 && account.status !== 200) || !account.data)
        throw new Error(`payout account of ${seller}: ${account.status} ${JSON.stringify(account.body)}`);
      // The seller completes onboarding; every fourth account's transfers then fail at the bank.
      await onboardAtSandbox(sandboxUrl, account.data.accountId, i % 4 === 3 ? 'failed' : 'paid');
      await waitUntilEnabled(api, seller);
      const res = await api.call({ user: seller, role: 'seller' }, (sdk) =>
        sdk.POST('/v1/payouts', {
          headers: idempotencyKey(`${runId}:payout:${seller}`),
          body: { currency: 'EUR' },
        }),
      );
      if (res.status === 202 && res.data) payouts.push({ id: res.data.id, seller });
      else if (res.status === 409) {
        const reason = String(res.body?.reason ?? res.body?.code);
        skipped[reason] = (skipped[reason] ?? 0) + 1;
      } else throw new Error(`payout of ${seller}: ${res.status} ${JSON.stringify(res.body)}`);
    },
  );
  const deadline = Date.now() + timeoutMs;
  const status = new Map<string, string>();
  for (;;) {
    await pool(payouts, 5, async ({ id, seller }) => {
      const res = await api.call({ user: seller, role: 'seller' }, (sdk) =>
        sdk.GET('/v1/payouts/{id}', { params: { path: { id } } }),
      );
      if (res.data) status.set(id, res.data.status);
    });
    const open = payouts.filter((p) => !['paid', 'failed'].includes(status.get(p.id) ?? 'pending'));
    if (open.length === 0 || Date.now() > deadline) {
      const byStatus: Record<string, number> = {};
      for (const p of payouts) {
        const s = status.get(p.id) ?? 'unknown';
        byStatus[s] = (byStatus[s] ?? 0) + 1;
      }
      return {
        sellers: sellers.length,
        requested: payouts.length,
        skipped,
        byStatus,
        unsettled: open.map((p) => `${p.id}=${status.get(p.id) ?? 'unknown'}`),
        ms: Date.now() - started,
      };
    }
    await sleep(1_000);
  }
}

async function onboardAtSandbox(sandboxUrl: string, accountId: string, settlesAs: 'paid' | 'failed') {
  const res = await fetch(`${sandboxUrl}/_sandbox/accounts/${accountId}/onboard`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payouts_enabled: true, settles_as: settlesAs }),
  });
  if (!res.ok) throw new Error(`onboarding ${accountId} at the sandbox: ${res.status}`);
}

/** The provider's account.updated webhook reaches the API (retried under the run's webhook faults). */
async function waitUntilEnabled(api: ApiClient, seller: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await api.call({ user: seller, role: 'seller' }, (sdk) =>
      sdk.GET('/v1/sellers/me/payout-account'),
    );
    if (res.data?.payoutEnabled === true) return;
    await sleep(200);
  }
  throw new Error(`payouts of ${seller} not enabled within ${timeoutMs} ms`);
}
