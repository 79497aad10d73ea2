/**
 * The events waiting for one SSE client, bounded. Items are written one at a time and each write waits
 * for the socket to take it (back-pressure reaches here through the response stream), so a client
 * that reads slower than its events arrive fills its queue; past `limit` (in the weight the caller
 * gives each item: its size in bytes) the queue gives up on it: it drops what it holds and calls
 * `onOverflow` once, and the caller closes the stream. The client
 * reconnects with Last-Event-ID and the table replays what it missed, so memory per client stays
 * bounded and nothing is lost.
 *
 * It starts paused (the stream is replaying from the table meanwhile); `start()` writes what arrived,
 * in `order`, then every later item as it comes.
 */
export interface DeliveryQueue<T> {
  /** `weight` counts against `limit` until the item is handed to `write`. */
  push(item: T, weight?: number): void;
  /** Writes what was held, sorted by `order`, then keeps writing; resolves when the held items are written. */
  start(): Promise<void>;
  /** Items waiting (not counting the one being written). */
  readonly size: number;
  /** Their total weight. */
  readonly weight: number;
  /** True once it overflowed: nothing more is written. */
  readonly overflowed: boolean;
}

export function createDeliveryQueue<T>(options: {
  limit: number;
  write: (item: T) => Promise<void>;
  onOverflow: () => void;
  order: (a: T, b: T) => number;
}): DeliveryQueue<T> {
  let items: Array<{ item: T; weight: number }> = [];
  let weight = 0;
  let started = false;
  let overflowed = false;
  let writing = false;

  const drain = async () => {
    if (writing) return;
    writing = true;
    try {
      while (!overflowed) {
        const next = items.shift();
        if (next === undefined) break;
        weight -= next.weight;
        await options.write(next.item);
      }
    } finally {
      writing = false;
    }
  };

  return {
    push(item, itemWeight = 1) {
      if (overflowed) return;
      if (weight + itemWeight > options.limit) {
        overflowed = true;
        items = [];
        weight = 0;
        options.onOverflow();
        return;
      }
      items.push({ item, weight: itemWeight });
      weight += itemWeight;
      if (started) void drain();
    },
    async start() {
      if (started) return;
      started = true;
      items.sort((a, b) => options.order(a.item, b.item));
      await drain();
    },
    get size() {
      return items.length;
    },
    get weight() {
      return weight;
    },
    get overflowed() {
      return overflowed;
    },
  };
}
