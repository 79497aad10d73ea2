import type { App } from '../../types.js';
import { registerCancelOrder } from './cancel.js';
import { registerConfirmDelivery } from './confirm-delivery.js';
import { registerCreateOrder } from './create.js';
import { registerGetOrder } from './get.js';
import { registerListOrders } from './list.js';
import { registerShipOrder } from './ship.js';

export function registerOrderRoutes(app: App): void {
  registerCreateOrder(app);
  registerListOrders(app);
  registerGetOrder(app);
  registerShipOrder(app);
  registerConfirmDelivery(app);
  registerCancelOrder(app);
}
