import { createRoute, z } from '@hono/zod-openapi';
import { sellerBalances } from '../../../db/queries/balances.js';
import { Currency } from '../../schemas.js';
import type { App } from '../../types.js';

const Balance = z
  .object({
    currency: Currency,
    escrow: z.number().int(),
    available: z.number().int(),
    inTransit: z.number().int(),
    paidOut: z.number().int(),
  })
  .openapi('Balance');

const route = createRoute({
  method: 'get',
  path: '/v1/sellers/me/balance',
  tags: ['payouts'],
  summary: 'My balances per currency: in escrow, available, in transit, paid out',
  responses: {
    200: {
      description: 'Balances',
      content: { 'application/json': { schema: z.object({ balances: z.array(Balance) }) } },
    },
  },
});

export function registerSellerBalance(app: App): void {
  app.openapi(route, async (c) => {
    const balances = await sellerBalances(c.var.deps.db, c.var.user.id);
    return c.json(
      {
        balances: balances.map((b) => ({
          currency: b.currency as z.infer<typeof Currency>,
          escrow: Number(b.escrow),
          available: Number(b.available),
          inTransit: Number(b.inTransit),
          paidOut: Number(b.paidOut),
        })),
      },
      200,
    );
  });
}
