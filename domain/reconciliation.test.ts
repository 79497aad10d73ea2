import { describe, expect, it } from 'vitest';
import { type PlatformFacts, type ProviderFacts, reconcile } from './reconciliation.js';

const ours = (): PlatformFacts => ({
  orders: [
    { orderId: 'o1', intentId: 'pi_1', capturedRecorded: 1000, ledgerCaptured: 1000, ledgerRefunded: 0 },
    { orderId: 'o2', intentId: 'pi_2', capturedRecorded: 500, ledgerCaptured: 500, ledgerRefunded: 500 },
  ],
  payouts: [{ payoutId: 'po_1', transferId: 'tr_1', amount: 900, status: 'paid' }],
});
const theirs = (): ProviderFacts => ({
  intents: [
    { id: 'pi_1', orderId: 'o1', captured: 1000, refunded: 0, disputed: 0 },
    { id: 'pi_2', orderId: 'o2', captured: 500, refunded: 200, disputed: 300 },
  ],
  transfers: [{ id: 'tr_1', payoutId: 'po_1', amount: 900, status: 'paid' }],
});

describe('reconcile', () => {
  it('finds nothing when both sides agree (refunds and chargebacks together match the ledger)', () => {
    expect(reconcile(ours(), theirs())).toEqual([]);
  });

  it('reports each kind of disagreement with both figures', () => {
    const a = ours();
    const b = theirs();
    b.intents[0]!.captured = 1100; // amount differs
    b.intents[1]!.refunded = 0; // ledger refunded 500, provider 300 (chargeback only)
    b.intents.push({ id: 'pi_3', orderId: 'o3', captured: 700, refunded: 0, disputed: 0 }); // unknown to us
    a.orders.push({
      orderId: 'o4',
      intentId: 'pi_4',
      capturedRecorded: 400,
      ledgerCaptured: 400,
      ledgerRefunded: 0,
    });
    b.transfers.push({ id: 'tr_x', amount: 50, status: 'paid' }); // nobody asked for it
    b.transfers[0]!.status = 'failed'; // we think paid
    a.payouts.push({ payoutId: 'po_2', transferId: 'tr_gone', amount: 10, status: 'in_transit' });
    expect(reconcile(a, b)).toEqual([
      { kind: 'amount_differs', ref: 'pi_1', orderId: 'o1', ours: 1000, theirs: 1100 },
      { kind: 'refund_differs', ref: 'pi_2', orderId: 'o2', ours: 500, theirs: 300 },
      { kind: 'missing_capture', ref: 'pi_4', orderId: 'o4', ours: 400, theirs: 'absent' },
      { kind: 'capture_not_in_ledger', ref: 'pi_3', orderId: 'o3', ours: 0, theirs: 700 },
      { kind: 'transfer_differs', ref: 'tr_1', payoutId: 'po_1', ours: '900 paid', theirs: '900 failed' },
      { kind: 'orphan_transfer', ref: 'tr_x', theirs: 50 },
      { kind: 'missing_transfer', ref: 'tr_gone', payoutId: 'po_2', ours: 10 },
    ]);
  });

  it('does not call an in-flight transfer a mismatch', () => {
    const b = theirs();
    b.transfers[0]!.status = 'pending';
    expect(reconcile(ours(), b)).toEqual([]);
  });

  it('a chargeback the books did not take back in full is chargeback_unrecovered, not a refund mismatch', () => {
    const b = theirs();
    b.intents[0]!.disputed = 400; // a partial chargeback on o1, nothing booked back
    expect(reconcile(ours(), b)).toEqual([
      { kind: 'chargeback_unrecovered', ref: 'pi_1', orderId: 'o1', ours: 0, theirs: 400 },
    ]);
  });

  it('reports money stranded in an escrow: an order final with escrow left, or holding it with its workflow closed', () => {
    const a = ours();
    a.escrows = [
      { orderId: 'o5', status: 'completed', escrow: 500 },
      { orderId: 'o6', status: 'cancelled', escrow: 0 },
      { orderId: 'o7', status: 'disputed', escrow: 2_000, workflow: 'FAILED' },
      { orderId: 'o8', status: 'paid', escrow: 900, workflow: 'RUNNING' },
      { orderId: 'o9', status: 'shipped', escrow: 900 }, // its workflow not looked at: nothing said
    ];
    expect(reconcile(a, theirs())).toEqual([
      { kind: 'stranded_escrow', ref: 'escrow:o5', orderId: 'o5', ours: 500, theirs: 'completed' },
      {
        kind: 'stranded_escrow',
        ref: 'escrow:o7',
        orderId: 'o7',
        ours: 2_000,
        theirs: 'disputed, workflow FAILED',
      },
    ]);
  });

  it('reports a hold still authorized for an ended offer, but not a voided one, a live offer’s or its order’s', () => {
    const a = ours();
    const b = theirs();
    a.offerHolds = [
      { offerId: 'of1', intentId: 'pi_h1', offerStatus: 'expired', takenByOrder: false },
      { offerId: 'of2', intentId: 'pi_h2', offerStatus: 'withdrawn', takenByOrder: false },
      { offerId: 'of3', intentId: 'pi_h3', offerStatus: 'accepted', orderId: 'o3', takenByOrder: true },
      { offerId: 'of3', intentId: 'pi_h4', offerStatus: 'accepted', orderId: 'o3', takenByOrder: false },
      { offerId: 'of4', intentId: 'pi_h5', offerStatus: 'pending', takenByOrder: false },
    ];
    b.intents.push(
      { id: 'pi_h1', captured: 0, refunded: 0, disputed: 0, held: 1_500 },
      { id: 'pi_h2', captured: 0, refunded: 0, disputed: 0 }, // voided
      { id: 'pi_h3', captured: 0, refunded: 0, disputed: 0, held: 8_000 }, // its order captures it
      { id: 'pi_h4', captured: 0, refunded: 0, disputed: 0, held: 7_000 }, // the hold a raise replaced
      { id: 'pi_h5', captured: 0, refunded: 0, disputed: 0, held: 900 },
    );
    expect(reconcile(a, b)).toEqual([
      { kind: 'stranded_hold', ref: 'pi_h1', offerId: 'of1', ours: 'expired', theirs: 1_500 },
      { kind: 'stranded_hold', ref: 'pi_h4', offerId: 'of3', orderId: 'o3', ours: 'accepted', theirs: 7_000 },
    ]);
  });
});
