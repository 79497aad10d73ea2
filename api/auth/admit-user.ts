/**
 * Where a verified token's holder is let in, after its signature and claims and before any route:
 * the first request of a user records them (ensureUser). The one place an account's state may still
 * refuse a valid token: answer the refusal (a problem Response) to stop the request, or undefined.
 */
import type { Context } from 'hono';
import { ensureUser } from '../../db/queries/users.js';
import { isErased } from '../middleware/erased-accounts.js';
import { problem } from '../problem.js';
import type { AppEnv, AuthUser } from '../types.js';

export async function admitUser(c: Context<AppEnv>, user: AuthUser): Promise<Response | undefined> {
  // Erasure is final (docs/privacy.md): a token issued before it still verifies, and is refused here.
  if (await isErased(c.var.deps.db, user.id)) return problem(c, 'account_erased', 'this account was erased');
  await ensureUser(c.var.deps.db, user.id, user.role === 'operator' ? 'operator' : 'buyer');
  return undefined;
}
