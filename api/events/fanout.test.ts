/** The fan-out's bookkeeping on an in-memory subscriber: one connection, subscribe on first, unsubscribe on last. */
import { describe, expect, it } from 'vitest';
import { createEventFanout, type Subscriber } from './fanout.js';

/** Records what the fan-out asks of Redis; `publish` delivers like Redis would to a subscribed channel. */
function fakeRedis(options: { failSubscribe?: boolean } = {}) {
  const connections: Array<{ subscribed: Set<string>; commands: string[]; closed: boolean }> = [];
  const handlers: Array<(channel: string, message: string) => void> = [];
  const closeHandlers: Array<() => void> = [];
  const connect = (): Subscriber => {
    const state = { subscribed: new Set<string>(), commands: [] as string[], closed: false };
    connections.push(state);
    return {
      async subscribe(channel) {
        state.commands.push(`subscribe ${channel}`);
        if (options.failSubscribe) throw new Error('connection refused');
        state.subscribed.add(channel);
      },
      async unsubscribe(channel) {
        state.commands.push(`unsubscribe ${channel}`);
        state.subscribed.delete(channel);
      },
      on(event: 'message' | 'close', listener: (...args: string[]) => void) {
        if (event === 'message') handlers[connections.indexOf(state)] = listener;
        else closeHandlers[connections.indexOf(state)] = listener;
      },
      disconnect() {
        state.closed = true;
      },
    };
  };
  const publish = (channel: string, message: string) =>
    connections.forEach((c, i) => {
      if (!c.closed && c.subscribed.has(channel)) handlers[i]?.(channel, message);
    });
  /** The connection drops (Redis restarted, a network cut): ioredis emits `close`. */
  const drop = (index: number) => closeHandlers[index]?.();
  return { connect, connections, publish, drop };
}

const collector = () => {
  const got: string[] = [];
  return { got, listener: (channel: string, message: string) => got.push(`${channel}:${message}`) };
};

describe('createEventFanout', () => {
  it('shares one connection and one subscription per channel between many listeners', async () => {
    const redis = fakeRedis();
    const fanout = createEventFanout({ connect: redis.connect });
    const streams = Array.from({ length: 100 }, collector);
    const leaves = await Promise.all(streams.map((s, i) => fanout.join([`user:${i % 10}`], s.listener)));

    expect(redis.connections).toHaveLength(1);
    expect(redis.connections[0]!.commands.filter((c) => c.startsWith('subscribe'))).toHaveLength(10);
    expect(fanout.channelCount).toBe(10);
    expect(fanout.listenerCount).toBe(100);

    redis.publish('user:3', 'hello');
    streams.forEach((s, i) => {
      expect(s.got).toEqual(i % 10 === 3 ? ['user:3:hello'] : []);
    });
    for (const leave of leaves) leave();
  });

  it('unsubscribes a channel when its last listener leaves, and closes the connection when none is left', async () => {
    const redis = fakeRedis();
    const fanout = createEventFanout({ connect: redis.connect });
    const [a, b, operator] = [collector(), collector(), collector()];
    const leaveA = await fanout.join(['user:a', 'ops'], a.listener);
    const leaveB = await fanout.join(['user:b'], b.listener);
    const leaveOperator = await fanout.join(['ops', 'ops'], operator.listener);
    const connection = redis.connections[0]!;

    leaveA();
    leaveA(); // twice is harmless
    expect(connection.commands).toEqual([
      'subscribe user:a',
      'subscribe ops',
      'subscribe user:b',
      'unsubscribe user:a',
    ]);
    redis.publish('ops', 'x');
    expect(operator.got).toEqual(['ops:x']);
    expect(a.got).toEqual([]);

    leaveOperator();
    leaveB();
    expect(connection.closed).toBe(true);
    expect(fanout.channelCount).toBe(0);
    expect(fanout.listenerCount).toBe(0);

    // The next stream opens a fresh connection.
    const again = collector();
    const leaveAgain = await fanout.join(['user:b'], again.listener);
    expect(redis.connections).toHaveLength(2);
    redis.publish('user:b', 'y');
    expect(again.got).toEqual(['user:b:y']);
    expect(b.got).toEqual([]);
    leaveAgain();
  });

  it('fails the join when Redis refuses the subscription, and keeps nothing of it', async () => {
    const redis = fakeRedis({ failSubscribe: true });
    const fanout = createEventFanout({ connect: redis.connect });
    await expect(fanout.join(['user:a'], collector().listener)).rejects.toThrow('connection refused');
    expect(fanout.channelCount).toBe(0);
    expect(fanout.listenerCount).toBe(0);
    expect(redis.connections[0]!.closed).toBe(true);
  });

  it('tells every listener when the shared connection drops, so their streams resume from the table', async () => {
    const redis = fakeRedis();
    const fanout = createEventFanout({ connect: redis.connect });
    const lost: string[] = [];
    const leaveA = await fanout.join(['user:a'], collector().listener, () => lost.push('a'));
    const leaveB = await fanout.join(['user:b', 'ops'], collector().listener, () => lost.push('b'));
    redis.drop(0);
    expect(lost).toEqual(['a', 'b']);
    leaveA();
    leaveB();

    // A connection the fan-out closed itself (idle) tells no one.
    const leaveC = await fanout.join(['user:c'], collector().listener, () => lost.push('c'));
    leaveC();
    redis.drop(1);
    expect(lost).toEqual(['a', 'b']);
  });
});
