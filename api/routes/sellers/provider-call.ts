/** The API's own calls to the payment provider (seller onboarding), with the provider's errors as problems. */
import { DomainError } from '../../../domain/errors.js';
import { ProviderRejectedError, ProviderUnavailableError } from '../../../payments/provider.js';
import { connectedAccountsFor } from '../../../payments/select.js';
import type { ApiDeps } from '../../types.js';

export const connectedAccounts = (deps: ApiDeps) => connectedAccountsFor(deps.env);

export async function atProvider<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProviderRejectedError && err.status === 404)
      throw new DomainError('validation_failed', `${what}: the provider has no such account`);
    if (err instanceof ProviderRejectedError)
      throw new DomainError('validation_failed', `${what}: refused by the provider (${err.code})`);
    if (err instanceof ProviderUnavailableError)
      throw new DomainError(
        'upstream_unavailable',
        `${what}: the payment provider is unavailable; try again`,
      );
    throw err;
  }
}
