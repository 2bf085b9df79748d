import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { buildApp, createDeps, type RelaisApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { openPglite, openPostgres, type Database } from '../src/server/db/client.js';
import type { AppDeps } from '../src/server/platform/context.js';
import {
  PGLITE_TEMPLATE,
  pgTemplateName,
  testDatabaseUrl,
  urlForDatabase,
  withAdminClient,
} from './template.js';
import { TestClient } from './client.js';

export type TestApp = {
  app: RelaisApp;
  deps: AppDeps;
  db: Database;
  config: Config;
  /** A client signed in as `email` (password relais-demo), with its cookie and CSRF token. */
  login(email: string, password?: string): Promise<TestClient>;
  /** A client that sends no credentials. */
  anonymous(): TestClient;
  close(): Promise<void>;
};

/** A fresh copy of the test database (the fixed demo accounts, small demo data) and the real app. */
export async function createTestApp(
  overrides: Partial<Record<string, string>> = {},
  options: { webDist?: string } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'relais-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RELAIS_DEMO: '0',
    PUBLIC_URL: 'http://relais.test',
    ...overrides,
  });
  let db: Database;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (testDatabaseUrl) {
    const name = `relais_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await withAdminClient((client) => client.query(`create database ${name} template ${pgTemplateName()}`));
    db = await openPostgres(urlForDatabase(testDatabaseUrl, name), { max: 4 });
    dropDatabase = () =>
      withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      );
  } else {
    db = await openPglite({ loadDataDir: new Blob([await readFile(PGLITE_TEMPLATE)]) });
  }
  const deps = createDeps(config, db);
  const app = await buildApp(deps, { logger: false, webDist: options.webDist });
  await app.ready();
  return {
    app,
    deps,
    db,
    config,
    async login(email, password = 'relais-demo') {
      const client = new TestClient(app);
      await client.signIn(email, password);
      return client;
    },
    anonymous: () => new TestClient(app),
    async close() {
      await app.close();
      await deps.jobs.stop();
      deps.mailer.close();
      await db.close();
      await dropDatabase?.();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
