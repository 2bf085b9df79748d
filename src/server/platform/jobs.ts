import type { Database, Queryable } from '../db/client.js';

/** A job as claimed; `payload` is the JSON its queue's enqueuers write (`P`, named by `register`). */
export type Job<P = Record<string, unknown>> = { id: number; queue: string; payload: P; attempts: number };
/** A job handler runs inside the transaction that completes the job: its writes and the
 * job's completion commit together, so a crash means "not done", never "done twice". */
export type JobHandler<P = Record<string, unknown>> = (job: Job<P>, tx: Queryable) => Promise<void>;

type Recurring = { name: string; queue: string; everyMs?: number; dailyAtUtc?: string };

/**
 * A durable job runner on the `jobs` table (the same code on PGlite and PostgreSQL):
 * SKIP LOCKED claims let several instances share the queue; NOTIFY wakes them early.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler<unknown>>();
  private recurring: Recurring[] = [];
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = true;
  private wake?: () => void;
  private unlisten?: () => Promise<void>;
  private idle = Promise.resolve();

  constructor(
    private db: Database,
    private options: { pollMs?: number } = {},
  ) {}

  /** `P` is the payload shape the queue's enqueuers write (jobs are JSON in the database). */
  register<P = Record<string, unknown>>(queue: string, handler: JobHandler<P>): void {
    this.handlers.set(queue, handler as JobHandler<unknown>);
  }

  /** Runs `queue` every `everyMs`, or daily at `dailyAtUtc` ("HH:MM"), once across all instances. */
  schedule(recurring: Recurring): void {
    this.recurring.push(recurring);
  }

  /** Adds a job in the caller's transaction; `singletonKey` makes the enqueue idempotent. */
  async enqueue(
    tx: Queryable,
    queue: string,
    payload: unknown,
    options: { runAt?: Date; singletonKey?: string; maxAttempts?: number } = {},
  ): Promise<void> {
    await tx.query(
      `insert into jobs (queue, payload, run_at, singleton_key, max_attempts)
       values ($1, $2, coalesce($3, now()), $4, $5) on conflict (singleton_key) do nothing`,
      [queue, payload ?? {}, options.runAt ?? null, options.singletonKey ?? null, options.maxAttempts ?? 5],
    );
    await tx.query(`select pg_notify('relais_jobs', $1)`, [queue]);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.unlisten = await this.db.listen('relais_jobs', () => this.kick());
    this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.unlisten?.();
    await this.idle;
  }

  private kick() {
    if (!this.running && !this.stopped) {
      clearTimeout(this.timer);
      this.loop();
    }
  }

  private loop() {
    if (this.stopped || this.running) return;
    this.running = true;
    this.idle = (async () => {
      try {
        await this.enqueueDueRecurring();
        // Drain what is ready, then sleep until the next poll or NOTIFY.
        while (!this.stopped && (await this.runOne())) {
          /* keep going */
        }
      } catch {
        // A database hiccup (e.g. closing during shutdown): retried at the next poll.
      } finally {
        this.running = false;
        if (!this.stopped) this.timer = setTimeout(() => this.loop(), this.options.pollMs ?? 1000);
      }
    })();
  }

  /** Claims and runs one ready job; returns false when none is ready. Exposed for tests. */
  async runOne(): Promise<boolean> {
    let claimed: Job<unknown> | undefined;
    try {
      return await this.db.transaction(async (tx) => {
        const queues = [...this.handlers.keys()];
        const rows = await tx.query<Job<unknown>>(
          `select id, queue, payload, attempts from jobs
            where state = 'pending' and run_at <= now() and queue = any ($1)
            order by run_at, id limit 1 for update skip locked`,
          [queues],
        );
        claimed = rows[0];
        if (!claimed) return false;
        await this.handlers.get(claimed.queue)!(claimed, tx);
        await tx.query(
          `update jobs set state = 'done', done_at = now(), attempts = attempts + 1 where id = $1`,
          [claimed.id],
        );
        return true;
      });
    } catch (error) {
      if (!claimed) throw error;
      // The handler's writes were rolled back; record the failure and retry later with backoff.
      const message = error instanceof Error ? error.message : String(error);
      await this.db.query(
        `update jobs set attempts = attempts + 1, last_error = $2,
                state = case when attempts + 1 >= max_attempts then 'failed' else 'pending' end,
                run_at = now() + make_interval(secs => least(3600, power(2, attempts + 1)))
          where id = $1`,
        [claimed.id, message.slice(0, 2000)],
      );
      return true;
    }
  }

  /** Runs every ready job now (tests and the CLI use it instead of waiting for the poll). */
  async drain(maxJobs = 10_000): Promise<number> {
    let count = 0;
    while (count < maxJobs && (await this.runOne())) count += 1;
    return count;
  }

  private async enqueueDueRecurring() {
    if (this.recurring.length === 0) return;
    const now = new Date();
    for (const item of this.recurring) {
      let slot: Date;
      if (item.everyMs) {
        slot = new Date(Math.floor(now.getTime() / item.everyMs) * item.everyMs);
      } else {
        const [hours, minutes] = (item.dailyAtUtc ?? '03:00').split(':').map(Number);
        slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
        if (slot > now) slot = new Date(slot.getTime() - 86_400_000);
      }
      // The slot is part of the key, so each period is enqueued once whichever instance sees it.
      await this.db.query(
        `insert into jobs (queue, payload, singleton_key) values ($1, $2, $3) on conflict (singleton_key) do nothing`,
        [item.queue, { slot: slot.toISOString() }, `recurring:${item.name}:${slot.toISOString()}`],
      );
    }
  }
}
