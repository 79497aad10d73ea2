/** Storing the evidence the updates accepted, from the main loop, while waiting for a decision. */
import { condition } from '@temporalio/workflow';
import { effectKey } from '../../domain/ids.js';
import { db, notifications } from './activities.js';
import type { DisputeCase } from './case.js';

/** Stores the waiting evidence in arrival order (its ids are stable across replays), telling the other party. */
export async function flushEvidence(dispute: DisputeCase): Promise<void> {
  const { input, pendingEvidence } = dispute;
  const { disputeId, orderId } = input;
  while (pendingEvidence.length) {
    const item = pendingEvidence.shift()!;
    await db.recordEvidence({
      evidenceId: `${disputeId}_ev${item.seq}`,
      disputeId,
      authorId: item.userId,
      text: item.text,
      links: item.links ?? [],
    });
    dispute.recorded = item.seq + 1;
    const other = item.role === 'buyer' ? input.sellerId : input.buyerId;
    await notifications.notify({
      dedupeKey: effectKey(dispute.scope, `notify:${other}:evidence:${item.seq}`),
      userId: other,
      type: 'dispute.evidence',
      orderId,
      payload: { disputeId, orderId, from: item.role },
    });
  }
}

/** Waits for a decision, recording evidence as it comes; true when decided (or `until`) before `ms` passed. */
export async function waitForDecision(
  dispute: DisputeCase,
  ms: number,
  until: () => boolean = () => false,
): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    const woke = await condition(
      () => !!dispute.decided || dispute.pendingEvidence.length > 0 || until(),
      left,
    );
    await flushEvidence(dispute);
    if (dispute.decided || until()) return true;
    if (!woke) return false;
  }
}

/** Past every deadline: only a decision ends the wait, evidence still gets stored meanwhile. */
export async function waitForAnyDecision(dispute: DisputeCase): Promise<void> {
  while (!dispute.decided) {
    await condition(() => !!dispute.decided || dispute.pendingEvidence.length > 0);
    await flushEvidence(dispute);
  }
}
