import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, createDeps, type RelaisApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openPglite } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { DEMO_PASSWORD, identityModule } from '../../src/server/modules/identity/index.js';
import { refreshSearchStats } from '../../src/server/modules/knowledge/index.js';

/**
 * BENCH_KB=eval: retrieval on public collections with real people's questions (the JSON sets
 * of ../shared/eval, or BENCH_KB_EVAL_DIR): `items` {key, title, body, lang}, `queries`
 * {q, gold}, `baselines`. Each set runs on a fresh embedded database with only the demo
 * accounts: the items are imported through the API (published, public), then every question
 * is asked as rep@relais.demo right away, and again after the statistics refresh. Printed
 * beside the file's baseline and a BM25 computed here on the same items and questions (k1 1.2,
 * b 0.75, accents folded, no stemming, title and body as one text). BENCH_KB_EVAL_SIMILAR=1 adds
 * similar cases (POST /api/v1/knowledge/similar, as long again); BENCH_KB_EVAL_SETS=piaf,covid
 * picks sets by file name. BENCH_KB_EVAL_REPLAY=1 then replays learning from use (KB-3 item 5):
 * every other question (the even ones) is asked by the rep and its gold item marked "utile"
 * with the search's id, as the web does; the odd half is measured before and after.
 */
type EvalSet = {
  name?: string;
  items: { key: string; title: string; body: string; lang: 'fr' | 'en' }[];
  queries: { q: string; gold: string[] }[];
  baselines?: Record<string, { 'P@1': number; MRR: number }>;
};

const here = path.dirname(fileURLToPath(import.meta.url));

function evalDir(): string | null {
  if (process.env.BENCH_KB_EVAL_DIR) return process.env.BENCH_KB_EVAL_DIR;
  // The shared folder sits beside the checkout (/work/main) or beside the worktrees' folder.
  const candidates = [
    path.resolve(here, '../../../shared/eval'),
    path.resolve(here, '../../../../shared/eval'),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? null;
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Plain BM25 (k1 1.2, b 0.75), accents folded, no stemming, title and body as one text. */
function bm25(items: EvalSet['items']) {
  const index = items.map((item) => {
    const terms = fold(`${item.title} ${item.body}`);
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return { key: item.key, tf, length: terms.length };
  });
  const average = index.reduce((sum, d) => sum + d.length, 0) / index.length;
  const df = new Map<string, number>();
  for (const d of index) for (const term of d.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return (query: string) => {
    const terms = [...new Set(fold(query))];
    return index
      .map((d) => {
        let score = 0;
        for (const term of terms) {
          const f = d.tf.get(term);
          if (!f) continue;
          const n = df.get(term)!;
          const idf = Math.log(1 + (index.length - n + 0.5) / (n + 0.5));
          score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.length) / average));
        }
        return { key: d.key, score };
      })
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10)
      .map((r) => r.key);
  };
}

function score(rankings: { ranked: string[]; gold: string[] }[]) {
  let p1 = 0;
  let mrr = 0;
  for (const { ranked, gold } of rankings) {
    const position = ranked.slice(0, 10).findIndex((key) => gold.includes(key));
    if (position === 0) p1 += 1;
    if (position >= 0) mrr += 1 / (position + 1);
  }
  return `P@1 ${(p1 / rankings.length).toFixed(3)} MRR ${(mrr / rankings.length).toFixed(3)}`;
}

async function signIn(app: RelaisApp, email: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: DEMO_PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email}: ${response.statusCode}`);
  const session = response.cookies.find((cookie) => cookie.name === 'relais_session')!;
  return { cookie: `relais_session=${session.value}`, 'x-csrf-token': response.json().csrfToken as string };
}

/** Runs `task` over `inputs` with `width` in flight; results in input order. */
async function pool<T, R>(inputs: T[], width: number, task: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await task(inputs[index]);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

async function runSet(file: string) {
  const set: EvalSet = JSON.parse(await readFile(file, 'utf8'));
  const name = set.name ?? path.basename(file, '.json');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'relais-bench-eval-'));
  const db = await openPglite();
  const deps = createDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RELAIS_DEMO: '0' }), db);
  const app = await buildApp(deps, { logger: false });
  try {
    await migrate(db);
    await identityModule.seedDemo!(db, deps, { size: 'small' });
    await app.ready();
    const admin = await signIn(app, 'admin@relais.demo');
    const started = Date.now();
    const ndjson = set.items
      .map((item) =>
        JSON.stringify({
          type: 'answer',
          title: item.title,
          body: item.body,
          lang: item.lang,
          status: 'published',
        }),
      )
      .join('\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/knowledge/import',
      headers: { ...admin, 'content-type': 'application/x-ndjson' },
      payload: ndjson,
    });
    if (imported.statusCode !== 201)
      throw new Error(`import: ${imported.statusCode} ${imported.body.slice(0, 300)}`);
    const keyOf = new Map<string, string>(
      (imported.json().ids as string[]).map((id, index) => [id, set.items[index].key]),
    );
    const importSeconds = (Date.now() - started) / 1000;
    const rep = await signIn(app, 'rep@relais.demo');
    const searchAsRep = async (q: string) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/knowledge/search?q=${encodeURIComponent(q.slice(0, 300))}&limit=10`,
        headers: { cookie: rep.cookie },
      });
      if (response.statusCode !== 200) throw new Error(`search "${q}": ${response.statusCode}`);
      const body = response.json() as { searchId: string | null; items: { id: string }[] };
      return { searchId: body.searchId, ranked: body.items.map((item) => keyOf.get(item.id) ?? '') };
    };
    const rankAll = (queries: EvalSet['queries']) =>
      pool(queries, 4, async ({ q, gold }) => ({ ranked: (await searchAsRep(q)).ranked, gold }));
    const ask = async () => {
      const began = Date.now();
      const search = await rankAll(set.queries);
      const searchSeconds = (Date.now() - began) / 1000;
      if (!process.env.BENCH_KB_EVAL_SIMILAR)
        return `search ${score(search)}   (${((searchSeconds * 1000) / set.queries.length).toFixed(0)} ms/search)`;
      const similar = await pool(set.queries, 4, async ({ q, gold }) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/knowledge/similar',
          headers: rep,
          payload: { text: q.padEnd(3, ' ?').slice(0, 4000), limit: 10 },
        });
        if (response.statusCode !== 200) throw new Error(`similar "${q}": ${response.statusCode}`);
        const ranked = (response.json().items as { answerId: string }[]).map(
          (item) => keyOf.get(item.answerId) ?? '',
        );
        return { ranked, gold };
      });
      return `search ${score(search)} | similar cases ${score(similar)}   (${((searchSeconds * 1000) / set.queries.length).toFixed(0)} ms/search)`;
    };
    const baseline = bm25(set.items);
    const bm = score(set.queries.map(({ q, gold }) => ({ ranked: baseline(q), gold })));
    const written = Object.entries(set.baselines ?? {})
      .map(([label, value]) => `P@1 ${value['P@1'].toFixed(3)} MRR ${value.MRR.toFixed(3)} (${label})`)
      .join('; ');
    console.log(
      `${name}: ${set.items.length} items (imported in ${importSeconds.toFixed(0)} s), ${set.queries.length} questions`,
    );
    console.log(`  baseline in the file      ${written || 'none'}`);
    console.log(`  BM25 in this run          ${bm}`);
    console.log(`  Relais right after import ${await ask()}`);
    await db.transaction((tx) => refreshSearchStats(tx));
    console.log(`  Relais after stats refresh ${await ask()}`);
    if (process.env.BENCH_KB_EVAL_REPLAY) {
      // Learning from use: the even questions are accepted answers, the odd ones are measured.
      const taught = set.queries.filter((_, index) => index % 2 === 0);
      const measured = set.queries.filter((_, index) => index % 2 === 1);
      const idOf = new Map([...keyOf].map(([id, key]) => [key, id]));
      const before = score(await rankAll(measured));
      const began = Date.now();
      const learned = await pool(taught, 2, async ({ q, gold }) => {
        const { searchId } = await searchAsRep(q);
        const itemId = idOf.get(gold[0]);
        if (!searchId || !itemId) return false;
        const response = await app.inject({
          method: 'POST',
          url: `/api/v1/knowledge/${itemId}/votes`,
          headers: rep,
          payload: { useful: true, searchId },
        });
        if (response.statusCode !== 200) throw new Error(`vote "${q}": ${response.statusCode}`);
        return response.json().learned as boolean;
      });
      const seconds = (Date.now() - began) / 1000;
      console.log(
        `  replay: ${taught.length} questions marked useful (${learned.filter(Boolean).length} kept as phrasings, ${seconds.toFixed(0)} s); the other ${measured.length}:`,
      );
      console.log(`    before the replay         search ${before}`);
      console.log(`    after the replay          search ${score(await rankAll(measured))}`);
    }
  } finally {
    await app.close();
    await deps.jobs.stop();
    deps.mailer.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function runEvalSets() {
  const dir = evalDir();
  if (!dir) {
    console.log('eval: no ../shared/eval folder (set BENCH_KB_EVAL_DIR): skipped');
    return;
  }
  const only = process.env.BENCH_KB_EVAL_SETS?.split(',');
  const files = (await readdir(dir))
    .filter((file) => file.endsWith('.json') && (!only || only.some((name) => file.startsWith(name))))
    .sort();
  for (const file of files) await runSet(path.join(dir, file));
}
