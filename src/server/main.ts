import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { openAndMigrate } from './db/open-for-start.js';

const log = (message: string) => console.log(`[relais] ${message}`);

/** Runs this program again with `command` (same Node.js flags and environment) and waits for it. */
function runChild(command: string): Promise<void> {
  return new Promise((resolve, reject) =>
    spawn(process.execPath, [...process.execArgv, process.argv[1], command], { stdio: 'inherit' })
      .once('error', reject)
      .once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`relais ${command} exited with code ${code}`)),
      ),
  );
}

/** The command line: start (default) | migrate | import … | backup FILE | restore FILE [--force] (see README). */
async function main(argv: string[]) {
  const [command = 'start', ...rest] = argv;
  if (command === 'build-template') {
    // Run by scripts/ensure-server-build.mjs: the blank database first starts begin from.
    const { buildPgliteTemplate } = await import('./db/pglite-template.js');
    log(`database template: ${await buildPgliteTemplate()}`);
    return;
  }
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });

  if ((command === 'migrate' || command === 'import') && !config.databaseUrl) {
    // PGlite serves one process: a second one opening it while the server runs damages it.
    const { runningServer } = await import('./platform/backup/index.js');
    const server = await runningServer(config.dataDir);
    if (server) throw new Error(`Relais is running on ${config.dataDir} (process ${server}): stop it first.`);
  }

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

  if (command === 'backup' || command === 'restore') {
    const { runBackupCommand, runRestoreCommand } = await import('./cli/backup.js');
    await (command === 'backup' ? runBackupCommand : runRestoreCommand)(config, rest, log);
    return;
  }

  if (command === 'seed-demo') {
    // Internal: run by `start` in a child process to load the demo into a new embedded database.
    const { prepare } = await import('./runtime.js');
    const { app, deps } = await prepare(config, log);
    await app.close();
    deps.mailer.close();
    await deps.db.close();
    process.exit(0);
  }

  if (command !== 'start')
    throw new Error(`Unknown command "${command}". Use: start | migrate | import | backup | restore`);
  // On PGlite the database belongs to this process: other commands refuse to open it, and
  // `relais backup` asks this process to write the archive (platform/backup/server-link.ts).
  // Only the data directory's claim: the backup code itself loads when a backup is asked for.
  const { claimDataDir, runningServer } = await import('./platform/backup/server-link.js');
  let claim: Awaited<ReturnType<typeof claimDataDir>> | undefined;
  if (!config.databaseUrl) {
    const other = await runningServer(config.dataDir);
    if (other)
      throw new Error(
        `Relais is already running on ${config.dataDir} (process ${other}). PGlite serves one process: stop it, or use DATABASE_URL for several instances. (If process ${other} is not Relais, delete ${config.dataDir}/relais.pid.)`,
      );
    claim = await claimDataDir({ dataDir: config.dataDir, relaisVersion: config.version });
  }
  if (!config.databaseUrl && config.demo && !existsSync(path.join(config.dataDir, 'pglite'))) {
    // Loading the demo grows a process by ~170 MB of native memory it never gives back: a child
    // process creates and seeds the new embedded database, and this one serves it.
    await runChild('seed-demo');
  }
  // The database opens while the app's code loads (imported only now) and the app is built.
  const opening = openAndMigrate(config, log);
  opening.catch(() => undefined);
  const { prepare, startBackground, stopBackground } = await import('./runtime.js');
  const { app, deps } = await prepare(config, log, opening);
  claim?.serve(deps.db);
  await startBackground(deps);
  await app.listen({ port: config.port, host: config.host });
  log(
    `serving ${config.publicUrl} on ${deps.db.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}`,
  );

  const shutdown = async () => {
    await app.close();
    await claim?.release();
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
