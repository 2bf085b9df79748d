/** Handler of one server-sent event type; receives the parsed JSON `data`. */
export type ServerEventHandler = (data: unknown) => void;

/**
 * Fan-out of server-sent events to subscribers, independent of the EventSource so that the
 * connection can be replaced (reconnects) without losing subscriptions.
 */
export interface ServerEventBus {
  subscribe(type: string, handler: ServerEventHandler): () => void;
  dispatch(type: string, rawData: string): void;
  types(): string[];
  /** Called with each newly subscribed type so the live connection can listen to it. */
  onNewType(listener: (type: string) => void): () => void;
}

export function parseEventData(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function createServerEventBus(): ServerEventBus {
  const handlers = new Map<string, Set<ServerEventHandler>>();
  const typeListeners = new Set<(type: string) => void>();

  return {
    subscribe(type, handler) {
      let set = handlers.get(type);
      if (!set) {
        set = new Set();
        handlers.set(type, set);
        for (const listener of typeListeners) listener(type);
      }
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    },
    dispatch(type, rawData) {
      const set = handlers.get(type);
      if (!set || set.size === 0) return;
      const data = parseEventData(rawData);
      for (const handler of [...set]) {
        try {
          handler(data);
        } catch (error) {
          console.error(`server event handler for "${type}" failed`, error);
        }
      }
    },
    types: () => [...handlers.keys()],
    onNewType(listener) {
      typeListeners.add(listener);
      return () => typeListeners.delete(listener);
    },
  };
}

/** Reconnect delay after the stream closed: 1 s doubling to 30 s, with jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random() * 0.5));
}
