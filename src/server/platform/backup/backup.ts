import { createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { Database } from '../../db/client.js';
import {
  beginSnapshot,
  listMigrations,
  listTables,
  readRows,
  readSequences,
  serverVersion,
  setStableOutput,
  summarizeTable,
} from './backup.repository.js';
import {
  listStoredFiles,
  MANIFEST_NAME,
  newManifestBase,
  packArchive,
  type BackupManifest,
} from './archive.js';

export type BackupOptions = {
  db: Database;
  dataDir: string;
  /** The archive to write (.tar.gz); replaced atomically when it exists. */
  file: string;
  relaisVersion: string;
  log?: (message: string) => void;
};

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Writes one archive: every table's rows (JSON lines) read in ONE snapshot, the uploaded files
 * and a manifest (version, schema version, per-table counts and checksums). On PostgreSQL the
 * snapshot is a REPEATABLE READ transaction, so instances keep serving writes meanwhile. On
 * PGlite the transaction holds the single connection: the server's own writes wait for it.
 */
export async function createBackup(options: BackupOptions): Promise<BackupManifest> {
  const { db, dataDir } = options;
  const log = options.log ?? (() => undefined);
  const file = path.resolve(options.file);
  // Staging beside the file store, so uploaded files are hard links rather than copies.
  const staging = await mkdtemp(path.join(dataDir, '.backup-'));
  try {
    await mkdir(path.join(staging, 'database'));
    const snapshot = await db.transaction(async (tx) => {
      await beginSnapshot(tx);
      await setStableOutput(tx);
      const migrations = await listMigrations(tx);
      const tables: BackupManifest['tables'] = {};
      for (const table of await listTables(tx)) {
        tables[table] = await summarizeTable(tx, table);
        const out = createWriteStream(path.join(staging, 'database', `${table}.ndjson`));
        for await (const rows of readRows(tx, table)) {
          if (!out.write(`${rows.join('\n')}\n`)) await once(out, 'drain');
        }
        out.end();
        await once(out, 'finish');
        if (tables[table].rows) log(`  ${table}: ${tables[table].rows} rows`);
      }
      return {
        migrations,
        tables,
        sequences: await readSequences(tx),
        serverVersion: await serverVersion(tx),
      };
    });
    log(`database read in one snapshot: ${Object.keys(snapshot.tables).length} tables`);

    // Files are content-addressed and written before the rows naming them commit: every file
    // the snapshot refers to is already there.
    const stored = await listStoredFiles(path.join(dataDir, 'files'));
    let bytes = 0;
    for (const relative of stored) {
      const source = path.join(dataDir, 'files', relative);
      const target = path.join(staging, 'files', relative);
      await mkdir(path.dirname(target), { recursive: true });
      await link(source, target).catch(() => copyFile(source, target));
      bytes += (await stat(source)).size;
    }
    log(`uploaded files: ${stored.length} (${megabytes(bytes)})`);

    const manifest: BackupManifest = {
      ...newManifestBase,
      relaisVersion: options.relaisVersion,
      createdAt: new Date().toISOString(),
      source: { engine: db.kind, serverVersion: snapshot.serverVersion },
      schemaVersion: snapshot.migrations.at(-1) ?? '',
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      sequences: snapshot.sequences,
      files: { count: stored.length, bytes },
    };
    await writeFile(path.join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await packArchive(staging, partial);
    await rename(partial, file);
    log(`wrote ${file} (${megabytes((await stat(file)).size)})`);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
