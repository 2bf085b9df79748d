import type { Database, Queryable } from '../db/client.js';
import type { JobRunner } from './jobs.js';

/** An event as subscribers get it; `P` is the payload its type's emitters write. */
export type DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> = {
  id: number;
  type: string;
  payload: P;
  actorId: string | null;
  recipients: string[];
  createdAt: Date;
};

export type EventInput = {
  type: string;
  payload?: Record<string, unknown>;
  actorId?: string | null;
  recipients?: string[];
};
export type EventSubscriber<P extends Record<string, unknown> = Record<string, unknown>> = (
  event: DomainEvent<P>,
  tx: Queryable,
) => Promise<void>;

/** Writes an event in the caller's transaction (the outbox): it exists iff the change does. */
export async function emitEvent(tx: Queryable, event: EventInput): Promise<void> {
  await tx.query(`insert into outbox_events (type, payload, actor_id, recipients) values ($1, $2, $3, $4)`, [
    event.type,
    event.payload ?? {},
    event.actorId ?? null,
    event.recipients ?? [],
  ]);
  await tx.query(`select pg_notify('relais_outbox', '')`);
}

type EventRow = {
  id: number;
  type: string;
  /** jsonb, never null: emitEvent writes an object (`{}` when none is given). */
  payload: Record<string, unknown>;
  actor_id: string | null;
  recipients: string[] | null;
  created_at: Date;
};

const rowToEvent = (row: EventRow): DomainEvent => ({
  id: row.id,
  type: row.type,
  payload: row.payload,
  actorId: row.actor_id,
  recipients: row.recipients ?? [],
  createdAt: row.created_at,
});

/**
 * Moves outbox events to subscribers: for each pending event, one job per matching
 * subscriber (keyed by event and subscriber, so never twice), then a NOTIFY for the
 * real-time stream of every instance — all in one transaction.
 */
export class EventBus {
  private subscribers = new Map<string, { pattern: string }>();
  private unlisten?: () => Promise<void>;
  private dispatching = false;
  private again = false;

  constructor(
    private db: Database,
    private jobs: JobRunner,
  ) {
    jobs.register('outbox.dispatch', async (_job, tx) => {
      await this.dispatchPending(tx);
    });
  }

  /**
   * Subscribes `name` to events whose type equals `pattern`, or starts with it when it ends in `*`.
   * `P` is the payload shape the emitters of those events write (events are JSON in the outbox).
   */
  subscribe<P extends Record<string, unknown> = Record<string, unknown>>(
    name: string,
    pattern: string,
    handler: EventSubscriber<P>,
  ): void {
    this.subscribers.set(name, { pattern });
    this.jobs.register(`event:${name}`, async (job, tx) => {
      const rows = await tx.query<EventRow>(`select * from outbox_events where id = $1`, [
        job.payload.eventId,
      ]);
      if (rows[0]) await handler(rowToEvent(rows[0]) as DomainEvent<P>, tx);
    });
  }

  async start(): Promise<void> {
    this.unlisten = await this.db.listen('relais_outbox', () => void this.dispatchSoon());
    await this.dispatchSoon();
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
  }

  /** Dispatches now; concurrent calls coalesce into one more pass. */
  async dispatchSoon(): Promise<void> {
    if (this.dispatching) {
      this.again = true;
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.again = false;
        await this.db.transaction((tx) => this.dispatchPending(tx));
      } while (this.again);
    } catch {
      // Left pending: the next NOTIFY or the periodic dispatch job picks it up.
    } finally {
      this.dispatching = false;
    }
  }

  private async dispatchPending(tx: Queryable): Promise<void> {
    for (;;) {
      const events = (
        await tx.query<EventRow>(
          `select * from outbox_events where dispatched_at is null order by id limit 200 for update skip locked`,
        )
      ).map(rowToEvent);
      if (events.length === 0) return;
      for (const event of events) {
        for (const [name, { pattern }] of this.subscribers) {
          if (matches(pattern, event.type)) {
            await this.jobs.enqueue(
              tx,
              `event:${name}`,
              { eventId: event.id },
              { singletonKey: `event:${name}:${event.id}` },
            );
          }
        }
        await tx.query(`select pg_notify('relais_events', $1)`, [String(event.id)]);
      }
      await tx.query(`update outbox_events set dispatched_at = now() where id = any ($1)`, [
        events.map((e) => e.id),
      ]);
    }
  }
}

function matches(pattern: string, type: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

/** Loads events by id (the SSE hub reads what NOTIFY named). */
export async function loadEvent(db: Queryable, id: number): Promise<DomainEvent | undefined> {
  const rows = await db.query<EventRow>(`select * from outbox_events where id = $1`, [id]);
  return rows[0] ? rowToEvent(rows[0]) : undefined;
}
