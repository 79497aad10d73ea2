import type { App } from '../../types.js';
import { registerDisputeActions } from './actions.js';
import { registerGetDispute } from './get.js';
import { registerOpenDispute } from './open.js';

export function registerDisputeRoutes(app: App): void {
  registerOpenDispute(app);
  registerGetDispute(app);
  registerDisputeActions(app);
}
