import type { Config } from './config.js';
import { createDeps, buildApp, type RelaisApp } from './app.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate } from './db/migrate.js';
import { modules, type DemoOptions } from './modules/index.js';
import type { AppDeps } from './platform/context.js';

/** Seeds every module's demo data, in module order, on a database that has no users yet. */
export async function seedDemo(db: Database, deps: AppDeps, options: DemoOptions): Promise<boolean> {
  const [{ count }] = await db.query<{ count: number }>(`select count(*)::int as count from users`);
  if (count > 0) return false;
  for (const module of modules) {
    if (!module.seedDemo) continue;
    const started = Date.now();
    await module.seedDemo(db, deps, options);
    options.log?.(`demo data: ${module.name} in ${Date.now() - started} ms`);
  }
  await db.query(`insert into settings (key, value) values ('demo.seeded', $1) on conflict (key) do update set value = excluded.value`, [JSON.stringify({ size: options.size, at: new Date().toISOString() })]);
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

/** Opens the database, migrates, seeds the demo on first start, and builds the app. */
export async function prepare(config: Config, log: (message: string) => void): Promise<{ app: RelaisApp; deps: AppDeps }> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(db);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const deps = createDeps(config, db);
  const app = await buildApp(deps);
  if (config.demo && (await seedDemo(db, deps, { size: config.demoSize, log }))) log('demo company loaded (password relais-demo)');
  return { app, deps };
}
