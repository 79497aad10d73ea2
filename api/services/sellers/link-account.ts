/**
 * Linking a seller's connected account (PUT and POST /v1/sellers/me/payout-account): the account must
 * be the seller's at the provider, and one account pays out to one seller only.
 */
import type { DbOrTx } from '../../../db/client.js';
import { setPayoutAccount } from '../../../db/queries/payouts.js';
import { DomainError } from '../../../domain/errors.js';
import type { ConnectedAccount } from '../../../payments/provider.js';

/**
 * The account was made for this seller (onboarding names the seller in its metadata at the provider),
 * or is the one already linked to them; any other account of the platform, another seller's
 * included, is refused: linking it would send that seller's payouts elsewhere.
 */
export function assertSellersAccount(
  account: ConnectedAccount,
  sellerId: string,
  linked: string | null,
): void {
  if (account.sellerId === sellerId || linked === account.id) return;
  throw new DomainError(
    'forbidden',
    'this connected account was not made for you: create yours with POST /v1/sellers/me/payout-account',
    { accountId: account.id },
  );
}

/** Links the account at the provider's payouts state; 409 when another seller has it linked. */
export async function linkPayoutAccount(
  db: DbOrTx,
  sellerId: string,
  account: ConnectedAccount,
): Promise<void> {
  try {
    await setPayoutAccount(db, sellerId, account.id, account.payoutsEnabled);
  } catch (err) {
    if (!violates(err, 'users_payout_account_uq')) throw err;
    throw new DomainError('invalid_state', 'this connected account is linked to another seller', {
      reason: 'account_linked_elsewhere',
      accountId: account.id,
    });
  }
}

/** A unique violation of `constraint`, as postgres-js reports it (drizzle wraps it as the cause). */
function violates(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const pg = e as { code?: string; constraint_name?: string };
    if (pg.code === '23505' && pg.constraint_name === constraint) return true;
  }
  return false;
}
