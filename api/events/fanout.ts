/**
 * One Redis subscriber per API process, shared by every SSE stream it serves: a channel is subscribed
 * when its first local listener joins and unsubscribed when its last one leaves, and each message is
 * handed to that channel's listeners in process. So Redis sees one connection per API process, not one
 * per connected client (its `maxclients` is 10,000 by default). The connection is opened at the first
 * join and closed when no channel is left, so an idle process (or a test's app) holds none.
 *
 * When that connection drops, what is published until ioredis has resubscribed is lost to it; so every
 * listener is told (`onLost`) and its stream closes, for its client to resume with Last-Event-ID
 * from the table, as after any disconnection.
 */

/** What the fan-out needs of a Redis connection in subscriber mode (ioredis's `Redis` fits). */
export interface Subscriber {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  disconnect(): void;
}

export type Listener = (channel: string, message: string) => void;

export interface EventFanout {
  /**
   * Adds `listener` to `channels`; resolves once Redis has confirmed every subscription, so a message
   * published afterwards reaches it. `onLost` is called if the connection drops meanwhile. The returned
   * function removes it (call it once).
   */
  join(channels: string[], listener: Listener, onLost?: () => void): Promise<() => void>;
  /** Channels subscribed on the shared connection right now. */
  readonly channelCount: number;
  /** Listeners joined right now (one per SSE stream). */
  readonly listenerCount: number;
}

interface ChannelEntry {
  listeners: Set<Listener>;
  subscribed: Promise<unknown>;
}

export function createEventFanout(options: {
  connect: () => Subscriber;
  onError?: (err: unknown) => void;
}): EventFanout {
  const channels = new Map<string, ChannelEntry>();
  const members = new Map<Listener, (() => void) | undefined>();
  let subscriber: Subscriber | undefined;

  const connection = () => {
    if (subscriber) return subscriber;
    const created = options.connect();
    created.on('message', (channel, message) => {
      // A closed connection's late message is dropped: its channels may live on a newer one.
      if (created !== subscriber) return;
      for (const listener of channels.get(channel)?.listeners ?? []) listener(channel, message);
    });
    created.on('close', () => {
      if (created !== subscriber) return; // closed by us, when idle
      for (const onLost of [...members.values()]) onLost?.();
    });
    subscriber = created;
    return created;
  };

  const leave = (channelNames: string[], listener: Listener) => {
    members.delete(listener);
    for (const name of channelNames) {
      const entry = channels.get(name);
      if (!entry?.listeners.delete(listener) || entry.listeners.size > 0) continue;
      channels.delete(name);
      if (channels.size > 0) subscriber?.unsubscribe(name).catch((err) => options.onError?.(err));
    }
    if (channels.size === 0 && subscriber) {
      const idle = subscriber;
      subscriber = undefined;
      idle.disconnect();
    }
  };

  return {
    async join(channelNames, listener, onLost) {
      const unique = [...new Set(channelNames)];
      const pending = unique.map((name) => {
        let entry = channels.get(name);
        if (!entry) {
          const subscribed = connection().subscribe(name);
          subscribed.catch(() => {}); // awaited by the joiners below; never unhandled
          entry = { listeners: new Set(), subscribed };
          channels.set(name, entry);
        }
        entry.listeners.add(listener);
        return entry.subscribed;
      });
      members.set(listener, onLost);
      let left = false;
      const leaveOnce = () => {
        if (left) return;
        left = true;
        leave(unique, listener);
      };
      try {
        await Promise.all(pending);
      } catch (err) {
        leaveOnce();
        throw err;
      }
      return leaveOnce;
    },
    get channelCount() {
      return channels.size;
    },
    get listenerCount() {
      return members.size;
    },
  };
}
