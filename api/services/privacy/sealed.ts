/**
 * Personal fields a request hands to a workflow, sealed under the caller's key first
 * (docs/adr/0012-personal-data-in-workflow-payloads.md): the workflow's history holds only the sealed
 * form, which the person's erasure makes unreadable; the activity that stores or uses a field opens it.
 */
import type { Context } from 'hono';
import { sealFor } from '../../../db/queries/personal-keys.js';
import { buyerAddress } from '../../middleware/client-ip.js';
import type { AppEnv } from '../../types.js';

export function sealedText(c: Context<AppEnv>, text: string): Promise<string> {
  return sealFor(c.var.deps.db, c.var.user.id, text);
}

/** The buyer's address for the fraud screen's per-address velocity, sealed; none from loopback. */
export async function sealedBuyerAddress(c: Context<AppEnv>): Promise<string | undefined> {
  const address = buyerAddress(c.var.clientIp);
  return address && sealedText(c, address);
}
