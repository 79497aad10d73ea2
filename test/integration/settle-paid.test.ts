/**
 * settlePaid on the run's real PostgreSQL: the escrow posting, the committed reservation and the
 * `paid` row (with its notifications) hold together or not at all, a retry changes nothing, and a
 * refused move leaves none of its parts, though they are sent together.
 */
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createOrderActivities } from '../../activities/orders.js';
import { accountBalance } from '../../db/queries/ledger.js';
import { moveOrderStatus } from '../../db/queries/order-move.js';
import { findOrder, InvalidTransitionError } from '../../db/queries/orders.js';
import { inventoryReservations, ledgerEntries, notificationOutbox } from '../../db/schema/index.js';
import { captureLines } from '../../domain/ledger.js';
import { plantedOrder } from '../support/planted-order.js';
import { testDb } from '../support/stack.js';

const { db, close } = testDb();
afterAll(() => close());

const { settlePaid } = createOrderActivities({ db, log: pino({ level: 'silent' }) });

/** An order placed as the API places it (stock taken), then moved to `status`. */
async function orderIn(status: 'pending' | 'authorized') {
  const { orderId, buyer } = await plantedOrder(db);
  if (status === 'authorized')
    await moveOrderStatus(db, {
      orderId,
      from: ['pending'],
      to: 'authorized',
      eventKey: `${orderId}:authorized`,
    });
  return { orderId, buyer };
}

function settleInput(orderId: string, buyer: string) {
  return {
    ledger: {
      key: `order-${orderId}:capture`,
      description: 'settle-paid test',
      orderId,
      lines: captureLines({ orderId, amount: 900, currency: 'EUR' }),
    },
    status: {
      orderId,
      from: ['authorized' as const],
      to: 'paid' as const,
      eventKey: `order-${orderId}:status:paid`,
      notify: [
        { dedupeKey: `${orderId}:paid`, userId: buyer, type: 'order.paid', orderId, payload: { orderId } },
      ],
    },
  };
}

const reservationOf = async (orderId: string) =>
  (await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, orderId)))[0]
    ?.status;
const postings = async (key: string) =>
  (await db.select().from(ledgerEntries).where(eq(ledgerEntries.key, key))).length;
const notices = async (orderId: string) =>
  (
    await db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, `${orderId}:paid`))
  ).length;

describe('settlePaid', () => {
  it('books, commits and moves to paid together; a retry changes nothing', async () => {
    const { orderId, buyer } = await orderIn('authorized');
    await settlePaid(settleInput(orderId, buyer));
    await settlePaid(settleInput(orderId, buyer));
    expect(await findOrder(db, orderId)).toMatchObject({ status: 'paid' });
    expect((await findOrder(db, orderId))?.paidAt).toBeInstanceOf(Date);
    expect(await accountBalance(db, `escrow:${orderId}`, 'EUR')).toBe(900n);
    expect(await postings(`order-${orderId}:capture`)).toBe(1);
    expect(await reservationOf(orderId)).toBe('committed');
    expect(await notices(orderId)).toBe(1);
  });

  it('a refused move leaves no posting, no commit and no notification', async () => {
    const { orderId, buyer } = await orderIn('pending');
    await expect(settlePaid(settleInput(orderId, buyer))).rejects.toBeInstanceOf(InvalidTransitionError);
    expect(await findOrder(db, orderId)).toMatchObject({ status: 'pending' });
    expect(await accountBalance(db, `escrow:${orderId}`, 'EUR')).toBe(0n);
    expect(await postings(`order-${orderId}:capture`)).toBe(0);
    expect(await reservationOf(orderId)).toBe('held');
    expect(await notices(orderId)).toBe(0);
  });
});
