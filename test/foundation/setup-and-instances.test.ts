import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, createDeps } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openPglite, openPostgres, type Database } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { emitEvent } from '../../src/server/platform/events.js';
import { startBackground, stopBackground } from '../../src/server/runtime.js';
import { expectProblem, TestClient } from '../client.js';
import { testDatabaseUrl, urlForDatabase, withAdminClient } from '../template.js';
import http from 'node:http';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('first start without demo data (RELAIS_DEMO=0)', () => {
  it('offers the first-admin setup once, then signs the admin in', async () => {
    const db = await openPglite();
    cleanups.push(() => db.close());
    await migrate(db);
    const app = await buildApp(
      createDeps(
        loadConfig({ DATA_DIR: '/tmp/relais-setup-test', LOG_LEVEL: 'silent', RELAIS_DEMO: '0' }),
        db,
      ),
      { logger: false },
    );
    cleanups.push(() => app.close());
    const client = new TestClient(app);
    expect((await client.get('/api/v1/setup')).json()).toEqual({ needsSetup: true });
    expectProblem(
      await client.post('/api/v1/setup', {
        organisationName: 'Maison Arnaud',
        firstName: 'Claire',
        lastName: 'Arnaud',
        email: 'claire@arnaud.fr',
        password: 'court',
      }),
      400,
      'validation_failed',
    );
    const done = await client.post('/api/v1/setup', {
      organisationName: 'Maison Arnaud',
      firstName: 'Claire',
      lastName: 'Arnaud',
      email: 'claire@arnaud.fr',
      password: 'un-mot-de-passe-long',
    });
    expect(done.statusCode).toBe(201);
    expect(done.json().user).toMatchObject({ role: 'admin', teamName: 'Maison Arnaud' });
    expect((await client.get('/api/v1/setup')).json()).toEqual({ needsSetup: false });
    expectProblem(
      await client.post('/api/v1/setup', {
        organisationName: 'Autre',
        firstName: 'A',
        lastName: 'B',
        email: 'a@b.fr',
        password: 'un-mot-de-passe-long',
      }),
      409,
      'setup.done',
    );
    await client.signIn('claire@arnaud.fr', 'un-mot-de-passe-long');
    expect((await client.get('/api/v1/me')).json().email).toBe('claire@arnaud.fr');
  });
});

describe.runIf(testDatabaseUrl)('several instances on one PostgreSQL server (OPS-1)', () => {
  let url = '';
  const openFresh = async () => {
    const name = `relais_multi_${Date.now()}`;
    await withAdminClient((client) => client.query(`create database ${name}`));
    cleanups.push(() =>
      withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
    );
    return urlForDatabase(testDatabaseUrl!, name);
  };

  it('applies migrations once when instances start together (advisory lock)', async () => {
    url = await openFresh();
    const dbs: Database[] = await Promise.all([openPostgres(url), openPostgres(url), openPostgres(url)]);
    cleanups.push(async () => {
      for (const db of dbs) await db.close();
    });
    const results = await Promise.all(dbs.map((db) => migrate(db)));
    const applied = results.flat();
    expect(new Set(applied).size).toBe(applied.length);
    expect(results.filter((names) => names.length > 0)).toHaveLength(1);
    const [{ count }] = await dbs[0].query<{ count: number }>(
      `select count(*)::int as count from schema_migrations`,
    );
    expect(count).toBe(applied.length);
  });

  it('fans an event out to an SSE client connected to another instance (LISTEN/NOTIFY)', async () => {
    const dbA = await openPostgres(url);
    const dbB = await openPostgres(url);
    const config = loadConfig({ DATA_DIR: '/tmp/relais-multi', LOG_LEVEL: 'silent' });
    const depsA = createDeps(config, dbA);
    const depsB = createDeps(config, dbB);
    const appA = await buildApp(depsA, { logger: false });
    const appB = await buildApp(depsB, { logger: false });
    cleanups.push(async () => {
      await appA.close();
      await appB.close();
      await stopBackground(depsA);
      await stopBackground(depsB);
      await dbA.close();
      await dbB.close();
    });
    const { seedDemo } = await import('../../src/server/runtime.js');
    await seedDemo(dbA, depsA, { size: 'small' });
    await startBackground(depsA);
    await startBackground(depsB);
    const addressB = await appB.listen({ port: 0, host: '127.0.0.1' });
    const rep = new TestClient(appB);
    await rep.signIn('rep@relais.demo', 'relais-demo');
    const chunks: string[] = [];
    const request = http.get(
      `${addressB}/api/v1/events/stream`,
      { headers: { cookie: rep.cookie! } },
      (response) => response.on('data', (chunk) => chunks.push(String(chunk))),
    );
    cleanups.push(async () => void request.destroy());
    while (!chunks.join('').includes('ready')) await new Promise((r) => setTimeout(r, 20));
    await dbA.transaction((tx) =>
      emitEvent(tx, { type: 'test.cross_instance', payload: {}, recipients: [rep.userId!] }),
    );
    const started = Date.now();
    while (!chunks.join('').includes('test.cross_instance') && Date.now() - started < 5000)
      await new Promise((r) => setTimeout(r, 20));
    expect(chunks.join('')).toContain('event: test.cross_instance');
  });
});
