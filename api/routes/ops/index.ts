/** The operator API (role `operator` only): cross-user order, offer, auction and dispute lists, timelines, fraud reviews, reconciliation. */
import { DomainError } from '../../../domain/errors.js';
import type { App } from '../../types.js';
import { registerFraudReview } from './fraud-review.js';
import { registerOpsAuctions } from './list-auctions.js';
import { registerOpsDisputes } from './list-disputes.js';
import { registerOpsOffers } from './list-offers.js';
import { registerOpsOrders } from './list-orders.js';
import { registerReconciliationRoutes } from './reconciliation/index.js';
import { OPS } from './shared.js';
import { registerOrderTimeline } from './timeline.js';

export function registerOpsRoutes(app: App): void {
  app.use(`${OPS}/*`, async (c, next) => {
    if (c.var.user.role !== 'operator') throw new DomainError('forbidden', 'operators only');
    await next();
  });

  registerReconciliationRoutes(app);
  registerOpsOrders(app);
  registerOpsOffers(app);
  registerOpsAuctions(app);
  registerOpsDisputes(app);
  registerOrderTimeline(app);
  registerFraudReview(app);
}
