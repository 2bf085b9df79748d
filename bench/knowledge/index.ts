import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDeps } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { loadActor, runAsActor } from '../../src/server/db/access.js';
import { openPglite, openPostgres, type Database } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { searchKnowledge } from '../../src/server/modules/knowledge/search/search.service.js';
import { COMMON_WORDS, generateItems, RARE_WORDS } from './generate.js';
import { runEvalSets } from './eval-sets.js';
import { runQuality } from './quality.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CACHE = path.join(here, '..', '.cache');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function ensureUser(db: Database) {
  await db.query(
    `insert into teams (name, kind) select 'Bench', 'nation' where not exists (select 1 from teams)`,
  );
  await db.query(
    `insert into users (email, password_hash, first_name, last_name, role, team_id) values ('bench@relais.bench', 'x', 'Bench', 'Rep', 'rep', (select id from teams limit 1))
     on conflict do nothing`,
  );
  const [user] = await db.query<{ id: string }>(`select id from users where email = 'bench@relais.bench'`);
  return user.id;
}

/** Searches as a rep (row-level security on), `runs` times per query; prints p50/p95 per group. */
async function measure(label: string, db: Database, runs = 30) {
  const userId = await ensureUser(db);
  const actor = (await loadActor(db, userId))!;
  const deps = createDeps(loadConfig({ DATA_DIR: CACHE, LOG_LEVEL: 'silent' }), db);
  const groups: Record<string, string[]> = {
    'rare word': RARE_WORDS.slice(0, 4),
    'very common word': COMMON_WORDS,
    'two common words': ['client livraison', 'contrat remise', 'commande retard', 'four panne'],
    'prefix (typing)': ['livr', 'maint', 'contr', 'factu'],
  };
  for (const [group, queries] of Object.entries(groups)) {
    const times: number[] = [];
    let hits = 0;
    for (const q of queries)
      await runAsActor(db, actor, (tx) =>
        searchKnowledge({ actor, tx, deps, requestId: 'warm-up', locale: 'fr' }, { q, limit: 20 }),
      );
    for (let run = 0; run < runs; run += 1) {
      for (const q of queries) {
        const started = performance.now();
        const result = await runAsActor(db, actor, (tx) =>
          searchKnowledge({ actor, tx, deps, requestId: 'bench', locale: 'fr' }, { q, limit: 20 }),
        );
        times.push(performance.now() - started);
        hits = Math.max(hits, result.total);
      }
    }
    console.log(
      `${label.padEnd(22)} ${group.padEnd(18)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms   (${times.length} searches, up to ${hits} candidates)`,
    );
  }
}

async function pgliteBench(count: number) {
  const dir = path.join(CACHE, `kb-pglite-${count}`);
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  await mkdir(dir, { recursive: true });
  const db = await openPglite({ dataDir: dir });
  try {
    await migrate(db); // a cached base gets the migrations added since it was generated
    if (fresh) {
      const started = Date.now();
      await generateItems(db, count, await ensureUser(db));
      console.log(
        `generated ${count} items into PGlite in ${((Date.now() - started) / 1000).toFixed(0)} s (cached in ${path.relative(process.cwd(), dir)})`,
      );
    }
    await measure(`PGlite ${count / 1000}k`, db);
  } catch (error) {
    await db.close();
    if (fresh) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await db.close();
}

async function postgresBench(count: number) {
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL at ${PG_URL} unreachable: skipped`);
    return;
  }
  const name = 'relais_bench_kb';
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { max: 2 });
  try {
    const started = Date.now();
    await migrate(db);
    await generateItems(db, count, await ensureUser(db), 100_000);
    console.log(
      `generated ${count} items into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    await measure(`PostgreSQL ${count / 1_000_000}M`, db);
  } finally {
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function run() {
  await mkdir(CACHE, { recursive: true });
  const only = process.env.BENCH_KB ?? 'pglite,postgres,quality,eval';
  if (only.includes('quality')) await runQuality();
  if (only.includes('eval')) await runEvalSets();
  if (only.includes('pglite')) await pgliteBench(Number(process.env.BENCH_KB_PGLITE ?? 100_000));
  if (only.includes('postgres')) await postgresBench(Number(process.env.BENCH_KB_PG ?? 1_000_000));
}
