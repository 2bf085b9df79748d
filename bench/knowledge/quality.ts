import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeps } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { loadActor, runAsActor } from '../../src/server/db/access.js';
import { openPglite } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { searchKnowledge } from '../../src/server/modules/knowledge/search/search.service.js';
import { findSimilar } from '../../src/server/modules/knowledge/search/similar.service.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Quality: eval/fr.tsv and eval/en.tsv (written for the bench, not from the demo data) hold
 * one answer per line — title, solution, then two questions a user would type — so 100
 * judged questions per language. Relais (search and similar cases) against a plain BM25 on
 * the same items (lower-cased words, no stemming, no accent folding, k1 1.2, b 0.75).
 */
type Doc = { id: string; lang: string; title: string; body: string };
type Question = { lang: string; text: string; answer: string };

const tokens = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export function bm25(docs: Doc[]) {
  const index = docs.map((doc) => {
    const terms = tokens(`${doc.title} ${doc.title} ${doc.body}`);
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return { id: doc.id, tf, length: terms.length };
  });
  const average = index.reduce((sum, d) => sum + d.length, 0) / index.length;
  const df = new Map<string, number>();
  for (const d of index) for (const term of d.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return (query: string) => {
    const q = [...new Set(tokens(query))];
    return index
      .map((d) => ({
        id: d.id,
        score: q.reduce((sum, term) => {
          const f = d.tf.get(term) ?? 0;
          if (!f) return sum;
          const n = df.get(term) ?? 0;
          const idf = Math.log(1 + (index.length - n + 0.5) / (n + 0.5));
          return sum + (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.length) / average));
        }, 0),
      }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((r) => r.id);
  };
}

function metrics(rankings: { ranked: string[]; answer: string }[]) {
  let p1 = 0;
  let mrr = 0;
  for (const { ranked, answer } of rankings) {
    const position = ranked.slice(0, 10).indexOf(answer);
    if (position === 0) p1 += 1;
    if (position >= 0) mrr += 1 / (position + 1);
  }
  return { p1: p1 / rankings.length, mrr: mrr / rankings.length };
}

export async function runQuality() {
  const db = await openPglite();
  await migrate(db);
  await db.query(`insert into teams (name, kind) values ('Eval', 'nation')`);
  const [user] = await db.query<{ id: string }>(
    `insert into users (email, password_hash, first_name, last_name, role, team_id) values ('eval@relais.bench', 'x', 'Eval', 'Rep', 'rep', (select id from teams limit 1)) returning id`,
  );
  const docs: Doc[] = [];
  const questions: Question[] = [];
  for (const lang of ['fr', 'en']) {
    const lines = (await readFile(path.join(here, 'eval', `${lang}.tsv`), 'utf8'))
      .split('\n')
      .filter(Boolean);
    for (const line of lines) {
      const [title, body, ...asked] = line.split('\t');
      const [row] = await db.query<{ id: string }>(
        `insert into knowledge_items (type, title, problem, body_md, lang, status, owner_id) values ('answer', $1, $1, $2, $3, 'published', $4) returning id`,
        [title, body, lang, user.id],
      );
      docs.push({ id: row.id, lang, title, body });
      for (const text of asked) questions.push({ lang, text, answer: row.id });
    }
  }
  await db.query(`select knowledge_refresh_stats()`);
  const actor = (await loadActor(db, user.id))!;
  const deps = createDeps(loadConfig({ DATA_DIR: here, LOG_LEVEL: 'silent' }), db);
  const baseline = bm25(docs);
  console.log(`quality: ${docs.length} judged answers, ${questions.length} questions (bench/knowledge/eval)`);
  for (const lang of ['fr', 'en']) {
    const asked = questions.filter((q) => q.lang === lang);
    const search: { ranked: string[]; answer: string }[] = [];
    const similar: { ranked: string[]; answer: string }[] = [];
    for (const q of asked) {
      await runAsActor(db, actor, async (tx) => {
        const ctx = { actor, tx, deps, requestId: 'eval', locale: 'fr' as const };
        search.push({
          ranked: (await searchKnowledge(ctx, { q: q.text, limit: 10, prefix: false })).items.map(
            (i) => i.id,
          ),
          answer: q.answer,
        });
        similar.push({
          ranked: (await findSimilar(ctx, { text: q.text }, 10)).items.map((i) => i.answerId),
          answer: q.answer,
        });
      });
    }
    const bm = metrics(asked.map((q) => ({ ranked: baseline(q.text), answer: q.answer })));
    const s = metrics(search);
    const m = metrics(similar);
    const f = (x: number) => x.toFixed(3);
    console.log(
      `${lang} (${asked.length} questions)  BM25 baseline P@1 ${f(bm.p1)} MRR ${f(bm.mrr)} | Relais search P@1 ${f(s.p1)} MRR ${f(s.mrr)} | Relais similar cases P@1 ${f(m.p1)} MRR ${f(m.mrr)}`,
    );
  }
  await db.close();
}
