import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, createDeps, type RelaisApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { prepare, seedDemo } from '../runtime.js';
import { listStoredFiles } from '../platform/backup/archive.js';
import { runBackupCommand, runRestoreCommand } from './backup.js';
import { TestClient } from '../../../test/client.js';
import { testDatabaseUrl, urlForDatabase, withAdminClient } from '../../../test/template.js';

const quiet = { LOG_LEVEL: 'silent', RELAIS_DEMO_SIZE: 'small', PUBLIC_URL: 'http://relais.test' };

/** Accounts each demo person reads through the API (row-level security decides). */
async function accountsSeenBy(app: RelaisApp): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (const email of ['rep@relais.demo', 'rep3@relais.demo', 'admin@relais.demo']) {
    const client = new TestClient(app);
    await client.signIn(email, 'relais-demo');
    const response = await client.get('/api/v1/accounts?limit=1');
    expect(response.statusCode).toBe(200);
    seen[email] = response.json().total;
  }
  return seen;
}

// The README's three commands: backup on PGlite, restore with DATABASE_URL, start with DATABASE_URL.
describe.skipIf(!testDatabaseUrl)(
  'outgrowing one machine: PGlite backup restored into a PostgreSQL server',
  { timeout: 180_000 },
  () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('restores a demo PGlite instance into a fresh database, where the app starts and RLS filters as before', async () => {
      const work = await mkdtemp(path.join(os.tmpdir(), 'relais-move-'));
      cleanups.push(() => rm(work, { recursive: true, force: true }));
      const log = (line: string) => lines.push(line);
      const lines: string[] = [];

      // 1. The embedded instance, with the demo company, as `relais start` leaves it.
      const embedded = loadConfig({ ...quiet, DATA_DIR: path.join(work, 'embedded') });
      await mkdir(embedded.dataDir, { recursive: true });
      const pglite = await openDatabase(embedded);
      await migrate(pglite);
      const embeddedDeps = createDeps(embedded, pglite);
      await seedDemo(pglite, embeddedDeps, { size: 'small' });
      const embeddedApp = await buildApp(embeddedDeps, { logger: false });
      const before = await accountsSeenBy(embeddedApp);
      await embeddedApp.close();
      await embeddedDeps.jobs.stop();
      embeddedDeps.mailer.close();
      await pglite.close();
      expect(before['rep3@relais.demo']).toBeLessThan(before['admin@relais.demo']);

      // 2. `relais backup` on PGlite.
      const archive = path.join(work, 'relais.tar.gz');
      await runBackupCommand(embedded, [archive], log);

      // 3. `relais restore` with DATABASE_URL: a database of its own, not the suite's template.
      const name = `relais_move_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await withAdminClient((client) => client.query(`create database ${name}`));
      cleanups.push(() =>
        withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)),
      );
      const server = loadConfig({
        ...quiet,
        DATA_DIR: path.join(work, 'server'),
        DATABASE_URL: urlForDatabase(testDatabaseUrl!, name),
      });
      await runRestoreCommand(server, [archive], log);
      expect(lines.some((line) => /every table's count and checksum match/.test(line))).toBe(true);

      // 4. `relais start` with DATABASE_URL: prepare() is what start runs (migrate, no second demo seed, buildApp).
      const { app, deps } = await prepare(server, log);
      cleanups.push(async () => {
        await app.close();
        await deps.jobs.stop();
        deps.mailer.close();
        await deps.db.close();
      });
      expect(deps.db.kind).toBe('postgres');
      expect(await accountsSeenBy(app)).toEqual(before);
      expect(lines.some((line) => /demo company loaded/.test(line))).toBe(false);

      const files = await listStoredFiles(path.join(embedded.dataDir, 'files'));
      expect(files.length).toBeGreaterThan(0);
      expect(await listStoredFiles(path.join(server.dataDir, 'files'))).toEqual(files);
      for (const file of files) {
        expect(
          (await readFile(path.join(server.dataDir, 'files', file))).equals(
            await readFile(path.join(embedded.dataDir, 'files', file)),
          ),
        ).toBe(true);
      }
    });
  },
);
