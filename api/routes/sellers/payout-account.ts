import { createRoute, z } from '@hono/zod-openapi';
import { setPayoutAccount } from '../../../db/queries/payouts.js';
import { IdempotencyHeader } from '../../schemas.js';
import type { App } from '../../types.js';

const Body = z
  .object({
    accountId: z.string().regex(/^acct_[A-Za-z0-9_]{1,64}$/, 'a connected account id such as acct_123'),
  })
  .strict();

const route = createRoute({
  method: 'put',
  path: '/v1/sellers/me/payout-account',
  tags: ['payouts'],
  summary: 'Enable payouts to my connected account at the provider',
  request: {
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    200: {
      description: 'Payouts enabled',
      content: { 'application/json': { schema: Body.extend({ payoutEnabled: z.boolean() }) } },
    },
  },
});

export function registerPayoutAccount(app: App): void {
  app.openapi(route, async (c) => {
    const { accountId } = c.req.valid('json');
    await setPayoutAccount(c.var.deps.db, c.var.user.id, accountId);
    return c.json({ accountId, payoutEnabled: true }, 200);
  });
}
