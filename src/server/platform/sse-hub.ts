import type { Database } from '../db/client.js';
import { loadEvent, type DomainEvent } from './events.js';

type Client = { userId: string; send: (event: DomainEvent) => void };

/**
 * Fans events out to this instance's open SSE connections. Every instance LISTENs on
 * `relais_events`, so an event committed on one instance reaches users connected to any.
 */
export class SseHub {
  private clients = new Map<string, Set<Client>>();
  private unlisten?: () => Promise<void>;

  constructor(private db: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen('relais_events', (payload) => void this.deliver(Number(payload)));
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
  }

  get connectionCount(): number {
    let count = 0;
    for (const set of this.clients.values()) count += set.size;
    return count;
  }

  add(client: Client): () => void {
    let set = this.clients.get(client.userId);
    if (!set) this.clients.set(client.userId, (set = new Set()));
    set.add(client);
    return () => {
      set!.delete(client);
      if (set!.size === 0) this.clients.delete(client.userId);
    };
  }

  private async deliver(eventId: number): Promise<void> {
    if (!Number.isFinite(eventId) || this.clients.size === 0) return;
    const event = await loadEvent(this.db, eventId).catch(() => undefined);
    if (!event) return;
    for (const userId of event.recipients) {
      for (const client of this.clients.get(userId) ?? []) client.send(event);
    }
  }
}
