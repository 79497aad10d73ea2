/**
 * POST /v1/payouts: pays out the available balance (or part of it). The Idempotency-Key names the
 * payout, so a retried request starts nothing new.
 */

import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { newId } from '../../../db/new-id.js';
import { accountBalance } from '../../../db/queries/ledger.js';
import { findPayout, insertPayout, payoutAccountStateOf } from '../../../db/queries/payouts.js';
import { DomainError } from '../../../domain/errors.js';
import { accounts } from '../../../domain/ids.js';
import { withStepUp } from '../../middleware/step-up.js';
import { Amount, Currency, IdempotencyHeader, problemResponse } from '../../schemas.js';
import { startStored } from '../../services/payouts/start.js';
import type { App } from '../../types.js';
import { Payout, payoutJson } from './shape.js';

const Body = z.object({ currency: Currency, amount: Amount.optional() }).strict();

const route = createRoute({
  method: 'post',
  path: '/v1/payouts',
  tags: ['payouts'],
  summary: 'Pay out my available balance in a currency (all of it unless amount is given)',
  request: {
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    202: { description: 'Payout started', content: { 'application/json': { schema: Payout } } },
    409: problemResponse('Payouts not enabled, below the minimum, or more than available'),
  },
});

export function registerCreatePayout(app: App): void {
  app.openapi(withStepUp(route), async (c) => {
    const { currency, amount: requested } = c.req.valid('json');
    const { db, temporal, env } = c.var.deps;
    const sellerId = c.var.user.id;
    const { accountId: destination, payoutsEnabled } = await payoutAccountStateOf(db, sellerId);
    if (!destination)
      throw new DomainError(
        'invalid_state',
        'payouts are not enabled: create a payout account first (POST /v1/sellers/me/payout-account)',
        { reason: 'payouts_disabled' },
      );
    // The provider has not cleared the seller (KYC, bank account): nothing may move to the account yet.
    if (!payoutsEnabled)
      throw new DomainError(
        'invalid_state',
        'payouts are not enabled yet: finish onboarding at the payment provider (POST /v1/sellers/me/payout-account for a new link)',
        { reason: 'onboarding_incomplete', accountId: destination },
      );
    const key = c.req.valid('header')['idempotency-key'];
    const payoutId = key
      ? `po_${createHash('sha256').update(`${sellerId}\n${key}`).digest('hex').slice(0, 32)}`
      : newId('po');
    // A retry under the same key (its first answer was lost): the payout it named, started as stored.
    const named = key ? await findPayout(db, payoutId) : undefined;
    if (named)
      return c.json(
        payoutJson(await startStored(temporal, named, { currency, requested }, destination)),
        202,
      );
    const available = await accountBalance(db, accounts.sellerAvailable(sellerId), currency);
    const amount = requested ?? Number(available);
    if (amount < env.PAYOUT_MIN_MINOR) {
      throw new DomainError('invalid_state', `payouts start at ${env.PAYOUT_MIN_MINOR} minor units`, {
        reason: 'below_minimum',
        available: Number(available),
      });
    }
    if (BigInt(amount) > available) {
      throw new DomainError('invalid_state', `only ${available} available`, {
        reason: 'insufficient_funds',
        available: Number(available),
      });
    }
    // A concurrent request under the same key may have written the row first: the stored row decides.
    const row = await insertPayout(db, { id: payoutId, sellerId, amount: BigInt(amount), currency });
    return c.json(
      payoutJson(await startStored(temporal, row, { currency, requested: amount }, destination)),
      202,
    );
  });
}
