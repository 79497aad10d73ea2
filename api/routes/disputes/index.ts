import type { App } from '../../types.js';
import { registerAcceptDispute } from './accept.js';
import { registerAddEvidence } from './evidence.js';
import { registerGetDispute } from './get.js';
import { registerOpenDispute } from './open.js';
import { registerResolveDispute } from './resolve.js';

export function registerDisputeRoutes(app: App): void {
  registerOpenDispute(app);
  registerGetDispute(app);
  registerAddEvidence(app);
  registerAcceptDispute(app);
  registerResolveDispute(app);
}
