import { mkdir } from 'node:fs/promises';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { prepare, startBackground, stopBackground } from './runtime.js';

const log = (message: string) => console.log(`[relais] ${message}`);

/** The command line: start (default) | migrate | import … (see README). */
async function main(argv: string[]) {
  const [command = 'start', ...rest] = argv;
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });

  if (command === 'migrate') {
    const db = await openDatabase(config);
    const applied = await migrate(db);
    log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
    await db.close();
    return;
  }

  if (command === 'import') {
    const { runImportCommand } = await import('./cli/import.js');
    await runImportCommand(config, rest, log);
    return;
  }

  if (command !== 'start') throw new Error(`Unknown command "${command}". Use: start | migrate | import`);
  const { app, deps } = await prepare(config, log);
  await startBackground(deps);
  await app.listen({ port: config.port, host: config.host });
  log(`serving ${config.publicUrl} on ${deps.db.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}`);

  const shutdown = async () => {
    await app.close();
    await stopBackground(deps);
    deps.mailer.close();
    await deps.db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`[relais] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
