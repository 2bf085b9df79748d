// Run by bench/ops in a fresh process (`tsx bench/ops/probe.ts DATA_DIR`): the phases of a warm
// start one by one, printed as JSON, to show where the start time goes.
const began = performance.now();
const phases: Record<string, number> = { beforeScriptMs: process.uptime() * 1000 };
const mark = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const value = await work();
  phases[name] = performance.now() - started;
  return value;
};

const dataDir = process.argv[2];
const { loadConfig } = await mark('importConfigMs', () => import('../../src/server/config.js'));
const { openDatabase } = await mark('importDbMs', () => import('../../src/server/db/client.js'));
const { migrate } = await import('../../src/server/db/migrate.js');
const { buildApp, createDeps } = await mark('importAppAndModulesMs', () => import('../../src/server/app.js'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RELAIS_DEMO: '0' });
const db = await mark('openPgliteMs', () => openDatabase(config));
await mark('migrateMs', () => migrate(db));
const deps = createDeps(config, db);
const app = await mark('buildAppMs', () => buildApp(deps, { logger: false }));
await mark('appReadyMs', async () => {
  await app.ready();
});
phases.heapUsedMb = process.memoryUsage().heapUsed / 1_048_576;
phases.rssMb = process.memoryUsage().rss / 1_048_576;
phases.scriptMs = performance.now() - began;
await app.close();
await db.close();
process.stdout.write(JSON.stringify(phases));
process.exit(0);
