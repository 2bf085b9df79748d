import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import {
  BackupError,
  backupThroughServer,
  createBackup,
  restoreBackup,
  runningServer,
} from '../platform/backup/index.js';

const where = (config: Config) =>
  config.databaseUrl ? `PostgreSQL (${redact(config.databaseUrl)})` : `PGlite in ${config.dataDir}`;

/** The connection string without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** `relais backup FILE.tar.gz`: database, uploaded files and manifest in one archive. */
export async function runBackupCommand(
  config: Config,
  args: string[],
  log: (message: string) => void,
): Promise<void> {
  const [file, ...extra] = args;
  if (!file || extra.length || file.startsWith('-')) throw new Error('Usage: relais backup FILE.tar.gz');
  const started = Date.now();
  log(`backup of ${where(config)} and its uploaded files to ${path.resolve(file)}`);
  const server = config.databaseUrl ? null : await runningServer(config.dataDir);
  if (server) {
    // PGlite belongs to the running server: it writes the archive itself (see server-link.ts).
    log(
      `Relais is running on this DATA_DIR (process ${server}): it writes the backup, its own writes wait for the snapshot`,
    );
    await backupThroughServer(config.dataDir, server, path.resolve(file), log);
    log(`backup done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  const db = await openDatabase(config);
  try {
    // An older database is brought to this Relais' schema first, as `start` would.
    const applied = await migrate(db);
    if (applied.length) log(`migrations applied first: ${applied.join(', ')}`);
    const manifest = await createBackup({
      db,
      dataDir: config.dataDir,
      file,
      relaisVersion: config.version,
      log,
    });
    const rows = Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0);
    log(
      `backup done in ${((Date.now() - started) / 1000).toFixed(1)} s: schema ${manifest.schemaVersion}, ${rows} rows, ${manifest.files.count} files`,
    );
  } finally {
    await db.close();
  }
}

/** `relais restore FILE.tar.gz [--force]`: into DATABASE_URL, else PGlite in DATA_DIR. */
export async function runRestoreCommand(
  config: Config,
  args: string[],
  log: (message: string) => void,
): Promise<void> {
  const force = args.includes('--force');
  const rest = args.filter((arg) => arg !== '--force');
  const [file, ...extra] = rest;
  if (!file || extra.length || file.startsWith('-'))
    throw new Error('Usage: relais restore FILE.tar.gz [--force]');
  const started = Date.now();
  log(
    `restore of ${path.resolve(file)} into ${where(config)}${force ? ' (--force: existing data is replaced)' : ''}`,
  );
  // Before opening the database: a mistyped name must not create an empty PGlite instance.
  if (
    !(await stat(file).then(
      (found) => found.isFile(),
      () => false,
    ))
  )
    throw new Error(`restore refused: no archive at ${path.resolve(file)}.`);
  const server = config.databaseUrl ? null : await runningServer(config.dataDir);
  if (server)
    throw new Error(
      `restore refused: Relais is running on this DATA_DIR (process ${server}). Stop it, then restore.`,
    );
  const db = await openDatabase(config);
  try {
    await restoreBackup({ db, dataDir: config.dataDir, file, force, log });
    log(
      `restore done in ${((Date.now() - started) / 1000).toFixed(1)} s: start Relais with the same ${config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR'}`,
    );
  } catch (error) {
    if (error instanceof BackupError) throw new Error(`restore refused: ${error.message}`, { cause: error });
    throw error;
  } finally {
    await db.close();
  }
}
