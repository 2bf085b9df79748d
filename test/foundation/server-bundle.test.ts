import { execFile } from 'node:child_process';
import { isBuiltin } from 'node:module';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/client.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'relais-bundle-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('npm start runs the bundled server', () => {
  it('builds dist/server/main.mjs, which finds the migrations from the project root', async () => {
    await run(process.execPath, ['scripts/ensure-server-build.mjs'], { cwd: ROOT });
    expect((await stat(path.join(ROOT, 'dist/server/main.mjs'))).size).toBeGreaterThan(1_000);
    const dataDir = await tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    // Run from another directory: the bundle must not depend on where it is started.
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'dist/server/main.mjs'), 'migrate'], {
      cwd: os.tmpdir(),
      env,
    });
    expect(stdout).toContain('applied 0001_foundation.sql');
    expect(stdout).toContain('0100_crm.sql');
  }, 120_000);
});

describe('what a start loads', () => {
  const bundled = async () => {
    await run(process.execPath, ['scripts/ensure-server-build.mjs'], { cwd: ROOT });
    const chunks = path.join(ROOT, 'dist/server/chunks');
    const names = (await readdir(chunks)).filter((name) => name.endsWith('.mjs'));
    return Promise.all(
      [path.join(ROOT, 'dist/server/main.mjs'), ...names.map((name) => path.join(chunks, name))].map(
        async (file) => ({ file, text: await readFile(file, 'utf8') }),
      ),
    );
  };

  it('carries its packages inside the bundle, except those that find files beside their code', async () => {
    const files = await bundled();
    const packages = new Set(
      files.flatMap(({ text }) =>
        [...text.matchAll(/(?:^|[\s;])(?:import|export)\b[^'"]*?from\s*["']([^"'./][^"']*)["']/g)].map(
          (match) => match[1],
        ),
      ),
    );
    const outside = [...packages].filter((name) => !isBuiltin(name));
    const allowed = ['@electric-sql/pglite', '@fastify/swagger-ui', '@node-rs/argon2'];
    expect(
      outside.filter((name) => !allowed.some((root) => name === root || name.startsWith(`${root}/`))),
    ).toEqual([]);
    expect(outside).toContain('@electric-sql/pglite');
  }, 120_000);

  it('leaves demo data, pdf-lib, nodemailer and the PostgreSQL driver to chunks loaded on demand', async () => {
    const files = await bundled();
    // Chunks a start reads: main.mjs and everything it imports statically, transitively.
    const byName = new Map(files.map((entry) => [path.basename(entry.file), entry.text]));
    const loaded = new Set<string>();
    const visit = (name: string) => {
      if (loaded.has(name)) return;
      loaded.add(name);
      for (const match of byName
        .get(name)!
        .matchAll(/(?:import|export)\b[^'"]*?from\s*["']\.\/(?:chunks\/)?([^"']+)["']/g))
        visit(path.basename(match[1]));
    };
    visit('main.mjs');
    const startCode = [...loaded].map((name) => byName.get(name)!).join('\n');
    for (const lazy of [
      'node_modules/pdf-lib/',
      'node_modules/nodemailer/',
      'node_modules/pg/lib/',
      'node_modules/iconv-lite/',
      'src/server/modules/knowledge/demo/',
    ])
      expect(startCode, lazy).not.toContain(lazy);
    // …yet they are in the bundle, for the start that needs them.
    expect(files.some(({ text }) => text.includes('node_modules/pdf-lib/'))).toBe(true);
  }, 120_000);
});

describe('PGLITE_SHARED_BUFFERS', () => {
  it('sizes the embedded database buffer cache (32MB unless set) and refuses a malformed size', async () => {
    const dataDir = await tempDir();
    expect(loadConfig({ DATA_DIR: dataDir }).pgliteSharedBuffers).toBe('32MB');
    const db = await openDatabase(loadConfig({ DATA_DIR: dataDir, PGLITE_SHARED_BUFFERS: '16MB' }));
    try {
      const [row] = await db.query<{ shared_buffers: string }>('show shared_buffers');
      expect(row.shared_buffers).toBe('16MB');
    } finally {
      await db.close();
    }
    expect(() => loadConfig({ DATA_DIR: dataDir, PGLITE_SHARED_BUFFERS: '16 MB; drop' })).toThrow();
  }, 60_000);
});

describe('the blank database template', () => {
  it('starts an empty DATA_DIR from the migrated template, which then reopens as a normal database', async () => {
    const { buildPgliteTemplate, openDatabaseForStart } =
      await import('../../src/server/db/pglite-template.js');
    const { migrate } = await import('../../src/server/db/migrate.js');
    const template = await buildPgliteTemplate();
    expect(path.basename(template)).toMatch(/^pglite-blank-[0-9a-f]{16}\.tar\.gz$/);
    const config = loadConfig({ DATA_DIR: await tempDir() });
    const first = await openDatabaseForStart(config);
    try {
      // Every migration is already applied: nothing left for the start to do.
      expect(await migrate(first)).toEqual([]);
      await first.query(`insert into settings (key, value) values ('template.test', '"kept"')`);
    } finally {
      await first.close();
    }
    const again = await openDatabaseForStart(config);
    try {
      const [row] = await again.query<{ value: string }>(
        `select value from settings where key = 'template.test'`,
      );
      expect(row.value).toBe('kept');
    } finally {
      await again.close();
    }
  }, 120_000);
});
