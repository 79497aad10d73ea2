/**
 * Dispute rows, evidence and the operators' audit log with the rules of db/queries/disputes.ts: one
 * dispute per order, evidence once per id, a resolved dispute changes no more, and an operator's
 * decision is audited once.
 */
import type { DisputeOutcome, DisputeReason, DisputeStatus } from '../../domain/dispute.js';

export interface DisputeRow {
  id: string;
  orderId: string;
  openedBy: string;
  reason: DisputeReason;
  description: string;
  status: DisputeStatus;
  outcome?: DisputeOutcome['outcome'];
  refundAmount?: number;
}

export interface EvidenceRow {
  id: string;
  disputeId: string;
  authorId: string;
  text: string;
  links: string[];
}

export interface AuditEntry {
  actorId: string;
  action: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export class FakeDisputes {
  private readonly rows = new Map<string, DisputeRow>();
  private readonly evidenceRows = new Map<string, EvidenceRow>();
  private readonly auditLog: AuditEntry[] = [];

  open(input: Omit<DisputeRow, 'id' | 'status'> & { disputeId: string }): void {
    if ([...this.rows.values()].some((d) => d.orderId === input.orderId)) return;
    const { disputeId, ...rest } = input;
    this.rows.set(disputeId, { id: disputeId, ...rest, status: 'open' });
  }

  setStatus(disputeId: string, status: DisputeStatus): void {
    const row = this.rows.get(disputeId);
    if (row && row.status !== 'resolved') row.status = status;
  }

  addEvidence(row: EvidenceRow): void {
    if (!this.evidenceRows.has(row.id)) this.evidenceRows.set(row.id, structuredClone(row));
  }

  /** Resolves once; an operator's decision leaves an audit entry. Returns the row's status after. */
  resolve(disputeId: string, outcome: DisputeOutcome): DisputeStatus | undefined {
    const row = this.rows.get(disputeId);
    if (row && row.status !== 'resolved') {
      row.status = 'resolved';
      row.outcome = outcome.outcome;
      row.refundAmount = outcome.refundAmount;
      if (typeof outcome.decidedBy === 'object')
        this.auditLog.push({
          actorId: outcome.decidedBy.operatorId,
          action: 'dispute.resolve',
          subjectId: disputeId,
          data: {
            orderId: row.orderId,
            outcome: outcome.outcome,
            refundAmount: outcome.refundAmount,
            restock: outcome.restock,
          },
        });
    }
    return row?.status;
  }

  row(disputeId: string): DisputeRow | undefined {
    const row = this.rows.get(disputeId);
    return row && { ...row };
  }

  evidence(disputeId: string): EvidenceRow[] {
    return [...this.evidenceRows.values()].filter((e) => e.disputeId === disputeId).map((e) => ({ ...e }));
  }

  audit(subjectId: string): AuditEntry[] {
    return this.auditLog.filter((a) => a.subjectId === subjectId).map((a) => structuredClone(a));
  }
}
