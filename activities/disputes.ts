import {
  findDispute,
  insertDispute,
  insertEvidence,
  resolveDispute,
  setDisputeStatus,
} from '../db/queries/disputes.js';
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
      await insertDispute(db, { id: input.disputeId, ...input });
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
      await insertEvidence(db, { id: input.evidenceId, ...input });
    },
    async recordDisputeOutcome({ disputeId, outcome }: { disputeId: string; outcome: DisputeOutcome }) {
      await resolveDispute(db, disputeId, outcome);
      return (await findDispute(db, disputeId))?.status;
    },
  };
}
