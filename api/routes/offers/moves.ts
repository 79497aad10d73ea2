/**
 * A party's move on an offer, sent to `offer-<id>` as its typed update (workflows/offer/messages.ts):
 * POST /v1/offers/:id/accept · /decline · /withdraw · /counter {amount}. The workflow refuses a move
 * out of turn (409 invalid_state), a counter outside the amounts on the table (422), a larger hold the
 * card refuses (402); a stranger gets 404 here. The answer is the offer once the move took effect.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { UpdateDefinition } from '@temporalio/common';
import { findOffer } from '../../../db/queries/offers.js';
import { offerWorkflowId } from '../../../domain/ids.js';
import type { OfferMover, OfferState } from '../../../domain/offer.js';
import {
  acceptOfferUpdate,
  counterOfferUpdate,
  declineOfferUpdate,
  withdrawOfferUpdate,
} from '../../../workflows/offer/messages.js';
import { Amount, Id, IdempotencyHeader, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { runWorkflowUpdate } from '../workflow-update.js';
import { visibleOffer } from './get.js';
import { Offer, offerJson } from './shape.js';

const CounterBody = z
  .object({
    amount: Amount.openapi({ description: 'Strictly between the buyer’s last amount and the seller’s' }),
  })
  .strict()
  .openapi({ example: { amount: 41_000 } });

const MOVES = {
  accept: {
    update: acceptOfferUpdate,
    summary: 'Accept the other party’s last amount: an order at that amount',
  },
  decline: { update: declineOfferUpdate, summary: 'Decline the offer (the party whose turn it is)' },
  withdraw: { update: withdrawOfferUpdate, summary: 'Withdraw the offer (the buyer, on the seller’s turn)' },
  counter: {
    update: counterOfferUpdate,
    summary: 'Counter with another amount (the party whose turn it is)',
  },
} as const;

function registerMove<Arg extends OfferMover>(
  app: App,
  action: keyof typeof MOVES,
  update: UpdateDefinition<OfferState, [Arg]>,
) {
  const route = createRoute({
    method: 'post',
    path: `/v1/offers/{id}/${action}`,
    tags: ['offers'],
    summary: MOVES[action].summary,
    request: {
      params: z.object({ id: Id }),
      headers: IdempotencyHeader,
      ...(action === 'counter' && {
        body: { content: { 'application/json': { schema: CounterBody } }, required: true },
      }),
    },
    responses: {
      200: { description: 'The offer after the move', content: { 'application/json': { schema: Offer } } },
      402: problemResponse('The buyer’s card refused the hold for the new amount (`payment_declined`)'),
      404: problemResponse('No such offer visible to you'),
      409: problemResponse(
        'Not your turn, or the offer has ended (`invalid_state`); sold out (`out_of_stock`)',
      ),
      422: problemResponse('A counter outside the amounts on the table (`amount_out_of_range`)'),
    },
  });
  app.openapi(route, async (c) => {
    const offer = await visibleOffer(c, c.req.valid('param').id);
    const body = action === 'counter' ? await c.req.json<{ amount: number }>() : {};
    await runWorkflowUpdate(
      c,
      offerWorkflowId({ offerId: offer.id }),
      update,
      [{ ...body, userId: c.var.user.id } as Arg],
      `the offer is ${offer.status}`,
    );
    return c.json(offerJson((await findOffer(c.var.deps.db, offer.id))!), 200);
  });
}

export function registerOfferMoves(app: App): void {
  registerMove(app, 'accept', MOVES.accept.update);
  registerMove(app, 'decline', MOVES.decline.update);
  registerMove(app, 'withdraw', MOVES.withdraw.update);
  registerMove(app, 'counter', MOVES.counter.update);
}
