/**
 * POST /v1/sellers/me/payout-account: seller onboarding. Creates the seller's connected account at the
 * provider (once: the idempotency key is the seller's) and answers a link to the provider's hosted
 * onboarding; asked again, a fresh link for the same account. Payouts open when the provider's
 * `account.updated` says `payouts_enabled` (api/routes/webhooks/).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { payoutAccountStateOf } from '../../../db/queries/payouts.js';
import { withStepUp } from '../../middleware/step-up.js';
import { IdempotencyHeader } from '../../schemas.js';
import { linkPayoutAccount } from '../../services/sellers/link-account.js';
import type { App } from '../../types.js';
import { atProvider, connectedAccounts } from './provider-call.js';

const Onboarding = z
  .object({
    accountId: z.string(),
    payoutEnabled: z.boolean(),
    /** Single-use and short-lived: ask again for a new one. */
    onboardingUrl: z.string().url(),
    onboardingExpiresAt: z.string().datetime(),
  })
  .openapi('PayoutOnboarding');

const route = createRoute({
  method: 'post',
  path: '/v1/sellers/me/payout-account',
  tags: ['payouts'],
  summary: 'Create my connected account at the provider and get its onboarding link',
  request: { headers: IdempotencyHeader },
  responses: {
    201: { description: 'Account created', content: { 'application/json': { schema: Onboarding } } },
    200: {
      description: 'Account exists: a new link',
      content: { 'application/json': { schema: Onboarding } },
    },
  },
});

/** One connected account per seller, whatever retries or parallel requests there are. */
export const connectedAccountKey = (sellerId: string) => `seller:${sellerId}:connected-account`;

export function registerOnboarding(app: App): void {
  app.openapi(withStepUp(route), async (c) => {
    const { db, env } = c.var.deps;
    const sellerId = c.var.user.id;
    const accounts = connectedAccounts(c.var.deps);
    const known = await payoutAccountStateOf(db, sellerId);
    const account = await atProvider('onboarding', () =>
      known.accountId
        ? accounts.getAccount(known.accountId)
        : accounts.createAccount({ idempotencyKey: connectedAccountKey(sellerId), sellerId }),
    );
    await linkPayoutAccount(db, sellerId, account);
    const back = new URL('/v1/sellers/me/payout-account', env.PUBLIC_URL).toString();
    const link = await atProvider('onboarding link', () =>
      accounts.createOnboardingLink({ accountId: account.id, refreshUrl: back, returnUrl: back }),
    );
    return c.json(
      {
        accountId: account.id,
        payoutEnabled: account.payoutsEnabled,
        onboardingUrl: link.url,
        onboardingExpiresAt: new Date(link.expiresAt * 1000).toISOString(),
      },
      known.accountId ? 200 : 201,
    );
  });
}
