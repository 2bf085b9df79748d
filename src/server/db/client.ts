import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import v8 from 'node:v8';
import type pg from 'pg';

/** A row-returning query runner: a connection, a pool or a transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgres';

/** The one database handle the app holds, whichever engine is behind it. */
export interface Database extends Queryable {
  kind: DatabaseKind;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The PGlite instance when embedded (for dumps in tests and backups). */
  pglite?: PGlite;
}

// int8 and numeric come back as JS numbers on both engines, so services never see strings.
const parseBigint = (value: string) => Number(value);
const parseNumeric = (value: string) => Number(value);

// Instants travel as ISO 8601 strings (what the API answers); dates stay 'YYYY-MM-DD'.
const parseTimestamp = (value: string) =>
  new Date(
    value.includes('T') || value.endsWith('Z')
      ? value
      : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'),
  ).toISOString();
const keepText = (value: string) => value;

/** The PostgreSQL driver, loaded when a server is used (an embedded start never needs it). */
async function loadPg(): Promise<typeof pg> {
  const { default: driver } = await import('pg');
  driver.types.setTypeParser(20, parseBigint);
  driver.types.setTypeParser(1700, parseNumeric);
  driver.types.setTypeParser(1184, parseTimestamp);
  driver.types.setTypeParser(1114, (value: string) => parseTimestamp(`${value}Z`));
  driver.types.setTypeParser(1082, keepText);
  return driver;
}

const pgliteParsers = {
  [pgliteTypes.INT8]: parseBigint,
  [pgliteTypes.NUMERIC]: parseNumeric,
  [pgliteTypes.TIMESTAMPTZ]: parseTimestamp,
  [pgliteTypes.TIMESTAMP]: (value: string) => parseTimestamp(`${value}Z`),
  [pgliteTypes.DATE]: keepText,
};

/**
 * V8 recompiles a WebAssembly function with its optimising compiler once it has run a budget
 * of code, and the default budget (1.8 MB) is spent by PGlite's first queries: a start then
 * waited about 0.3 s for that compilation before its first transaction. With 500 MB the hot
 * functions of a busy database are still optimised within its first second of work (measured
 * on heavy queries: same speed from there on), and a start no longer waits. Read when a
 * WebAssembly instance is created, so set before each PGlite is.
 */
const WASM_TIERING_BUDGET = 500_000_000;

/** Opens PGlite in `dataDir` (or in memory when absent), optionally from a dump. */
export async function openPglite(
  options: { dataDir?: string; loadDataDir?: Blob | File; sharedBuffers?: string } = {},
): Promise<Database> {
  v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm, unaccent },
    parsers: pgliteParsers,
    // PGlite holds its whole buffer cache in the WebAssembly heap from the first page, so
    // PostgreSQL's 128 MB default is resident memory at once; the operating system's file
    // cache still serves what does not fit (PGLITE_SHARED_BUFFERS, README).
    ...(options.sharedBuffers
      ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`] }
      : {}),
  });
  return wrapPglite(pglite);
}

function wrapPglite(pglite: PGlite): Database {
  return {
    kind: 'pglite',
    pglite,
    async query<T>(sql: string, params?: unknown[]) {
      const result = await pglite.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    async transaction(fn) {
      return pglite.transaction(async (tx) =>
        fn({
          async query<T>(sql: string, params?: unknown[]) {
            const result = await tx.query<T>(sql, params);
            return result.rows;
          },
          async exec(sql) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async listen(channel, onPayload) {
      const unsubscribe = await pglite.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Opens a pool on a PostgreSQL server. */
export async function openPostgres(
  connectionString: string,
  options: { max?: number } = {},
): Promise<Database> {
  const pg = await loadPg();
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Nothing to do here.
  });
  let listener: pg.Client | undefined;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  async function ensureListener(): Promise<pg.Client> {
    if (listener) return listener;
    const client = new pg.Client({ connectionString });
    await client.connect();
    client.on('notification', (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', () => undefined);
    listener = client;
    return client;
  }

  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await pool.query(sql, params);
      // pg types rows loosely; the caller names the row shape its SQL selects.
      return result.rows as T[];
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn({
          async query<T>(sql: string, params?: unknown[]) {
            const result = await client.query(sql, params);
            return result.rows as T[];
          },
          async exec(sql) {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      const client = await ensureListener();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await client.query(`LISTEN "${channel.replace(/"/g, '')}"`);
      }
      set.add(onPayload);
      return async () => {
        set!.delete(onPayload);
      };
    },
    async close() {
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

/** Opens the database named by the configuration: a server URL, else PGlite on disk. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  pgliteSharedBuffers?: string;
}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite({ dataDir: `${options.dataDir}/pglite`, sharedBuffers: options.pgliteSharedBuffers });
}
