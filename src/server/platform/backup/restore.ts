import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Database, Queryable } from '../../db/client.js';
import { migrate, MIGRATIONS_DIR } from '../../db/migrate.js';
import {
  countUsers,
  insertRows,
  listTables,
  recordMigration,
  resetSchema,
  setSequence,
  setStableOutput,
  summarizeTable,
  suspendTriggers,
  tableColumns,
  truncateTables,
  type TableColumns,
} from './backup.repository.js';
import { BackupError, listStoredFiles, sha256OfFile, unpackArchive, type BackupManifest } from './archive.js';

export type RestoreOptions = {
  db: Database;
  dataDir: string;
  file: string;
  /** Replace a target that already holds data. */
  force?: boolean;
  migrationsDir?: string;
  log?: (message: string) => void;
};

const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1_048_576;

/**
 * Restores an archive into the target database and file store: refuses an archive from a newer
 * schema and a target holding data (unless `force`). The schema is rebuilt by replaying the
 * archive's own migrations (so the role relais_app, grants, functions and row-level security
 * policies are exactly what Relais creates), the rows are loaded and checked against the
 * manifest's counts and checksums, all in one transaction; then newer migrations of this
 * Relais run and the files are put back, each checked against its SHA-256 name.
 */
export async function restoreBackup(options: RestoreOptions): Promise<BackupManifest> {
  const { db, dataDir } = options;
  const log = options.log ?? (() => undefined);
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  await mkdir(dataDir, { recursive: true });
  const staging = await mkdtemp(path.join(dataDir, '.restore-'));
  try {
    const manifest = await unpackArchive(path.resolve(options.file), staging);
    log(
      `archive: Relais ${manifest.relaisVersion}, schema ${manifest.schemaVersion}, made ${manifest.createdAt} on ${manifest.source.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${manifest.source.serverVersion}`,
    );
    await refuseNewerSchema(manifest, migrationsDir);
    await refuseNonEmptyTarget(db, dataDir, Boolean(options.force));
    const files = await checkArchiveFiles(staging, manifest);

    const started = Date.now();
    await db.transaction(async (tx) => {
      await resetSchema(tx);
      for (const name of manifest.migrations) {
        await tx.exec(await readFile(path.join(migrationsDir, name), 'utf8'));
        await recordMigration(tx, name);
      }
      log(`schema rebuilt from ${manifest.migrations.length} migrations (roles, functions, policies)`);
      await suspendTriggers(tx).catch((error: { code?: string; message?: string }) => {
        if (error.code !== '42501') throw error;
        throw new BackupError(
          `restoring needs a superuser connection on a PostgreSQL server (or a role granted SET on session_replication_role): ${error.message}. Nothing was changed.`,
        );
      });
      await setStableOutput(tx);
      const tables = await listTables(tx);
      const unknown = Object.keys(manifest.tables).filter((table) => !tables.includes(table));
      if (unknown.length)
        throw new BackupError(`The archive holds tables its schema does not create: ${unknown.join(', ')}.`);
      await truncateTables(tx, tables);
      for (const table of Object.keys(manifest.tables)) {
        const loaded = await loadTable(
          tx,
          await tableColumns(tx, table),
          path.join(staging, 'database', `${table}.ndjson`),
        );
        if (loaded) log(`  ${table}: ${loaded} rows`);
      }
      for (const [name, state] of Object.entries(manifest.sequences)) await setSequence(tx, name, state);
      await verifyTables(tx, manifest);
      log(
        `database loaded and verified in ${((Date.now() - started) / 1000).toFixed(1)} s: every table's count and checksum match the manifest`,
      );
    });

    const applied = await migrate(db, migrationsDir);
    if (applied.length) log(`schema upgraded: ${applied.join(', ')}`);
    await replaceFiles(staging, dataDir, files.length);
    log(`uploaded files: ${files.length} restored, each checked against its SHA-256`);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function refuseNewerSchema(manifest: BackupManifest, migrationsDir: string): Promise<void> {
  const known = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql')).sort();
  const missing = manifest.migrations.filter((name) => !known.includes(name));
  if (!missing.length) return;
  const newest = known.at(-1) ?? '(none)';
  throw new BackupError(
    manifest.schemaVersion > newest
      ? `This archive has schema ${manifest.schemaVersion}, newer than this Relais (schema ${newest}). Install Relais ${manifest.relaisVersion} or later, then restore.`
      : `This archive's schema has migrations this Relais does not know (${missing.join(', ')}): restore it with the Relais that wrote it (${manifest.relaisVersion}).`,
  );
}

async function refuseNonEmptyTarget(db: Database, dataDir: string, force: boolean): Promise<void> {
  const users = await countUsers(db);
  const files = (await listStoredFiles(path.join(dataDir, 'files'))).length;
  if (!users && !files) return;
  const where = db.kind === 'pglite' ? `PGlite in ${dataDir}` : 'the PostgreSQL database of DATABASE_URL';
  if (!force) {
    throw new BackupError(
      `The target already holds data (${where}: ${users} users, ${files} uploaded files). Restoring replaces all of it: run again with --force to do so.`,
    );
  }
}

async function loadTable(tx: Queryable, table: TableColumns, file: string): Promise<number> {
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) throw new BackupError(`The archive lacks the rows of table ${table.name}.`);
  let batch: string[] = [];
  let bytes = 0;
  let total = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    batch.push(line);
    bytes += line.length;
    if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) {
      await insertRows(tx, table, batch);
      total += batch.length;
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) await insertRows(tx, table, batch);
  return total + batch.length;
}

async function verifyTables(tx: Queryable, manifest: BackupManifest): Promise<void> {
  const wrong: string[] = [];
  for (const [table, expected] of Object.entries(manifest.tables)) {
    const actual = await summarizeTable(tx, table);
    if (actual.rows !== expected.rows || actual.checksum !== expected.checksum) {
      wrong.push(`${table} (${actual.rows} rows, archive says ${expected.rows})`);
    }
  }
  if (wrong.length)
    throw new BackupError(
      `Restored data differs from the archive's manifest in ${wrong.join(', ')}: nothing was changed.`,
    );
}

/** Checks every file of the archive before anything is changed. */
async function checkArchiveFiles(staging: string, manifest: BackupManifest): Promise<string[]> {
  const source = path.join(staging, 'files');
  const files = await listStoredFiles(source);
  if (files.length !== manifest.files.count)
    throw new BackupError(
      `The archive holds ${files.length} files, its manifest says ${manifest.files.count}.`,
    );
  for (const relative of files) {
    if ((await sha256OfFile(path.join(source, relative))) !== path.basename(relative)) {
      throw new BackupError(
        `Uploaded file ${relative} in the archive is damaged (its content does not match its SHA-256).`,
      );
    }
  }
  return files;
}

/** Replaces the file store with the archive's (checked) files. */
async function replaceFiles(staging: string, dataDir: string, count: number): Promise<void> {
  const source = path.join(staging, 'files');
  const target = path.join(dataDir, 'files');
  await rm(target, { recursive: true, force: true });
  if (count) await rename(source, target);
}
