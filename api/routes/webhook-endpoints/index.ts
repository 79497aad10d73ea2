import type { App } from '../../types.js';
import { registerCreateWebhookEndpoint } from './create.js';
import { registerDeleteWebhookEndpoint } from './delete.js';
import { registerListWebhookDeliveries } from './deliveries.js';
import { registerListWebhookEndpoints } from './list.js';

export function registerWebhookEndpointRoutes(app: App): void {
  registerCreateWebhookEndpoint(app);
  registerListWebhookEndpoints(app);
  registerDeleteWebhookEndpoint(app);
  registerListWebhookDeliveries(app);
}
