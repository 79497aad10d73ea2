/**
 * Data exports and erasures on the kit's state (activities/privacy.ts, db/queries/erasures.ts): what
 * an erasure waits for is read from the kit's orders, offers, disputes and payouts with the rules of
 * `openItemsOf`; an erasure is done once, and only when nothing is open; an export is stored once,
 * then deleted. The rows' personal data itself (the SQL's work) is the end-to-end test's to check.
 */
import type { Activities } from '../../activities/index.js';
import { disputeIdFor } from '../../domain/dispute.js';
import { isLive } from '../../domain/offer.js';
import { isFinal } from '../../domain/order.js';
import { type ErasureState, type OpenItem, sortOpenItems } from '../../domain/privacy.js';
import type { KitState } from './activities.js';

export interface ExportRow {
  id: string;
  userId: string;
  status: 'pending' | 'ready';
  data?: { userId: string; orders: string[] };
  expiresAt?: number;
}

export interface ErasureRow {
  id: string;
  userId: string;
  status: 'waiting' | 'done';
  waitingFor: OpenItem[];
  /** How many times the workflow looked. */
  looks: number;
  erasedAt?: number;
}

export class FakePrivacy {
  private readonly exports = new Map<string, ExportRow>();
  private readonly erasures = new Map<string, ErasureRow>();

  /** The row POST /v1/me/data-exports inserts before it starts the workflow. */
  requestExport(id: string, userId: string): void {
    this.exports.set(id, { id, userId, status: 'pending' });
  }

  export(id: string): ExportRow | undefined {
    const row = this.exports.get(id);
    return row && structuredClone(row);
  }

  store(id: string, data: ExportRow['data'], expiresAt: number): boolean {
    const row = this.exports.get(id);
    if (!row) return false;
    if (row.status === 'ready') return true;
    Object.assign(row, { status: 'ready', data, expiresAt });
    return true;
  }

  deleteExport(id: string): void {
    this.exports.delete(id);
  }

  /** The row POST /v1/me/erasure inserts (one per person) before it starts the workflow. */
  requestErasure(id: string, userId: string): void {
    if (![...this.erasures.values()].some((e) => e.userId === userId))
      this.erasures.set(id, { id, userId, status: 'waiting', waitingFor: [], looks: 0 });
  }

  erasure(id: string): ErasureRow | undefined {
    const row = this.erasures.get(id);
    return row && structuredClone(row);
  }

  /** One look, as the guarded transaction does: done once, and only with nothing open. */
  look(id: string, open: OpenItem[], now: number): ErasureState {
    const row = this.erasures.get(id);
    if (!row) throw new Error(`no erasure ${id}`);
    row.looks += 1;
    if (row.status !== 'done') {
      row.waitingFor = open;
      if (!open.length) Object.assign(row, { status: 'done', erasedAt: now });
    }
    return { erasureId: id, status: row.status, waitingFor: row.waitingFor };
  }
}

/** Orders not final, live offers, undecided disputes, payouts not settled: db/queries/erasures.ts. */
function openItemsOf(s: KitState, userId: string): OpenItem[] {
  const orders = s.orders.all().filter((o) => o.buyerId === userId || o.sellerId === userId);
  const disputes = orders.flatMap((o) => {
    const dispute = s.disputes.row(disputeIdFor(o.id));
    return dispute && dispute.status !== 'resolved' ? [dispute] : [];
  });
  return sortOpenItems([
    ...orders
      .filter((o) => !isFinal(o.status))
      .map((o) => ({ kind: 'order' as const, id: o.id, status: o.status })),
    ...s.offers
      .all()
      .filter((o) => (o.buyerId === userId || o.sellerId === userId) && isLive(o.state.status))
      .map((o) => ({ kind: 'offer' as const, id: o.id, status: o.state.status })),
    ...disputes.map((d) => ({ kind: 'dispute' as const, id: d.id, status: d.status })),
    ...s.payouts
      .all()
      .filter((p) => p.sellerId === userId && (p.status === 'pending' || p.status === 'in_transit'))
      .map((p) => ({ kind: 'payout' as const, id: p.id, status: p.status })),
  ]);
}

type PrivacyActivities = Pick<Activities, 'buildDataExport' | 'expireDataExport' | 'eraseWhenNothingOpen'>;

export function privacyFakes(s: KitState): PrivacyActivities {
  return {
    async buildDataExport({ exportId, userId, ttlMs }) {
      const now = await s.clock.now();
      const orders = s.orders.all().filter((o) => o.buyerId === userId || o.sellerId === userId);
      const built = s.privacy.store(exportId, { userId, orders: orders.map((o) => o.id) }, now + ttlMs);
      return { exportId, built };
    },
    async expireDataExport({ exportId }) {
      s.privacy.deleteExport(exportId);
    },
    async eraseWhenNothingOpen({ erasureId, userId }) {
      return s.privacy.look(erasureId, openItemsOf(s, userId), await s.clock.now());
    },
  };
}
