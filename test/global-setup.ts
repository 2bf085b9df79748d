import { mkdir, writeFile } from 'node:fs/promises';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/app.js';
import { openPglite, openPostgres, type Database } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedDemo } from '../src/server/runtime.js';
import {
  PGLITE_TEMPLATE,
  TEMPLATE_DIR,
  pgTemplateName,
  testDatabaseUrl,
  urlForDatabase,
  withAdminClient,
} from './template.js';

async function migrateAndSeed(db: Database) {
  await migrate(db);
  const deps = createDeps(loadConfig({ DATA_DIR: TEMPLATE_DIR, LOG_LEVEL: 'silent' }), db);
  await seedDemo(db, deps, { size: 'small' });
}

/**
 * Builds the migrated, seeded test database once per run (initdb is the slow part); every
 * test file then starts from a copy: a PGlite dump, or a PostgreSQL TEMPLATE database.
 */
export default async function setup() {
  if (testDatabaseUrl) {
    const name = pgTemplateName();
    // Rebuilt every run: the seed code changes as often as the migrations do.
    await withAdminClient(async (client) => {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`create database ${name}`);
    });
    const db = await openPostgres(urlForDatabase(testDatabaseUrl, name), { max: 2 });
    await migrateAndSeed(db);
    await db.close();
    return;
  }
  await mkdir(TEMPLATE_DIR, { recursive: true });
  const db = await openPglite();
  await migrateAndSeed(db);
  const dump = await db.pglite!.dumpDataDir('gzip');
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}
