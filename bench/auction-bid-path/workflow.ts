/**
 * The other bid path of ADR 14, for measurement only: every bid an update of one workflow holding the
 * standing in memory (the proxy rule of domain/auction.ts in the update's handler). Not in the
 * production bundle: bench/auction-bid-path/main.ts bundles it for its own worker.
 */
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  type AuctionTerms,
  isRefusal,
  openingStanding,
  placeBid,
  type Standing,
} from '../../domain/auction.js';
import { benchBidUpdate, benchStandingQuery } from './messages.js';

export async function benchAuctionWorkflow(terms: AuctionTerms): Promise<Standing> {
  let standing = openingStanding(terms);
  setHandler(benchStandingQuery, () => standing);
  // A bid below the minimum is refused by the validator: no history event, as a real design would.
  setHandler(
    benchBidUpdate,
    (bid) => {
      const placed = placeBid(terms, standing, bid);
      if (isRefusal(placed))
        throw ApplicationFailure.nonRetryable(`bid_too_low ${placed.minimumBid}`, 'bid_too_low');
      standing = placed.standing;
      return standing;
    },
    {
      validator: (bid) => {
        const placed = placeBid(terms, standing, bid);
        if (isRefusal(placed))
          throw ApplicationFailure.nonRetryable(`bid_too_low ${placed.minimumBid}`, 'bid_too_low');
      },
    },
  );
  await condition(() => false);
  return standing;
}
