import type { Database, Queryable } from '../../src/server/db/client.js';

/** One statement a request ran inside `request.run` (its transaction, under RLS). */
export type Statement = { sql: string; params: unknown[]; ms: number; rows: number };
/** The transactions of one request, in order (most requests run exactly one). */
export type Recording = Statement[][];

/**
 * Wraps the app's database so the bench can (1) capture the exact SQL a request runs in its
 * transactions — starting with the `set_config(… 'role', 'relais_app' …)` that puts it under
 * row-level security — and replay it straight through the driver, and (2) know when the
 * database has no transaction left in flight (requests abandoned by the load generator keep
 * running on the server; the next measurement waits for them).
 */
export function recordingDatabase(inner: Database) {
  let current: Recording | null = null;
  let inFlight = 0;
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight += 1;
    try {
      return await work();
    } finally {
      inFlight -= 1;
    }
  };
  const db: Database = {
    ...inner,
    query: (sql, params) => counted(() => inner.query(sql, params)),
    exec: (sql) => counted(() => inner.exec(sql)),
    async transaction(fn) {
      const statements: Statement[] | null = current ? [] : null;
      if (statements) current!.push(statements);
      inFlight += 1;
      try {
        return await inner.transaction((tx) => fn(statements ? recordingTx(tx, statements) : tx));
      } finally {
        inFlight -= 1;
      }
    },
  };
  return {
    db,
    get inFlight() {
      return inFlight;
    },
    /** Records the transactions opened while `work` runs (run it alone: nothing else must be in flight). */
    async record(work: () => Promise<unknown>): Promise<Recording> {
      const recording: Recording = [];
      current = recording;
      try {
        await work();
      } finally {
        current = null;
      }
      // Background work (jobs, the outbox) may open transactions meanwhile: keep those run as a user.
      return recording.filter((statements) => /set_config\('relais\.user_id'/.test(statements[0]?.sql ?? ''));
    },
    /** Resolves once no query or transaction has been running or waiting for a connection for `quietMs`. */
    async drained(quietMs = 500, timeoutMs = 300_000): Promise<number> {
      const started = performance.now();
      let quietSince = performance.now();
      while (performance.now() - started < timeoutMs) {
        if (inFlight > 0) quietSince = performance.now();
        else if (performance.now() - quietSince >= quietMs) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return performance.now() - started;
    },
  };
}

function recordingTx(tx: Queryable, statements: Statement[]): Queryable {
  return {
    async query(sql, params) {
      const started = performance.now();
      const rows = await tx.query(sql, params);
      statements.push({ sql, params: params ?? [], ms: performance.now() - started, rows: rows.length });
      return rows as any;
    },
    async exec(sql) {
      const started = performance.now();
      await tx.exec(sql);
      statements.push({ sql, params: [], ms: performance.now() - started, rows: 0 });
    },
  };
}

/** Runs a recorded request's SQL again through the driver, same transactions, same actor settings. */
export async function replay(db: Database, recording: Recording): Promise<number> {
  let rows = 0;
  for (const statements of recording) {
    await db.transaction(async (tx) => {
      for (const statement of statements) rows += (await tx.query(statement.sql, statement.params)).length;
    });
  }
  return rows;
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement slower than `minMs`, as the actor (rolled back). */
export async function explainSlow(
  db: Database,
  recording: Recording,
  minMs: number,
): Promise<{ sql: string; ms: number; plan: string }[]> {
  const plans: { sql: string; ms: number; plan: string }[] = [];
  const rollback = new Error('rollback');
  for (const statements of recording) {
    await db
      .transaction(async (tx) => {
        for (const statement of statements) {
          if (statement.ms >= minMs && /^\s*(select|with)\b/i.test(statement.sql)) {
            const rows = await tx.query<{ 'QUERY PLAN': string }>(
              `explain (analyze, buffers) ${statement.sql}`,
              statement.params,
            );
            plans.push({
              sql: statement.sql,
              ms: statement.ms,
              plan: rows.map((row) => row['QUERY PLAN']).join('\n'),
            });
          } else await tx.query(statement.sql, statement.params);
        }
        throw rollback;
      })
      .catch((error) => {
        if (error !== rollback) throw error;
      });
  }
  return plans;
}
