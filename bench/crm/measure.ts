import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Database } from '../../src/server/db/client.js';
import { load } from '../push/index.js';
import { explainSlow, replay, type Recording, type recordingDatabase } from './recording.js';

export type Figures = {
  rps: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  samples: number;
  mode: 'load' | 'sequential';
};
export type RequestFigures = {
  label: string;
  path: string;
  status: number;
  firstMs: number;
  app: Figures;
  driver: Figures;
  statements: { sql: string; ms: number }[];
  rowsMismatch?: string;
  plans: { sql: string; ms: number; plan: string }[];
};
export type MeasureOptions = {
  connections: number;
  durationSeconds: number;
  /**
   * How many requests the engine serves at once (PGlite: 1; PostgreSQL: about the cores). When
   * `connections` warm calls could not be served `parallelism` at a time within the load window,
   * a load run would mostly measure its queue (and leave minutes of abandoned work): such a
   * request is measured one call at a time instead.
   */
  parallelism: number;
  /** Overrides that rule: above this warm latency (ms), one call at a time. */
  slowMs: number | null;
  explainMs: number | null;
  /** Request keys to measure (all when null). */
  only: string[] | null;
};

export const percentile = (sorted: number[], p: number): number | null =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;

function sequentialFigures(times: number[]): Figures {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  return {
    rps: 1000 / mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    samples: sorted.length,
    mode: 'sequential',
  };
}

/** `connections` concurrent callers of `call` for `durationMs`; only calls finished in time count. */
async function concurrently(
  connections: number,
  durationMs: number,
  call: () => Promise<unknown>,
): Promise<Figures> {
  const times: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await call();
        const t1 = performance.now();
        if (t1 <= deadline) times.push(t1 - t0);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    rps: times.length / (durationMs / 1000),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    samples: times.length,
    mode: 'load',
  };
}

/**
 * The server's open connections. Requests a load generator had already sent when it stopped are
 * still read and served after it exits; a measurement waits until those connections are gone.
 */
export function trackConnections(server: Server) {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return {
    snapshot: () => new Set(open),
    /** Waits until every connection opened since `before` has closed. */
    async closedSince(before: Set<Socket>, timeoutMs = 300_000) {
      const started = performance.now();
      while ([...open].some((socket) => !before.has(socket)) && performance.now() - started < timeoutMs)
        await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
}

/**
 * One request of the table: its first call (cold for this process), then the app under
 * autocannon, then the SQL it ran replayed through the driver as the same user under RLS.
 */
export async function measureRequest(
  context: {
    baseUrl: string;
    cookie: string;
    db: Database;
    recorder: ReturnType<typeof recordingDatabase>;
    connections: ReturnType<typeof trackConnections>;
  },
  label: string,
  path: string,
  options: MeasureOptions,
): Promise<RequestFigures> {
  const { baseUrl, cookie, db, recorder } = context;
  const get = async () => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    const body = await response.text();
    return { status: response.status, body };
  };
  await recorder.drained();
  const [firstMs, first] = await timed(get);
  if (first.status !== 200) {
    const none: Figures = { rps: 0, p50: null, p95: null, p99: null, samples: 0, mode: 'sequential' };
    console.log(`  ${label}: answered ${first.status} ${first.body.slice(0, 200)}`);
    return { label, path, status: first.status, firstMs, app: none, driver: none, statements: [], plans: [] };
  }
  // The recorded call is the first warm one; more follow, one at a time, while the window lasts (at least 3 when quick).
  let recordedMs = 0;
  const recording: Recording = await recorder.record(async () => {
    recordedMs = (await timed(get))[0];
  });
  const recordedRows = recording.flat().reduce((sum, statement) => sum + statement.rows, 0);
  const windowMs = options.durationSeconds * 1000;
  const median = (times: number[]) =>
    times.length ? [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] : 0;
  /**
   * Calls `call` one at a time until `times` holds `count` samples, or until the next call would
   * end after the load window (a request that takes longer than the window is not called again).
   */
  const moreCalls = async (times: number[], count: number, call: () => Promise<unknown>) => {
    const started = performance.now();
    while (times.length < count && performance.now() - started + median(times) <= windowMs)
      times.push((await timed(call))[0]);
  };
  const warm = [recordedMs];
  await moreCalls(warm, 3, get);

  // Whether a concurrent run can finish in its window, or would only measure its own queue.
  let app: Figures;
  const tooSlow =
    options.slowMs !== null
      ? median(warm) > options.slowMs
      : (median(warm) * options.connections) / options.parallelism > windowMs;
  if (tooSlow) {
    await moreCalls(warm, 12, get);
    app = sequentialFigures(warm);
  } else {
    const before = context.connections.snapshot();
    const result = await load({
      url: `${baseUrl}${path}`,
      method: 'GET',
      headers: { cookie },
      connections: options.connections,
      duration: options.durationSeconds,
      timeout: 120,
    });
    await context.connections.closedSince(before);
    await recorder.drained();
    if (result.non2xx || result.errors)
      console.log(
        `  ${label}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts under load`,
      );
    app =
      result.completed >= 5
        ? { rps: result.rps, ...result.percentiles, samples: result.completed, mode: 'load' }
        : { ...sequentialFigures(warm), rps: result.rps };
  }

  let replayedRows = 0;
  const replayOnce = async () => {
    replayedRows = await replay(db, recording);
  };
  const driverWarm = [(await timed(replayOnce))[0]];
  // The driver runs the way the app did (under the same concurrency, or one call at a time), so the ratio compares like with like.
  await moreCalls(driverWarm, app.mode === 'sequential' ? 12 : 3, replayOnce);
  const driver =
    app.mode === 'sequential'
      ? sequentialFigures(driverWarm)
      : await concurrently(options.connections, windowMs, replayOnce);

  const statements = recording
    .flat()
    .filter((statement) => !/set_config\('relais\.user_id'/.test(statement.sql))
    .map(({ sql, ms }) => ({ sql, ms }));
  const plans = options.explainMs === null ? [] : await explainSlow(db, recording, options.explainMs);
  return {
    label,
    path,
    status: 200,
    firstMs,
    app,
    driver,
    statements,
    plans,
    rowsMismatch:
      replayedRows === recordedRows
        ? undefined
        : `replay returned ${replayedRows} rows, the request ${recordedRows}`,
  };
}
