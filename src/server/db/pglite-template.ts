import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import type { Config } from '../config.js';
import { openDatabase, openPglite, type Database } from './client.js';
import { migrate, MIGRATIONS_DIR } from './migrate.js';

/**
 * A blank embedded database with every migration applied, built with the server bundle
 * (`scripts/ensure-server-build.mjs` runs `main.mjs build-template`). A first start on an empty
 * DATA_DIR loads it instead of running initdb and the migrations, which took most of the
 * time before the demo loads. Its name holds a hash of the migrations, so a changed migration
 * means a new template, and a stale one is never used.
 */
async function templatePath(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort())
    hash.update(file).update(await readFile(path.join(MIGRATIONS_DIR, file)));
  return path.join(PROJECT_ROOT, 'dist/server', `pglite-blank-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** Writes the template for the current migrations unless it exists; returns its path. */
export async function buildPgliteTemplate(): Promise<string> {
  const file = await templatePath();
  if (existsSync(file)) {
    // Touched, so the build script sees it as newer than the migrations it was made from.
    const now = new Date();
    await utimes(file, now, now);
    return file;
  }
  const db = await openPglite();
  try {
    await migrate(db);
    const dump = await db.pglite!.dumpDataDir('gzip');
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    // Templates of earlier migrations are never used again.
    for (const name of await readdir(path.dirname(file)))
      if (name.startsWith('pglite-blank-') && path.join(path.dirname(file), name) !== file)
        await rm(path.join(path.dirname(file), name), { force: true });
  } finally {
    await db.close();
  }
  return file;
}

/**
 * Opens the database the server starts on. An embedded database that does not exist yet starts
 * from the template when there is one for the current migrations (else PGlite runs initdb).
 */
export async function openDatabaseForStart(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'pgliteSharedBuffers'>,
): Promise<Database> {
  const directory = `${config.dataDir}/pglite`;
  if (!config.databaseUrl && !existsSync(directory)) {
    const template = await templatePath();
    if (existsSync(template))
      return openPglite({
        dataDir: directory,
        loadDataDir: new Blob([await readFile(template)]),
        sharedBuffers: config.pgliteSharedBuffers,
      });
  }
  return openDatabase(config);
}
