/** The one-statement status change (db/queries/order-move.ts) on the run's real PostgreSQL. */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { moveOrderStatus } from '../../db/queries/order-move.js';
import { findOrder, InvalidTransitionError } from '../../db/queries/orders.js';
import { orderEvents } from '../../db/schema/index.js';
import { plantedOrder } from '../support/planted-order.js';
import { testDb } from '../support/stack.js';

const { db, close } = testDb();
afterAll(() => close());

const pendingOrder = async () => (await plantedOrder(db)).orderId;

const eventsOf = (orderId: string) =>
  db
    .select({ key: orderEvents.key, type: orderEvents.type, data: orderEvents.data })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId));

describe('moveOrderStatus', () => {
  it('moves once with its event and fields; a retry moves nothing and writes no second event', async () => {
    const orderId = await pendingOrder();
    const move = {
      orderId,
      from: ['pending' as const],
      to: 'reserved' as const,
      eventKey: `order-${orderId}:status:reserved`,
      set: { paymentIntentId: 'pi_move_test' },
      data: { note: 'first' },
    };
    expect(await moveOrderStatus(db, move)).toEqual({ moved: true });
    expect(await moveOrderStatus(db, move)).toEqual({ moved: false });
    expect(await findOrder(db, orderId)).toMatchObject({
      status: 'reserved',
      paymentIntentId: 'pi_move_test',
    });
    expect((await eventsOf(orderId)).filter((e) => e.type === 'order.reserved')).toEqual([
      { key: move.eventKey, type: 'order.reserved', data: { note: 'first' } },
    ]);
  });

  it('refuses a move from a status it does not expect, naming the status it found, and changes nothing', async () => {
    const orderId = await pendingOrder();
    const refused = moveOrderStatus(db, {
      orderId,
      from: ['authorized'],
      to: 'paid',
      eventKey: `order-${orderId}:status:paid`,
    });
    await expect(refused).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(refused).rejects.toThrow(`order ${orderId} cannot move from pending to paid`);
    expect(await findOrder(db, orderId)).toMatchObject({ status: 'pending' });
    expect((await eventsOf(orderId)).map((e) => e.type)).toEqual(['order.created']);
  });

  it('refuses an order that does not exist', async () => {
    await expect(
      moveOrderStatus(db, {
        orderId: 'ord_missing',
        from: ['pending'],
        to: 'reserved',
        eventKey: 'k_missing',
      }),
    ).rejects.toThrow('order ord_missing cannot move from missing to reserved');
  });
});
