import type { App } from '../../types.js';
import { registerPlaceBid } from './bid.js';
import { registerGetAuction } from './get.js';

export function registerAuctionRoutes(app: App): void {
  registerPlaceBid(app);
  registerGetAuction(app);
}
