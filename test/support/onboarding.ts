/**
 * Seller onboarding as a seller goes through it: the API creates the connected account and answers
 * the provider's onboarding link; the seller completes it (the sandbox's hosted page); the provider's
 * `account.updated` webhook reaches the API, which opens payouts.
 */
import { expect } from 'vitest';
import { api, eventually, stack } from './stack.js';

export async function onboardSeller(seller: string): Promise<string> {
  const started = await api('POST', '/v1/sellers/me/payout-account', { user: seller });
  expect([200, 201], JSON.stringify(started.body)).toContain(started.status);
  const accountId: string = started.body.accountId;
  await completeOnboarding(accountId);
  await eventually(
    async () =>
      (await api('GET', '/v1/sellers/me/payout-account', { user: seller })).body.payoutEnabled === true,
  );
  return accountId;
}

/** The seller finishes (or, `payoutsEnabled: false`, fails) verification at the sandbox provider. */
export async function completeOnboarding(accountId: string, payoutsEnabled = true): Promise<void> {
  const res = await fetch(`${stack().sandboxUrl}/_sandbox/accounts/${accountId}/onboard`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payouts_enabled: payoutsEnabled }),
  });
  expect(res.status).toBe(200);
}
