import type { Config } from './config.js';
import { createDeps, buildApp, type RelaisApp } from './app.js';
import type { Database, Queryable } from './db/client.js';
import { deferredDatabase } from './db/deferred.js';
import { openAndMigrate } from './db/open-for-start.js';
import { modules, type DemoOptions } from './modules/index.js';
import type { AppDeps } from './platform/context.js';

// Held by the transaction seeding a module: two instances starting together seed it once.
const SEED_LOCK_KEY = 7_301_955_203;
const seedMarker = (module: string) => `demo.seeded.${module}`;

/**
 * A view of one open transaction as a Database: a module's seed (which may open transactions
 * of its own) then runs entirely inside the caller's transaction.
 */
function withinTransaction(db: Database, tx: Queryable): Database {
  return {
    kind: db.kind,
    pglite: db.pglite,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    listen: () => Promise.reject(new Error('LISTEN is not available while seeding')),
    close: async () => {},
  };
}

/**
 * Seeds the demo data of every module, in module order, on a database that has no users yet
 * (or whose seeding was interrupted). Each module seeds in one transaction that also writes its
 * marker in `settings`, so a kill leaves whole modules only, and the next start resumes with the
 * modules not yet seeded (before this, a kill left the demo half-loaded for good).
 */
export async function seedDemo(db: Database, deps: AppDeps, options: DemoOptions): Promise<boolean> {
  const markers = new Set(
    (await db.query<{ key: string }>(`select key from settings where key like 'demo.seeded%'`)).map(
      (row) => row.key,
    ),
  );
  if (markers.has('demo.seeded')) return false;
  const [{ count }] = await db.query<{ count: number }>(`select count(*)::int as count from users`);
  // Users but no marker at all: an organisation set up by hand (or seeded before markers existed).
  if (count > 0 && markers.size === 0) return false;
  for (const module of modules) {
    if (!module.seedDemo || markers.has(seedMarker(module.name))) continue;
    const started = Date.now();
    const seeded = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const [done] = await tx.query(`select 1 from settings where key = $1`, [seedMarker(module.name)]);
      if (done) return false;
      await module.seedDemo!(withinTransaction(db, tx), deps, options);
      await tx.query(`insert into settings (key, value) values ($1, $2)`, [
        seedMarker(module.name),
        JSON.stringify({ size: options.size, at: new Date().toISOString() }),
      ]);
      return true;
    });
    if (seeded) options.log?.(`demo data: ${module.name} in ${Date.now() - started} ms`);
  }
  await db.query(
    `insert into settings (key, value) values ('demo.seeded', $1) on conflict (key) do update set value = excluded.value`,
    [JSON.stringify({ size: options.size, at: new Date().toISOString() })],
  );
  return true;
}

/** Starts the background machinery: outbox dispatch, jobs, the SSE fan-out. */
export async function startBackground(deps: AppDeps): Promise<void> {
  deps.jobs.schedule({ name: 'outbox-safety-net', queue: 'outbox.dispatch', everyMs: 30_000 });
  await deps.sse.start();
  await deps.events.start();
  await deps.jobs.start();
}

export async function stopBackground(deps: AppDeps): Promise<void> {
  await deps.jobs.stop();
  await deps.events.stop();
  await deps.sse.stop();
}

/**
 * Opens the database (or takes the opening `start` began), migrates, builds the app meanwhile,
 * and seeds the demo on first start. Nothing reaches the database before its migrations ran.
 */
export async function prepare(
  config: Config,
  log: (message: string) => void,
  opening: Promise<Database> = openAndMigrate(config, log),
): Promise<{ app: RelaisApp; deps: AppDeps }> {
  const deps = createDeps(config, deferredDatabase(config.databaseUrl ? 'postgres' : 'pglite', opening));
  // Awaited below; a build that fails first must not leave it unhandled.
  opening.catch(() => undefined);
  const app = await buildApp(deps);
  const db = await opening;
  if (config.demo && (await seedDemo(db, deps, { size: config.demoSize, log })))
    log('demo company loaded (password relais-demo)');
  return { app, deps };
}
