import type { Queryable } from '../../../db/client.js';
import { bm25Scores, exactWords, rankingStats, type ScoredTerm } from './ranking.repository.js';
import type { RankedRow } from './search.repository.js';
import { foldWord, type QueryTerms } from './terms.js';

/** The folded words of a text, stop words included. */
export const foldTokens = (text: string) =>
  text
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(foldWord);

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
/** The weight of the question's form found in a title (see `questionFormBonus`), against the best relevance. */
const QUESTION_FORM_WEIGHT = 1;
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
  questionWords: string[] = [],
): Promise<RankedRow[]> {
  if (ids.length === 0) return [];
  const rows = await bm25Scores(tx, ids, weighted.lexemes, {
    ...BM25,
    averageLength: weighted.averageLength,
  });
  for (const row of rows)
    row.score = row.relevance * (0.85 + 0.15 * Math.min(Math.max(row.static_score, 0), 2));
  questionFormBonus(rows, questionWords);
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

/**
 * BM25F of a text known by its lexemes' counts in a title-like and a body-like part (an
 * activity's subject and text), with the same terms, parameters and average length as the
 * items: a past visit is scored on the same scale as the answers it sits beside.
 */
export function scoreCounts(
  weighted: Awaited<ReturnType<typeof weighTerms>>,
  counts: { length: number; subject: Record<string, number>; text: Record<string, number> },
): number {
  const norm = BM25.k1 * (1 - BM25.b + (BM25.b * Math.max(counts.length, 1)) / weighted.averageLength);
  const bestPerWord = new Map<number, number>();
  const countOf = (part: Record<string, number>, lexeme: string, prefix: boolean) =>
    prefix
      ? Object.entries(part).reduce((sum, [key, n]) => sum + (key.startsWith(lexeme) ? n : 0), 0)
      : (part[lexeme] ?? 0);
  for (const term of weighted.lexemes) {
    const tf =
      BM25.title * countOf(counts.subject, term.lexeme, term.prefix) +
      countOf(counts.text, term.lexeme, term.prefix);
    if (tf === 0) continue;
    const score = (term.weight * tf * (BM25.k1 + 1)) / (tf + norm);
    bestPerWord.set(term.word, Math.max(bestPerWord.get(term.word) ?? 0, score));
  }
  return [...bestPerWord.values()].reduce((sum, value) => sum + value, 0);
}

/**
 * The form of the question, matched in titles. The stop words of a question ("how many", "can I",
 * « combien ») carry no subject, so they find nothing, but an FAQ title is itself a question and
 * one asked in the same form is more often the same question ("How many people died?" → "How
 * many cases are there?"). Among the scored candidates whose title is a question, each of the question's stop words found
 * in a title adds its rarity among those titles (an IDF, so the "de" and "la" of every title add
 * almost nothing), as a share of the best relevance.
 */
function questionFormBonus(rows: RankedRow[], questionWords: string[]): void {
  if (questionWords.length === 0 || rows.length === 0) return;
  const best = Math.max(...rows.map((row) => row.score)) || 1;
  // Only a title asked as a question has a question's form (not "Chopin" or « Garantie four »).
  const titles = rows.map((row) => new Set(/\?/.test(row.title) ? foldTokens(row.title) : []));
  const rarity = questionWords.map((word) => {
    const holding = titles.filter((title) => title.has(word)).length;
    return Math.log(1 + (rows.length - holding + 0.5) / (holding + 0.5));
  });
  const whole = rarity.reduce((sum, value) => sum + value, 0) || 1;
  rows.forEach((row, index) => {
    const found = questionWords.reduce((sum, word, i) => sum + (titles[index].has(word) ? rarity[i] : 0), 0);
    row.score += QUESTION_FORM_WEIGHT * best * (found / whole);
  });
}

const byScore = (a: RankedRow, b: RankedRow) => b.score - a.score || (a.id < b.id ? -1 : 1);
