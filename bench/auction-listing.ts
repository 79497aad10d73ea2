/** The hot auction the bench's bid and SSE phases bid on: one unit, an hour long so no bid meets its end. */
export const AUCTION_START = 1_000;
export const AUCTION_INCREMENT = 100;

export function hotAuctionListing(title: string) {
  return {
    title,
    currency: 'EUR',
    quantity: 1,
    format: 'auction',
    auction: {
      startAmount: AUCTION_START,
      bidIncrement: AUCTION_INCREMENT,
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
    },
  };
}
