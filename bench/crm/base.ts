import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDeps } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openPglite, openPostgres, type Database } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { seedDemo } from '../../src/server/runtime.js';
import { generateScaleData, sizesFor, type BuildInfo } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
export const CACHE_DIR = path.join(root, 'bench/.cache');

/** An open scale base, ready for the app: `release()` closes it (and drops a PGlite working copy). */
export type ScaleBase = {
  db: Database;
  dataDir: string;
  databaseUrl?: string;
  info: BuildInfo;
  reused: boolean;
  release(): Promise<void>;
};

/**
 * What the base depends on: the migrations, this generator and the scale. Any change (a new
 * migration landing, say) gives another signature, and the cached base is rebuilt.
 */
export async function baseSignature(scale: number): Promise<string> {
  const hash = createHash('sha256').update(`scale=${scale}\n`);
  const migrations = (await readdir(path.join(root, 'migrations')))
    .filter((name) => name.endsWith('.sql'))
    .sort();
  for (const name of migrations)
    hash.update(name).update(await readFile(path.join(root, 'migrations', name)));
  for (const name of ['generate.ts', 'names.ts'])
    hash.update(name).update(await readFile(path.join(here, name)));
  return hash.digest('hex').slice(0, 16);
}

/** Migrates an empty database, seeds the full demo company, then the scale data. */
async function build(
  db: Database,
  dataDir: string,
  scale: number,
  signature: string,
  log: (message: string) => void,
): Promise<BuildInfo> {
  const started = performance.now();
  await migrate(db);
  const deps = createDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RELAIS_DEMO: '0' }), db);
  const seedStarted = performance.now();
  await seedDemo(db, deps, { size: 'full' });
  deps.mailer.close();
  log(`  demo company in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  const generated = await generateScaleData(db, sizesFor(scale), log);
  const info: BuildInfo = { ...generated, buildSeconds: (performance.now() - started) / 1000 };
  await db.query(
    `insert into relais_bench.build (signature, scale, big_account_id, counts, build_seconds) values ($1, $2, $3, $4, $5)`,
    [signature, scale, info.bigAccountId, JSON.stringify(info.counts), info.buildSeconds],
  );
  return info;
}

async function readMarker(db: Database, signature: string): Promise<BuildInfo | null> {
  const [{ present }] = await db.query<{ present: boolean }>(
    `select to_regclass('relais_bench.build') is not null as present`,
  );
  if (!present) return null;
  const [row] = await db.query<{
    big_account_id: string;
    counts: Record<string, number>;
    build_seconds: number;
  }>(`select big_account_id, counts, build_seconds from relais_bench.build where signature = $1`, [
    signature,
  ]);
  return row
    ? { bigAccountId: row.big_account_id, counts: row.counts, buildSeconds: row.build_seconds }
    : null;
}

/** Working copies of runs that were killed (their process is gone): each can weigh gigabytes. */
async function removeAbandonedCopies() {
  for (const entry of await readdir(CACHE_DIR).catch(() => [] as string[])) {
    const pid = Number(/^crm-work-(\d+)$/.exec(entry)?.[1]);
    if (!pid || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) await rm(path.join(CACHE_DIR, entry), { recursive: true, force: true });
  }
}

/**
 * The PGlite base: built once into `bench/.cache/crm-pglite-s<scale>` and reused while its
 * signature holds; each run works on a copy (`crm-work-<pid>`, removed at the end, or by the
 * next run when this one was killed), so what the app writes never reaches the cache.
 */
export async function pgliteBase(scale: number, log: (message: string) => void): Promise<ScaleBase> {
  const signature = await baseSignature(scale);
  const cacheDir = path.join(CACHE_DIR, `crm-pglite-s${scale}`);
  const cached = await readFile(path.join(cacheDir, 'signature'), 'utf8').catch(() => '');
  let reused = cached === signature;
  if (!reused) {
    log(`building the PGlite base in ${path.relative(root, cacheDir)} (signature ${signature})`);
    await rm(cacheDir, { recursive: true, force: true });
    const building = `${cacheDir}.building`;
    await rm(building, { recursive: true, force: true });
    await mkdir(building, { recursive: true });
    const db = await openPglite({ dataDir: path.join(building, 'pglite') });
    try {
      const info = await build(db, building, scale, signature, log);
      log(`  built in ${info.buildSeconds.toFixed(0)} s`);
    } finally {
      await db.close();
    }
    await writeFile(path.join(building, 'signature'), signature);
    await rename(building, cacheDir);
  }
  const copyStarted = performance.now();
  await removeAbandonedCopies();
  const workDir = path.join(CACHE_DIR, `crm-work-${process.pid}`);
  await rm(workDir, { recursive: true, force: true });
  await cp(path.join(cacheDir, 'pglite'), path.join(workDir, 'pglite'), { recursive: true });
  log(
    `${reused ? 'reusing the cached PGlite base' : 'base ready'}; working copy in ${((performance.now() - copyStarted) / 1000).toFixed(1)} s`,
  );
  const openStarted = performance.now();
  const db = await openPglite({ dataDir: path.join(workDir, 'pglite') });
  log(`PGlite opened in ${((performance.now() - openStarted) / 1000).toFixed(1)} s`);
  const info = await readMarker(db, signature);
  if (!info)
    throw new Error(`the cached PGlite base in ${cacheDir} has no build marker; delete it and run again`);
  return {
    db,
    dataDir: workDir,
    info,
    reused,
    async release() {
      await db.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** `BENCH_DATABASE_URL`, or the local server's `relais_bench_crm` (suffixed for a scale other than 1). */
export function postgresUrl(scale: number): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const suffix = scale === 1 ? '' : `_s${String(scale).replace(/\W/g, '_')}`;
  return `postgres://root@127.0.0.1:5432/relais_bench_crm${suffix}`;
}

/**
 * The PostgreSQL base: created when missing, reused when its `relais_bench.build` marker has
 * this signature, dropped and rebuilt otherwise.
 */
export async function postgresBase(scale: number, log: (message: string) => void): Promise<ScaleBase> {
  const signature = await baseSignature(scale);
  const url = postgresUrl(scale);
  const name = new URL(url).pathname.slice(1);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  let db: Database | null = null;
  let reused = false;
  let info: BuildInfo | null = null;
  try {
    const exists = (await admin.query(`select 1 from pg_database where datname = $1`, [name])).rowCount! > 0;
    if (exists) {
      db = await openPostgres(url);
      info = await readMarker(db, signature);
      if (info) reused = true;
      else {
        await db.close();
        db = null;
        log(`${name} was built for another schema or generator: rebuilding it`);
        await admin.query(`drop database "${name.replace(/"/g, '')}" with (force)`);
      }
    }
    if (!info) {
      log(`building the PostgreSQL base ${name} (signature ${signature})`);
      await admin.query(`create database "${name.replace(/"/g, '')}"`);
      db = await openPostgres(url);
      const filesDir = await mkdtemp(path.join(os.tmpdir(), 'relais-bench-crm-pg-'));
      info = await build(db, filesDir, scale, signature, log);
      await rm(filesDir, { recursive: true, force: true });
      log(`  built in ${info.buildSeconds.toFixed(0)} s`);
    } else log(`reusing the PostgreSQL base ${name}`);
  } finally {
    await admin.end();
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'relais-bench-crm-files-'));
  const open = db!;
  return {
    db: open,
    dataDir,
    databaseUrl: url,
    info: info!,
    reused,
    async release() {
      await open.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
