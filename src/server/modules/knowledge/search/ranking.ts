import type { Queryable } from '../../../db/client.js';
import { bm25Scores, exactWords, rankingStats, type ScoredTerm } from './ranking.repository.js';
import type { RankedRow } from './search.repository.js';
import type { QueryTerms } from './terms.js';

/**
 * Relevance ranking of knowledge (KB-3): which items are scored, and how.
 *
 * Candidates. Every item holding one of the query's selective lexemes is scored: lexemes are
 * taken rarest first while their items add up to at most SELECTIVE_BUDGET, so on a small base
 * every match is scored (plain BM25 over all of them) and on a large one the common words
 * ("client", "livraison" in 97 % of 1M items) only count in the score, like BM25's max-score
 * pruning. Items holding every word (up to CANDIDATE_CAP, best static score first) are added,
 * so a query of common words alone still has its best candidates.
 *
 * Score. BM25F (k1 1.2, b 0.75; title ×2.5, tags and problem ×1.5, body ×1), the static score
 * (status, usefulness, reuse) a gentle prior of ±15 %, and a small bonus per word found as
 * written rather than only through its stem, so "équipement" ranks items about équipements
 * before those about équipes.
 */
export const SELECTIVE_BUDGET = 2000;
export const CANDIDATE_CAP = 400;
export const BM25 = { k1: 1.2, b: 0.75, title: 2.5, problem: 1.5 };
const EXACT_BONUS = 0.1;
const EXACT_CHECKED = 50;

export type WeightedLexeme = ScoredTerm & { ndoc: number };

const quote = (lexeme: string, prefix: boolean) => `'${lexeme.replace(/'/g, "''")}'${prefix ? ':*' : ''}`;

/** The terms' lexemes with BM25's IDF from the live statistics (a prefix: as rare as its stem, at least). */
export async function weighTerms(tx: Queryable, terms: QueryTerms) {
  const all = terms.words.flatMap((word, index) => word.lexemes.map((l) => ({ ...l, word: index })));
  const stats = await rankingStats(
    tx,
    all.map((l) => l.lexeme),
  );
  const total = Math.max(stats.total, 1);
  const lexemes: WeightedLexeme[] = all.map((l) => {
    const ndoc = stats.ndoc.get(l.lexeme) ?? 0;
    const idf = Math.log(1 + (total - ndoc + 0.5) / (ndoc + 0.5));
    return { word: l.word, lexeme: l.lexeme, prefix: l.prefix, ndoc, weight: idf * l.factor };
  });
  return { lexemes, averageLength: Math.max(stats.averageLength, 1), total: stats.total };
}

/** Each word as an OR of its lexemes, all ANDed: the items holding every word. */
export function everyWordTsquery(terms: QueryTerms): string {
  return terms.words
    .map((word) => `(${word.lexemes.map((l) => quote(l.lexeme, l.prefix)).join(' | ')})`)
    .join(' & ');
}

/** The rarest lexemes, while their items add up to the budget; '' when the rarest alone is common. */
export function selectiveTsquery(lexemes: WeightedLexeme[], budget = SELECTIVE_BUDGET): string {
  const chosen: string[] = [];
  let items = 0;
  // A prefix has no count of its own: it is a candidate source only through "every word".
  for (const lexeme of [...lexemes].filter((l) => !l.prefix).sort((a, b) => a.ndoc - b.ndoc)) {
    if (lexeme.ndoc === 0) continue;
    if (items + lexeme.ndoc > budget) break;
    items += lexeme.ndoc;
    chosen.push(quote(lexeme.lexeme, false));
  }
  return [...new Set(chosen)].join(' | ');
}

/** Scores the candidates and returns them best first (`score`: relevance × prior + exact bonus). */
export async function rankByRelevance(
  tx: Queryable,
  ids: string[],
  weighted: Awaited<ReturnType<typeof weighTerms>>,
  words: string[],
): Promise<RankedRow[]> {
  if (ids.length === 0) return [];
  const rows = await bm25Scores(tx, ids, weighted.lexemes, {
    ...BM25,
    averageLength: weighted.averageLength,
  });
  for (const row of rows)
    row.score = row.relevance * (0.85 + 0.15 * Math.min(Math.max(row.static_score, 0), 2));
  rows.sort(byScore);
  const head = rows.slice(0, EXACT_CHECKED);
  if (words.length && head.length) {
    const exact = await exactWords(
      tx,
      head.map((row) => row.id),
      words,
    );
    const best = head[0].score || 1;
    for (const row of head)
      row.score += EXACT_BONUS * best * ((exact.get(row.id)?.length ?? 0) / words.length);
    rows.sort(byScore);
  }
  return rows;
}

const byScore = (a: RankedRow, b: RankedRow) => b.score - a.score || (a.id < b.id ? -1 : 1);
