import type { App } from '../../types.js';
import { registerCreateOffer } from './create.js';
import { registerGetOffer } from './get.js';
import { registerListOffers } from './list.js';
import { registerOfferMoves } from './moves.js';

export function registerOfferRoutes(app: App): void {
  registerCreateOffer(app);
  registerListOffers(app);
  registerGetOffer(app);
  registerOfferMoves(app);
}
