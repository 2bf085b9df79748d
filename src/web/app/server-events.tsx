import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  createServerEventBus,
  reconnectDelay,
  type ServerEventBus,
  type ServerEventHandler,
} from './server-event-bus';
import { API_PREFIX } from './api/client';
import { useMe } from './session';

const ServerEventsContext = createContext<ServerEventBus | null>(null);

/**
 * Keeps one EventSource open while someone is signed in. EventSource retries by itself after
 * network drops, but gives up for good on an HTTP error, so we reopen it with a backoff.
 */
export function ServerEventsProvider({ children }: { children: ReactNode }) {
  const [bus] = useState(createServerEventBus);
  const me = useMe();
  const userId = me.data?.id;

  useEffect(() => {
    if (!userId || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const listen = (target: EventSource, type: string) =>
      target.addEventListener(type, (event) => bus.dispatch(type, (event as MessageEvent<string>).data));

    const open = () => {
      const current = new EventSource(`${API_PREFIX}/events/stream`, { withCredentials: true });
      source = current;
      for (const type of bus.types()) listen(current, type);
      current.onopen = () => {
        attempt = 0;
      };
      current.onerror = () => {
        if (current.readyState !== EventSource.CLOSED || stopped) return;
        timer = setTimeout(open, reconnectDelay(attempt++));
      };
    };

    const stopWatchingTypes = bus.onNewType((type) => {
      if (source) listen(source, type);
    });
    open();
    return () => {
      stopped = true;
      stopWatchingTypes();
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [bus, userId]);

  return <ServerEventsContext.Provider value={bus}>{children}</ServerEventsContext.Provider>;
}

/** Calls `handler` with the parsed data of each server-sent event of `type`. */
export function useServerEvent(type: string, handler: ServerEventHandler): void {
  const bus = useContext(ServerEventsContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!bus) return;
    return bus.subscribe(type, (data) => latest.current(data));
  }, [bus, type]);
}
