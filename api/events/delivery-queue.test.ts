/** The per-stream queue: held while replaying, written in order, bounded, given up once on overflow. */
import { describe, expect, it } from 'vitest';
import { createDeliveryQueue } from './delivery-queue.js';

/** A writer whose writes complete only when the test says so, like a socket that is not read. */
function stalledWriter() {
  const written: number[] = [];
  const pending: Array<() => void> = [];
  const write = (item: number) =>
    new Promise<void>((resolve) => {
      pending.push(() => {
        written.push(item);
        resolve();
      });
    });
  /** Lets every write so far complete, and the ones they lead to, until none is waiting. */
  const flush = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { written, write, flush };
}

const byValue = (a: number, b: number) => a - b;

describe('createDeliveryQueue', () => {
  it('holds items until started, then writes them sorted, then each later one as it comes', async () => {
    const written: number[] = [];
    const queue = createDeliveryQueue<number>({
      limit: 10,
      write: async (n) => {
        written.push(n);
      },
      onOverflow: () => expect.fail('no overflow expected'),
      order: byValue,
    });
    queue.push(3);
    queue.push(1);
    queue.push(2);
    expect(written).toEqual([]);
    await queue.start();
    expect(written).toEqual([1, 2, 3]);
    queue.push(4);
    await new Promise((r) => setImmediate(r));
    expect(written).toEqual([1, 2, 3, 4]);
    expect(queue.size).toBe(0);
  });

  it('writes one item at a time: the next waits for the socket to take the previous', async () => {
    const writer = stalledWriter();
    const queue = createDeliveryQueue<number>({
      limit: 10,
      write: writer.write,
      onOverflow: () => expect.fail('no overflow expected'),
      order: byValue,
    });
    void queue.start();
    for (const n of [1, 2, 3]) queue.push(n);
    expect(queue.size).toBe(2); // 1 is being written, 2 and 3 wait
    await writer.flush();
    expect(writer.written).toEqual([1, 2, 3]);
    expect(queue.size).toBe(0);
  });

  it('gives up on a reader that falls `limit` items behind: drops them, calls onOverflow once, writes nothing more', async () => {
    const writer = stalledWriter();
    let overflows = 0;
    const queue = createDeliveryQueue<number>({
      limit: 5,
      write: writer.write,
      onOverflow: () => overflows++,
      order: byValue,
    });
    void queue.start();
    for (let n = 1; n <= 6; n++) queue.push(n); // 1 in the socket, 2..6 queued: full
    expect(overflows).toBe(0);
    queue.push(7);
    queue.push(8);
    expect(overflows).toBe(1);
    expect(queue.overflowed).toBe(true);
    expect(queue.size).toBe(0);
    await writer.flush();
    expect(writer.written).toEqual([1]);
  });

  it('counts what arrives during the replay against the same bound', () => {
    let overflows = 0;
    const queue = createDeliveryQueue<number>({
      limit: 3,
      write: async () => {},
      onOverflow: () => overflows++,
      order: byValue,
    });
    for (let n = 1; n <= 4; n++) queue.push(n);
    expect(overflows).toBe(1);
  });
});

describe('createDeliveryQueue by weight', () => {
  it('bounds the total weight held, and frees an item’s weight once it is written', async () => {
    const writer = stalledWriter();
    let overflows = 0;
    const queue = createDeliveryQueue<number>({
      limit: 100,
      write: writer.write,
      onOverflow: () => overflows++,
      order: byValue,
    });
    void queue.start();
    queue.push(1, 60); // handed to the socket at once: no longer held
    queue.push(2, 60);
    queue.push(3, 40);
    expect(queue.weight).toBe(100);
    await writer.flush();
    expect(queue.weight).toBe(0);
    queue.push(4, 60); // in the socket
    queue.push(5, 60);
    queue.push(6, 41);
    expect(overflows).toBe(1);
    expect(queue.weight).toBe(0);
  });
});
