import type { App } from '../../types.js';
import { registerSellerBalance } from '../sellers/balance.js';
import { registerPayoutAccount } from '../sellers/payout-account.js';
import { registerCreatePayout } from './create.js';
import { registerGetPayout } from './get.js';

export function registerPayoutRoutes(app: App): void {
  registerSellerBalance(app);
  registerPayoutAccount(app);
  registerCreatePayout(app);
  registerGetPayout(app);
}
