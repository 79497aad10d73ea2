import {
  findDispute,
  insertDispute,
  insertEvidence,
  resolveDispute,
  setDisputeStatus,
} from '../db/queries/disputes.js';
import { openSealed } from '../db/queries/personal-keys.js';
import type { DisputeOutcome, DisputeReason, DisputeStatus } from '../domain/dispute.js';
import type { ActivityDeps } from './deps.js';

export function createDisputeActivities({ db }: ActivityDeps) {
  return {
    async openDisputeRecord(input: {
      disputeId: string;
      orderId: string;
      openedBy: string;
      reason: DisputeReason;
      description: string;
    }): Promise<void> {
      // The buyer's text came sealed under their key (docs/adr/0012): stored here in the clear.
      const description = await openSealed(db, input.description);
      await insertDispute(db, { id: input.disputeId, ...input, description });
    },
    async setDisputeStatus({
      disputeId,
      status,
    }: {
      disputeId: string;
      status: DisputeStatus;
    }): Promise<void> {
      await setDisputeStatus(db, disputeId, status);
    },
    async recordEvidence(input: {
      evidenceId: string;
      disputeId: string;
      authorId: string;
      text: string;
      links: string[];
    }): Promise<void> {
      const text = await openSealed(db, input.text);
      const links = await Promise.all(input.links.map((link) => openSealed(db, link)));
      await insertEvidence(db, { id: input.evidenceId, ...input, text, links });
    },
    async recordDisputeOutcome({ disputeId, outcome }: { disputeId: string; outcome: DisputeOutcome }) {
      await resolveDispute(db, disputeId, outcome);
      return (await findDispute(db, disputeId))?.status;
    },
  };
}
