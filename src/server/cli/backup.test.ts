import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { create, extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createDeps } from '../app.js';
import { loadConfig } from '../config.js';
import { openPglite, openPostgres, type Database } from '../db/client.js';
import { storeFile } from '../platform/files.js';
import {
  backupThroughServer,
  claimDataDir,
  createBackup,
  restoreBackup,
  runningServer,
} from '../platform/backup/index.js';
import { listTables, setStableOutput, summarizeTable } from '../platform/backup/backup.repository.js';
import { listStoredFiles } from '../platform/backup/archive.js';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { TestClient } from '../../../test/client.js';
import { testDatabaseUrl, urlForDatabase, withAdminClient } from '../../../test/template.js';

/** Every table's row count and checksum, as the manifest computes them. */
async function summaries(db: Database) {
  return db.transaction(async (tx) => {
    await setStableOutput(tx);
    const result: Record<string, { rows: number; checksum: string }> = {};
    for (const table of await listTables(tx)) result[table] = await summarizeTable(tx, table);
    return result;
  });
}

/** An empty target of the engine under test: in-memory PGlite, or a new database on the server. */
let blankPglite: Blob | undefined;
async function emptyTarget(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) {
    // initdb once (the slow part), then each target starts from a copy of that blank instance.
    if (!blankPglite) {
      const blank = await openPglite();
      blankPglite = await blank.pglite!.dumpDataDir('gzip');
      await blank.close();
    }
    const db = await openPglite({ loadDataDir: blankPglite });
    return { db, drop: () => db.close() };
  }
  // A database of our own, never the suite's template.
  const name = `relais_restore_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const db = await openPostgres(urlForDatabase(testDatabaseUrl, name), { max: 2 });
  return {
    db,
    drop: async () => {
      await db.close();
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

describe(`backup and restore (${testDatabaseUrl ? 'PostgreSQL' : 'PGlite'})`, { timeout: 180_000 }, () => {
  let source: TestApp;
  let work: string;
  let archive: string;
  const targets: { drop: () => Promise<void> }[] = [];

  beforeAll(async () => {
    source = await createTestApp();
    work = await mkdtemp(path.join(os.tmpdir(), 'relais-backup-'));
    // Uploaded files: a binary one and a text one.
    await storeFile(
      source.config.dataDir,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(70_000)]),
      'application/pdf',
    );
    await storeFile(source.config.dataDir, Buffer.from('Fiche produit — tarif 2026\n', 'utf8'), 'text/plain');
    // A write through the app, so the archive holds more than the fixture.
    const rep = await source.login('rep@relais.demo');
    expect(
      (await rep.post('/api/v1/accounts', { name: 'Boulangerie Sauvegarde', kind: 'prospect' })).statusCode,
    ).toBe(201);
    archive = path.join(work, 'relais.tar.gz');
    await createBackup({
      db: source.db,
      dataDir: source.config.dataDir,
      file: archive,
      relaisVersion: '0.1.0',
    });
  });

  afterAll(async () => {
    for (const target of targets) await target.drop();
    await source?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('restores identical data: every table count and checksum, files byte for byte, and the manifest says so', async () => {
    const target = await emptyTarget();
    targets.push(target);
    const dataDir = path.join(work, 'restored');
    const manifest = await restoreBackup({ db: target.db, dataDir, file: archive });

    const before = await summaries(source.db);
    expect(Object.keys(before).length).toBeGreaterThan(30);
    expect(before.accounts.rows).toBeGreaterThan(0);
    expect(await summaries(target.db)).toEqual(before);
    expect(manifest.tables).toEqual(before);
    expect(manifest.schemaVersion).toBe(
      (await source.db.query<{ name: string }>('select max(name) as name from schema_migrations'))[0].name,
    );

    const files = await listStoredFiles(path.join(source.config.dataDir, 'files'));
    expect(files).toHaveLength(2);
    expect(await listStoredFiles(path.join(dataDir, 'files'))).toEqual(files);
    for (const file of files) {
      expect(
        (await readFile(path.join(dataDir, 'files', file))).equals(
          await readFile(path.join(source.config.dataDir, 'files', file)),
        ),
      ).toBe(true);
    }

    // The app starts on the restored database and row-level security still filters.
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      RELAIS_DEMO: '0',
      PUBLIC_URL: 'http://relais.test',
    });
    const deps = createDeps(config, target.db);
    const app = await buildApp(deps, { logger: false });
    try {
      const count = async (client: TestClient) =>
        (await client.get('/api/v1/accounts?limit=1')).json().total as number;
      const [restoredRep, restoredAdmin] = [new TestClient(app), new TestClient(app)];
      await restoredRep.signIn('rep3@relais.demo', 'relais-demo');
      await restoredAdmin.signIn('admin@relais.demo', 'relais-demo');
      expect(await count(restoredRep)).toBe(await count(await source.login('rep3@relais.demo')));
      expect(await count(restoredRep)).toBeLessThan(await count(restoredAdmin));
      const [policies] = await target.db.query<{ count: number }>(
        `select count(*)::int as count from pg_policies where schemaname = 'public'`,
      );
      expect(policies.count).toBe(
        (
          await source.db.query<{ count: number }>(
            `select count(*)::int as count from pg_policies where schemaname = 'public'`,
          )
        )[0].count,
      );
    } finally {
      await app.close();
      await deps.jobs.stop();
      deps.mailer.close();
    }
  });

  it('takes one snapshot while the app serves writes: each account in the archive has its event, none without', async () => {
    const before = new Set(
      (
        await source.db.query<{ id: string }>(
          `select payload->>'accountId' as id from outbox_events where type = 'account.created'`,
        )
      ).map((row) => row.id),
    );
    const rep = await source.login('rep@relais.demo');
    const writes = Array.from({ length: 12 }, (_, i) =>
      rep.post('/api/v1/accounts', { name: `Pendant la sauvegarde ${i}`, kind: 'prospect' }),
    );
    const during = path.join(work, 'during.tar.gz');
    await createBackup({
      db: source.db,
      dataDir: source.config.dataDir,
      file: during,
      relaisVersion: '0.1.0',
    });
    expect((await Promise.all(writes)).map((response) => response.statusCode)).toEqual(Array(12).fill(201));

    const unpacked = path.join(work, 'during');
    await mkdir(unpacked);
    await extract({ file: during, cwd: unpacked });
    const rows = async (table: string) =>
      (await readFile(path.join(unpacked, 'database', `${table}.ndjson`), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    const accounts = (await rows('accounts'))
      .filter((row) => row.name.startsWith('Pendant la sauvegarde'))
      .map((row) => row.id as string);
    const events = (await rows('outbox_events'))
      .filter((row) => row.type === 'account.created' && !before.has(row.payload.accountId))
      .map((row) => row.payload.accountId as string);
    // The account and its event commit together: a snapshot holds both or neither.
    expect(events.sort()).toEqual(accounts.sort());
  });

  it('asks the running server for the backup: the archive is written by the process that holds the database', async () => {
    const claim = await claimDataDir({ dataDir: source.config.dataDir, relaisVersion: '0.1.0' });
    try {
      expect(await readFile(path.join(source.config.dataDir, 'relais.pid'), 'utf8')).toBe(
        String(process.pid),
      );
      claim.serve(source.db);
      const lines: string[] = [];
      const file = path.join(work, 'through-server.tar.gz');
      await backupThroughServer(source.config.dataDir, process.pid, file, (line) => lines.push(line));
      expect(lines.at(-1)).toMatch(/^wrote .*through-server\.tar\.gz/);
      const target = await emptyTarget();
      targets.push(target);
      const manifest = await restoreBackup({
        db: target.db,
        dataDir: path.join(work, 'through-server'),
        file,
      });
      expect(manifest.tables.users.rows).toBeGreaterThan(0);
    } finally {
      await claim.release();
    }
    expect(await runningServer(source.config.dataDir)).toBeNull();
  });

  it('refuses a target that holds data unless --force', async () => {
    const target = await emptyTarget();
    targets.push(target);
    const dataDir = path.join(work, 'twice');
    await restoreBackup({ db: target.db, dataDir, file: archive });
    await target.db.query(`insert into settings (key, value) values ('after.restore', '1')`);
    await expect(restoreBackup({ db: target.db, dataDir, file: archive })).rejects.toThrow(
      /already holds data .*--force/,
    );
    expect(await target.db.query(`select 1 from settings where key = 'after.restore'`)).toHaveLength(1);

    const manifest = await restoreBackup({ db: target.db, dataDir, file: archive, force: true });
    expect(await target.db.query(`select 1 from settings where key = 'after.restore'`)).toHaveLength(0);
    expect(await summaries(target.db)).toEqual(manifest.tables);
  });

  it.skipIf(!testDatabaseUrl)(
    'on a PostgreSQL server, says a restore needs a superuser and changes nothing',
    async () => {
      const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
      const [role, database] = [`relais_restorer_${suffix}`, `relais_restore_${suffix}`];
      await withAdminClient(async (client) => {
        await client.query(`create role ${role} login`);
        await client.query(`create database ${database} owner ${role}`);
      });
      const url = new URL(urlForDatabase(testDatabaseUrl!, database));
      url.username = role;
      const db = await openPostgres(url.toString(), { max: 1 });
      try {
        await expect(
          restoreBackup({ db, dataDir: path.join(work, 'not-superuser'), file: archive }),
        ).rejects.toThrow(/needs a superuser.*Nothing was changed/);
        expect(await db.query(`select to_regclass('public.users') as found`)).toEqual([{ found: null }]);
      } finally {
        await db.close();
        await withAdminClient(async (client) => {
          await client.query(`drop database if exists ${database} with (force)`);
          await client.query(`drop role if exists ${role}`);
        });
      }
    },
  );

  it.skipIf(!testDatabaseUrl)(
    'restores a PostgreSQL server archive into embedded PGlite as well',
    async () => {
      const db = await openPglite();
      targets.push({ drop: () => db.close() });
      const manifest = await restoreBackup({ db, dataDir: path.join(work, 'back-to-pglite'), file: archive });
      expect(manifest.source.engine).toBe('postgres');
      expect(await summaries(db)).toEqual(manifest.tables);
    },
  );

  it('refuses an archive from a newer schema, and leaves the target untouched', async () => {
    const unpacked = path.join(work, 'newer');
    await rm(unpacked, { recursive: true, force: true });
    await mkdir(unpacked);
    await extract({ file: archive, cwd: unpacked });
    const manifestFile = path.join(unpacked, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    manifest.migrations.push('9999_from_the_future.sql');
    manifest.schemaVersion = '9999_from_the_future.sql';
    manifest.relaisVersion = '9.0.0';
    await writeFile(manifestFile, JSON.stringify(manifest));
    const newer = path.join(work, 'newer.tar.gz');
    await create({ gzip: true, file: newer, cwd: unpacked }, ['manifest.json', 'database', 'files']);

    const target = await emptyTarget();
    targets.push(target);
    await expect(
      restoreBackup({ db: target.db, dataDir: path.join(work, 'refused'), file: newer }),
    ).rejects.toThrow(
      /schema 9999_from_the_future\.sql, newer than this Relais .*Install Relais 9\.0\.0 or later/,
    );
    expect(await target.db.query(`select to_regclass('public.users') as found`)).toEqual([{ found: null }]);
  });
});
