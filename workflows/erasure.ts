/**
 * erasure (`erasure-<userId>`, one per person): waits until nothing of the person's is open (orders
 * not final, live offers, undecided disputes, payouts not settled), then erases or pseudonymizes their
 * personal data in one transaction that looks once more (activities/privacy.ts, docs/privacy.md).
 * It looks again every `recheckMs`, and at once when the person asks again (the recheck update, which
 * answers with that look's outcome). Its payloads hold ids and open items only, never personal data.
 */
import { condition, continueAsNew, setHandler } from '@temporalio/workflow';
import type { ErasureInput, ErasureState } from '../domain/privacy.js';
import { erasureStatusQuery, recheckErasureUpdate } from './erasure/messages.js';
import { afterHandlers } from './handlers-finished.js';
import { activitiesOn, databaseStep } from './options.js';

export { erasureStatusQuery, recheckErasureUpdate } from './erasure/messages.js';

const db = activitiesOn(databaseStep);

/** Looks per run: a dispute can keep a person waiting for weeks; the history stays short. */
const LOOKS_PER_RUN = 100;

export async function erasureWorkflow(input: ErasureInput): Promise<ErasureState> {
  let state: ErasureState = { erasureId: input.erasureId, status: 'waiting', waitingFor: [] };
  let started = 0;
  let finished = 0;
  let asked = false;
  setHandler(erasureStatusQuery, () => state);
  setHandler(recheckErasureUpdate, async () => {
    // A look already under way began before this request: the answer is the next one's.
    const after = started;
    asked = true;
    await condition(() => finished > after || state.status === 'done');
    return state;
  });

  for (let look = 0; look < LOOKS_PER_RUN; look++) {
    asked = false;
    const n = ++started;
    state = await db.eraseWhenNothingOpen({ erasureId: input.erasureId, userId: input.userId });
    finished = n;
    if (state.status === 'done') return afterHandlers(Promise.resolve(state));
    await condition(() => asked, input.recheckMs);
  }
  await afterHandlers(Promise.resolve(state));
  return continueAsNew<typeof erasureWorkflow>(input);
}
