import type { Database, DatabaseKind } from './client.js';

/**
 * A Database usable before it is open: calls wait for `opening`, then go straight to the
 * database. A start builds the app (plain JavaScript on the main thread) while PGlite compiles
 * its WebAssembly and reads its files, instead of one after the other.
 */
export function deferredDatabase(kind: DatabaseKind, opening: Promise<Database>): Database {
  let open: Database | undefined;
  const ready = opening.then((db) => (open = db));
  // A failed open is reported by whoever awaits `opening`; calls made meanwhile fail with it.
  ready.catch(() => undefined);
  const whenOpen = () => (open ? Promise.resolve(open) : ready);
  return {
    kind,
    get pglite() {
      return open?.pglite;
    },
    query<T>(sql: string, params?: unknown[]) {
      return open ? open.query<T>(sql, params) : ready.then((db) => db.query<T>(sql, params));
    },
    exec: (sql) => whenOpen().then((db) => db.exec(sql)),
    transaction<T>(fn: Parameters<Database['transaction']>[0]) {
      return whenOpen().then((db) => db.transaction(fn)) as Promise<T>;
    },
    listen: (channel, onPayload) => whenOpen().then((db) => db.listen(channel, onPayload)),
    close: () => whenOpen().then((db) => db.close()),
  };
}
