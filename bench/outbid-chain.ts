/**
 * A chain of bids in which each outbids the one before it: bid k+1 is sent once bid k has answered,
 * with a maximum far above it, so it takes the lead from bid k's bidder, who is told `auction.outbid`.
 * Each bidder bids once, so an outbid event names its bid by who received it.
 */

/** Bid k's maximum: far enough apart that bid k+1 always leads, whatever the increment. */
export const chainMaximum = (start: number, increment: number, k: number) => start + 10 * increment * (k + 1);

export interface ChainBid {
  bidderId: string;
  /** When the bid was sent (performance.now() of the process that also stamps the events). */
  sentAt: number;
  /** Its answer took the lead (201 `leading`): only then did it outbid the bid before it. */
  leading: boolean;
}

/**
 * The delay from each outbid to its event at the outbid bidder: bid k+1 (leading) outbid bid k's
 * bidder, whose first `auction.outbid` arrived at `received.get(bidder)`; measured from bid k+1's send,
 * so the outbidding bid's own latency is in it. `missing`: outbid bidders whose event never came.
 */
export function outbidDelays(
  chain: readonly ChainBid[],
  received: ReadonlyMap<string, number>,
): { delays: number[]; missing: string[] } {
  const delays: number[] = [];
  const missing: string[] = [];
  for (let k = 0; k + 1 < chain.length; k++) {
    const outbid = chain[k]!;
    const by = chain[k + 1]!;
    if (!outbid.leading || !by.leading) continue;
    const at = received.get(outbid.bidderId);
    if (at === undefined) missing.push(outbid.bidderId);
    else delays.push(at - by.sentAt);
  }
  return { delays, missing };
}
