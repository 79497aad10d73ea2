import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { findOffer, type OfferRow } from '../../../db/queries/offers.js';
import { DomainError } from '../../../domain/errors.js';
import { Id, problemResponse } from '../../schemas.js';
import type { App, AppEnv } from '../../types.js';
import { Offer, offerJson } from './shape.js';

const route = createRoute({
  method: 'get',
  path: '/v1/offers/{id}',
  tags: ['offers'],
  summary: 'Read an offer (its buyer, its seller or an operator)',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The offer', content: { 'application/json': { schema: Offer } } },
    404: problemResponse('No such offer visible to you'),
  },
});

/** An offer is visible to its parties and operators; anyone else gets 404, so ids leak nothing. */
export async function visibleOffer(c: Context<AppEnv>, offerId: string): Promise<OfferRow> {
  const { user } = c.var;
  const offer = await findOffer(c.var.deps.db, offerId);
  if (!offer || (user.role !== 'operator' && offer.buyerId !== user.id && offer.sellerId !== user.id))
    throw new DomainError('not_found', 'offer not found');
  return offer;
}

export function registerGetOffer(app: App): void {
  app.openapi(route, async (c) => c.json(offerJson(await visibleOffer(c, c.req.valid('param').id)), 200));
}
