import type { App } from '../../types.js';
import { registerCreateListing } from './create.js';
import { registerGetListing } from './get.js';
import { registerListListings } from './list.js';
import { registerUpdateListing } from './update.js';

export function registerListingRoutes(app: App): void {
  registerCreateListing(app);
  registerListListings(app);
  registerGetListing(app);
  registerUpdateListing(app);
}
