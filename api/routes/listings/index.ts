import type { App } from '../../types.js';
import { registerAuctionRoutes } from '../auctions/index.js';
import { registerCreateListing } from './create.js';
import { registerGetListing } from './get.js';
import { registerListListings } from './list.js';
import { registerUpdateListing } from './update.js';

export function registerListingRoutes(app: App): void {
  registerCreateListing(app);
  registerListListings(app);
  registerGetListing(app);
  registerUpdateListing(app);
  // An auction is a listing's: its bids and its state live under /v1/listings/{id}.
  registerAuctionRoutes(app);
}
