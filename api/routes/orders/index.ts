import type { App } from '../../types.js';
import { registerCreateOrder } from './create.js';
import { registerGetOrder } from './get.js';
import { registerListOrders } from './list.js';

export function registerOrderRoutes(app: App): void {
  registerCreateOrder(app);
  registerListOrders(app);
  registerGetOrder(app);
}
