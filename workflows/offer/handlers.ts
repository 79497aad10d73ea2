/**
 * The offer's messages: the parties' moves as validated updates (turn rules and counter bounds of
 * domain/offer.ts, refused with the update-rejection vocabulary), the wait for the hold, the status,
 * and the sold-out signal. A move is applied in its handler; its effects (the row, the notices, the
 * order, the void) run in the main loop, and the handler answers once they are done.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { reject, UPDATE_REJECTIONS } from '../../domain/failures.js';
import { type OfferCounter, type OfferMove, type OfferMover, refuseMove } from '../../domain/offer.js';
import type { OfferContext } from './context.js';
import { placeHold } from './hold.js';
import {
  acceptOfferUpdate,
  awaitHoldUpdate,
  counterOfferUpdate,
  declineOfferUpdate,
  listingSoldOutSignal,
  offerStatusQuery,
  withdrawOfferUpdate,
} from './messages.js';

export function handleOfferMessages(o: OfferContext): void {
  setHandler(offerStatusQuery, () => o.state);
  setHandler(awaitHoldUpdate, async () => {
    await condition(() => o.settled);
    return o.state;
  });
  setHandler(listingSoldOutSignal, () => {
    o.soldOut = true;
  });

  /** Refuses a move by a stranger, before the hold is known, while another runs, out of turn or bounds. */
  const validate = (move: (arg: OfferCounter) => OfferMove) => (arg: OfferMover & { amount?: number }) => {
    const by = o.roleOf(arg.userId);
    if (!by) throw reject(UPDATE_REJECTIONS.forbidden, 'only the buyer or the seller moves on an offer');
    if (!o.settled) throw reject(UPDATE_REJECTIONS.invalidState, 'the buyer’s payment is being authorized');
    if (o.busy || o.accepting)
      throw reject(UPDATE_REJECTIONS.invalidState, 'another move on this offer is under way');
    const refusal = refuseMove(o.state, by, move({ amount: Number.NaN, ...arg }));
    if (refusal?.type === 'invalid_state') throw reject(UPDATE_REJECTIONS.invalidState, refusal.message);
    if (refusal) throw reject(UPDATE_REJECTIONS.amountOutOfRange, refusal.message);
  };

  /** Runs a move: the buyer's raise first (a new hold, or a refusal), then the move, then its effects. */
  const run = async (arg: OfferMover, move: OfferMove, raiseTo?: number) => {
    const by = o.roleOf(arg.userId)!;
    if (by === 'buyer' && raiseTo !== undefined) {
      o.busy = true;
      try {
        if ((await placeHold(o, raiseTo)) === 'declined')
          throw reject(UPDATE_REJECTIONS.paymentDeclined, `the card refused a hold of ${raiseTo}`);
      } finally {
        o.busy = false;
      }
    }
    o.move(by, move);
    const version = o.state.version;
    await condition(() => o.ended || (move.action !== 'accept' && o.recorded >= version));
    return o.state;
  };

  setHandler(
    acceptOfferUpdate,
    async (arg) => {
      const state = await run(arg, { action: 'accept' }, o.state.sellerAmount);
      if (state.status !== 'accepted') throw reject(UPDATE_REJECTIONS.outOfStock, 'the listing sold out');
      return state;
    },
    { validator: validate(() => ({ action: 'accept' })) },
  );
  setHandler(counterOfferUpdate, (arg) => run(arg, { action: 'counter', amount: arg.amount }, arg.amount), {
    validator: validate((arg) => ({ action: 'counter', amount: arg.amount })),
  });
  setHandler(declineOfferUpdate, (arg) => run(arg, { action: 'decline' }), {
    validator: validate(() => ({ action: 'decline' })),
  });
  setHandler(withdrawOfferUpdate, (arg) => run(arg, { action: 'withdraw' }), {
    validator: validate(() => ({ action: 'withdraw' })),
  });
}
