/**
 * GET and PUT /v1/sellers/me/payout-account: the seller's connected account and whether the provider
 * enabled payouts to it. PUT links an account the seller already has with us at the provider (made for
 * them: 403 otherwise; one seller per account: 409); like an account made by POST (onboarding.ts),
 * it takes payouts only once the provider says so.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { payoutAccountStateOf } from '../../../db/queries/payouts.js';
import { withStepUp } from '../../middleware/step-up.js';
import { IdempotencyHeader, problemResponse } from '../../schemas.js';
import { assertSellersAccount, linkPayoutAccount } from '../../services/sellers/link-account.js';
import type { App } from '../../types.js';
import { registerOnboarding } from './onboarding.js';
import { atProvider, connectedAccounts } from './provider-call.js';

const AccountId = z.string().regex(/^acct_[A-Za-z0-9_]{1,64}$/, 'a connected account id such as acct_123');
const Body = z.object({ accountId: AccountId }).strict();
const State = z
  .object({ accountId: AccountId.nullable(), payoutEnabled: z.boolean() })
  .openapi('PayoutAccount');

const put = createRoute({
  method: 'put',
  path: '/v1/sellers/me/payout-account',
  tags: ['payouts'],
  summary: 'Link my existing connected account at the provider (payouts follow its onboarding state)',
  request: {
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    200: { description: 'Linked', content: { 'application/json': { schema: State } } },
    403: problemResponse('The account was not made for this seller'),
    409: problemResponse('The account is linked to another seller'),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/sellers/me/payout-account',
  tags: ['payouts'],
  summary: 'My connected account and whether payouts to it are enabled',
  responses: {
    200: { description: 'Payout account', content: { 'application/json': { schema: State } } },
  },
});

export function registerPayoutAccount(app: App): void {
  app.openapi(withStepUp(put), async (c) => {
    const { accountId } = c.req.valid('json');
    const { db } = c.var.deps;
    const sellerId = c.var.user.id;
    const account = await atProvider('linking the account', () =>
      connectedAccounts(c.var.deps).getAccount(accountId),
    );
    assertSellersAccount(account, sellerId, (await payoutAccountStateOf(db, sellerId)).accountId);
    await linkPayoutAccount(db, sellerId, account);
    return c.json({ accountId: account.id, payoutEnabled: account.payoutsEnabled }, 200);
  });
  app.openapi(get, async (c) => {
    const state = await payoutAccountStateOf(c.var.deps.db, c.var.user.id);
    return c.json({ accountId: state.accountId, payoutEnabled: state.payoutsEnabled }, 200);
  });
  registerOnboarding(app);
}
